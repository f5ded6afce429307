import { beforeAll, describe, expect, it } from 'vitest';
import xxhash from 'xxhash-wasm';
import {
  createDetector,
  createHasher,
  fmix32,
  type Hasher,
  hashSequence,
  hashWords,
  permutationKeys,
  type ResolvedOptions,
  SIGNATURE_SCHEME,
  tokenize,
} from '../../src/index.js';
import { referenceSketch } from '../helpers.js';

/** Straight from the XXH32 specification, on UTF-8 bytes: an independent reference for hashWord. */
function referenceXxh32(text: string, seed: number): number {
  return referenceXxh32Bytes(new TextEncoder().encode(text), seed);
}

function referenceXxh32Bytes(bytes: Uint8Array, seed: number): number {
  const [P1, P2, P3, P4, P5] = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1];
  const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));
  const u32 = (p: number) => bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
  const round = (acc: number, input: number) => Math.imul(rotl((acc + Math.imul(input, P2)) | 0, 13), P1);
  const n = bytes.length;
  let i = 0;
  let h: number;
  if (n >= 16) {
    let v1 = (seed + P1 + P2) | 0;
    let v2 = (seed + P2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - P1) | 0;
    for (; i + 16 <= n; i += 16) {
      v1 = round(v1, u32(i));
      v2 = round(v2, u32(i + 4));
      v3 = round(v3, u32(i + 8));
      v4 = round(v4, u32(i + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = (seed + P5) | 0;
  }
  h = (h + n) | 0;
  for (; i + 4 <= n; i += 4) h = Math.imul(rotl((h + Math.imul(u32(i), P3)) | 0, 17), P4);
  for (; i < n; i++) h = Math.imul(rotl((h + Math.imul(bytes[i], P5)) | 0, 11), P1);
  h ^= h >>> 15;
  h = Math.imul(h, P2);
  h ^= h >>> 13;
  h = Math.imul(h, P3);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 4-byte ASCII key as the little-endian 32-bit block MurmurHash3 reads. */
const block = (key: string) => new DataView(new TextEncoder().encode(key).buffer).getUint32(0, true);

let hasher: Hasher;
let wasm: Awaited<ReturnType<typeof xxhash>>;
beforeAll(async () => {
  [hasher, wasm] = await Promise.all([createHasher(), xxhash()]);
});

describe('createHasher().hashWord: XXH32', () => {
  it.each([
    ['', 0x02cc5d05],
    ['a', 0x550d7456],
    ['abc', 0x32d153ff],
    ['Nobody inspects the spammish repetition', 0xe2293b2f],
  ])('XXH32(%j, seed 0) = known vector', (word, expected) => {
    expect(hasher.hashWord(word, 0)).toBe(expected);
    expect(wasm.h32(word, 0) >>> 0).toBe(expected);
    expect(referenceXxh32(word, 0)).toBe(expected);
  });

  it('agrees with xxhash-wasm and the reference on UTF-8 words, long words and seeds', () => {
    const samples = [
      'café',
      'ελληνικά',
      '中',
      '𠀀',
      "syria's",
      'x'.repeat(17),
      'abcdefghijklmnopqrstuvwxyz012345',
    ];
    for (const seed of [0, 1, 42, 0x7fffffff, 0xffffffff]) {
      for (const word of samples) {
        const expected = referenceXxh32(word, seed);
        expect(hasher.hashWord(word, seed)).toBe(expected);
        expect(wasm.h32(word, seed) >>> 0).toBe(expected);
      }
    }
  });

  it('returns unsigned 32-bit integers and depends on the seed', () => {
    const values = ['the', 'quick', 'brown'].flatMap((w) => [hasher.hashWord(w, 0), hasher.hashWord(w, 1)]);
    for (const v of values) expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
    expect(hasher.hashWord('the', 0)).not.toBe(hasher.hashWord('the', 1));
  });

  it('is shared: createHasher() resolves to the same instance', async () => {
    expect(await createHasher()).toBe(hasher);
  });

  it('hashWords hashes each word in order and grows a small output array', () => {
    const small = new Uint32Array(1);
    const out = hashWords(hasher, ['a', 'abc', ''], 0, small);
    expect(out.length).toBeGreaterThanOrEqual(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([0x550d7456, 0x32d153ff, 0x02cc5d05]);
    const big = new Uint32Array(8);
    expect(hashWords(hasher, ['a'], 0, big)).toBe(big);
  });
});

describe('fmix32', () => {
  it('matches MurmurHash3 fmix32 known values', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(0x514e28b7);
  });

  it('returns unsigned values and has no collisions on a sample (it is a bijection)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const h = fmix32(i * 2654435761);
      expect(h).toBeGreaterThanOrEqual(0);
      seen.add(h);
    }
    expect(seen.size).toBe(20_000);
    expect(fmix32(-1)).toBe(fmix32(0xffffffff));
  });
});

describe('hashSequence: MurmurHash3_x86_32 of 32-bit blocks', () => {
  // Published MurmurHash3_x86_32 test vectors whose keys are whole 4-byte blocks.
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['test', 0, 0xba6bd213],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abcd', 0x9747b28c, 0xf0478627],
  ])('murmur3(%j, seed %d) = known vector', (key, seed, expected) => {
    const values = key === '' ? new Uint32Array(0) : Uint32Array.of(block(key));
    expect(hashSequence(values, 0, values.length, seed)).toBe(expected);
  });

  it('hashes the window [from, from + count) only', () => {
    const values = Uint32Array.of(9, 1, 2, 3, 9);
    expect(hashSequence(values, 1, 3, 7)).toBe(hashSequence(Uint32Array.of(1, 2, 3), 0, 3, 7));
  });

  it('is order-sensitive and seed-sensitive', () => {
    const values = Uint32Array.of(1, 2, 3);
    const reversed = Uint32Array.of(3, 2, 1);
    expect(hashSequence(values, 0, 3, 0)).not.toBe(hashSequence(reversed, 0, 3, 0));
    expect(hashSequence(values, 0, 3, 0)).not.toBe(hashSequence(values, 0, 3, 1));
    expect(hashSequence(Uint32Array.of(1, 2), 0, 2, 0)).not.toBe(hashSequence(Uint32Array.of(2, 1), 0, 2, 0));
  });

  it('distinguishes a sequence from its prefix padded with zeros (length is mixed in)', () => {
    expect(hashSequence(Uint32Array.of(5), 0, 1, 0)).not.toBe(hashSequence(Uint32Array.of(5, 0), 0, 2, 0));
  });
});

