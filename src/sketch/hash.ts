import xxhash from 'xxhash-wasm';
import { fmix32 } from '../util/fmix32.js';
import { withRoom } from '../util/grow.js';

/** 32-bit hashing of words, backed by xxhash-wasm (XXH32). Created once (async), then synchronous. */
export interface Hasher {
  /** XXH32 of the word's UTF-8 bytes with the given seed. */
  hashWord(word: string, seed: number): number;
}

let instance: Promise<Hasher> | undefined;

/** Loads the WebAssembly module once per process (or page); later calls share it. */
export function createHasher(): Promise<Hasher> {
  instance ??= xxhash().then((api) => ({
    hashWord: (word: string, seed: number) => api.h32(word, seed) >>> 0,
  }));
  return instance;
}

/** Hashes every word once into `out` (grown when too small); returns the array holding the hashes. */
export function hashWords(
  hasher: Hasher,
  words: readonly string[],
  seed: number,
  out: Uint32Array,
): Uint32Array {
  const target = withRoom(out, words.length);
  for (let i = 0; i < words.length; i++) target[i] = hasher.hashWord(words[i], seed);
  return target;
}

/**
 * MurmurHash3_x86_32 of `count` 32-bit values (as little-endian blocks) starting at values[from].
 * Used to combine word hashes into shingle and fingerprint hashes without building strings.
 */
export function hashSequence(values: Uint32Array, from: number, count: number, seed: number): number {
  let h = seed | 0;
  for (let i = from, end = from + count; i < end; i++) {
    let k = Math.imul(values[i], 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ (count * 4));
}
