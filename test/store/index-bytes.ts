// Editing saved index bytes in tests: the header, any byte, with the checksum made right again so that
// loading gets past it to the checks behind it.
import { xxh32 } from '../../src/util/xxh32.js';

/** The bytes with their last four replaced by the XXH32 of the rest, as save() writes it. */
export function withChecksum(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const body = out.length - 4;
  if (body >= 0) new DataView(out.buffer).setUint32(body, xxh32(out, body, 0), true);
  return out;
}

/** Where the JSON header lies: [start, end). */
export function headerRange(bytes: Uint8Array): [number, number] {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(12, true);
  return [16, 16 + length];
}

export interface Header {
  options: Record<string, unknown>;
  parameters: Record<string, unknown>;
  serial: number;
  documents: number;
}

/** The index with its header JSON changed by `edit`, length and checksum fixed. */
export function editHeader(bytes: Uint8Array, edit: (header: Header) => void): Uint8Array {
  const [start, end] = headerRange(bytes);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(start, end)));
  edit(header);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(bytes.length - (end - start) + json.length);
  out.set(bytes.subarray(0, 12));
  new DataView(out.buffer).setUint32(12, json.length, true);
  out.set(json, 16);
  out.set(bytes.subarray(end), 16 + json.length);
  return withChecksum(out);
}