/**
 * The signature recomputed from the documented pipeline with the straightforward references: tokenize,
 * XXH32 of each word by the specification (or the code points of the words joined by spaces, for
 * character shingles), MurmurHash3 over each window of k values (one window of all of them when there
 * are fewer than k), and fast similarity sketching with every round run (referenceSketch).
 */
function referenceSignature(
  text: string,
  { seed, numHashes, shingleSize, shingleUnit }: ResolvedOptions,
): number[] {
  const words = tokenize(text).words;
  const values =
    shingleUnit === 'word'
      ? Uint32Array.from(words, (w) => referenceXxh32(w, seed))
      : Uint32Array.from(Array.from(words.join(' '), (c) => c.codePointAt(0)!));
  const width = Math.min(shingleSize, values.length);
  const shingles = new Set<number>();
  for (let i = 0; i + width <= values.length && values.length > 0; i++) {
    shingles.add(hashSequence(values, i, width, seed));
  }
  return referenceSketch(shingles, permutationKeys(seed, numHashes));
}

/** XXH32 (seed 0, by the specification) of the signature as little-endian bytes: pins every slot. */
function digest(signature: Uint32Array): number {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  for (const [i, x] of signature.entries()) view.setUint32(4 * i, x, true);
  return referenceXxh32Bytes(bytes, 0);
}

const PANGRAM = 'The quick brown fox jumps over the lazy dog';
const LONG_PARAGRAPH = Array.from({ length: 400 }, (_, i) => `word${i} filler${i % 7}`).join(' ');

