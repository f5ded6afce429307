import { hashSequence } from '../sketch/hash.js';

/**
 * The LSH band keys of one signature, the one definition of a band key: the signature at
 * signature[offset, offset + bands × rows) is cut into `bands` bands of `rows` values, and band b's key
 * is a 32-bit hash of its values seeded with b (equal values in two bands give different keys). A rare
 * key collision only adds a candidate, which verification then rejects. Writes out[at, at + bands).
 */
export function writeBandKeys(
  signature: Uint32Array,
  offset: number,
  bands: number,
  rows: number,
  out: Uint32Array,
  at: number,
): void {
  for (let band = 0; band < bands; band++)
    out[at + band] = hashSequence(signature, offset + band * rows, rows, band);
}