describe('golden vectors (changing any of these requires bumping SIGNATURE_SCHEME)', () => {
  it('pins the signature scheme name', () => {
    expect(SIGNATURE_SCHEME).toBe('fss-fmix32-v2');
  });

  it('pins hashSequence([1, 2, 3], seed 0)', () => {
    // Computed once from the implementation; MurmurHash3_x86_32 of bytes 01 00 00 00 02 00 00 00 03 00 00 00.
    expect(hashSequence(Uint32Array.of(1, 2, 3), 0, 3, 0)).toBe(0xe9d78ad6);
  });

  it('the digest covers every slot: changing any one changes it', () => {
    const signature = new Uint32Array(128).fill(7);
    const base = digest(signature);
    for (const slot of [0, 63, 127]) {
      const changed = signature.slice();
      changed[slot] ^= 1;
      expect(digest(changed), `slot ${slot}`).not.toBe(base);
    }
  });

  // Computed once from the implementation (first four slots, and the XXH32 of all 128), and checked
  // against referenceSignature below. Changing them requires bumping SIGNATURE_SCHEME.
  it.each([
    ['an ASCII pangram', PANGRAM, {}, [0x00ce29a2, 0x031e13cf, 0x04272ffe, 0x06e35271], 0x1527ea7a],
    [
      'an 800-word paragraph (every slot filled in the first round)',
      LONG_PARAGRAPH,
      {},
      [0x00498756, 0x02389c97, 0x049ad345, 0x0611e930],
      0x643f40be,
    ],
    [
      'Greek text (the general tokenizer, multi-byte UTF-8)',
      'Η γρήγορη καφέ αλεπού πηδά πάνω από τον τεμπέλη σκύλο',
      {},
      [0x00bd707b, 0x020a6ce1, 0x04237af1, 0x07490004],
      0x72e5f735,
    ],
    [
      'Chinese text (one token per Han character)',
      '敏捷的棕色狐狸跳过了懒狗',
      {},
      [0x00a35bef, 0x02b7a76c, 0x042f7ff8, 0x07628beb],
      0xd1829119,
    ],
    [
      "the pangram with shingleUnit 'char' (5 code points)",
      PANGRAM,
      { shingleUnit: 'char' },
      [0x013b6a4b, 0x03e6ddfd, 0x04187399, 0x060af476],
      0x36332e4c,
    ],
    [
      'the pangram with seed 42',
      PANGRAM,
      { seed: 42 },
      [0x01777214, 0x02529a7a, 0x046e787a, 0x06393cda],
      0x212b5a6b,
    ],
  ] as const)('pins the signature of %s, all 128 slots', async (_, text, options, first, expected) => {
    const detector = await createDetector(options);
    const signature = detector.signature(text);
    expect(signature).toBeInstanceOf(Uint32Array);
    expect(signature).toHaveLength(128);
    expect(Array.from(signature.subarray(0, 4))).toEqual(first);
    expect(digest(signature)).toBe(expected);
    expect(Array.from(signature), 'the straightforward reference').toEqual(
      referenceSignature(text, detector.options),
    );
  });

  it('the Chinese text is 12 tokens, one per Han character (so its shingles span 3 characters)', () => {
    expect(tokenize('敏捷的棕色狐狸跳过了懒狗').words).toHaveLength(12);
  });

  it('keeps the first eight slots of the pangram and the 800-word paragraph', async () => {
    const detector = await createDetector();
    expect(Array.from(detector.signature(PANGRAM).subarray(0, 8))).toEqual([
      0x00ce29a2, 0x031e13cf, 0x04272ffe, 0x06e35271, 0x0881cd17, 0x0b90c58d, 0x0c0f50d4, 0x0faecbb4,
    ]);
    expect(Array.from(detector.signature(LONG_PARAGRAPH).subarray(0, 8))).toEqual([
      0x00498756, 0x02389c97, 0x049ad345, 0x0611e930, 0x080c9583, 0x0a271db5, 0x0c04906f, 0x0e0ec770,
    ]);
  });
});
