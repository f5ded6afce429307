import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHasher, hashWords, tokenize } from '../../src/index.js';
import { APOSTROPHES, AsciiTermScanner, IGNORABLES, SEPARATORS } from '../../src/text/ascii-terms.js';
import { xxh32 } from '../../src/util/xxh32.js';

const hasher = await createHasher();
const encoder = new TextEncoder();

describe('xxh32 (plain JavaScript)', () => {
  it('equals xxhash-wasm h32 for every length 0–80 and any seed', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (s, seed) => {
          const bytes = encoder.encode(s);
          expect(xxh32(bytes, bytes.length, seed)).toBe(hasher.hashWord(s, seed));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('hashes only bytes[0, length) of a longer buffer', () => {
    const bytes = encoder.encode('abcdefghijklmnopqrstuvwxyz');
    expect(xxh32(bytes, 5, 7)).toBe(hasher.hashWord('abcde', 7));
  });
});

// Text made mostly of what the fast path handles, with now and then a character it must refuse.
const PIECES = [
  ...'abcxyzABCXYZ0189 \n\t.,;:!?()-_/"\'',
  '\u2019',
  '\u2018',
  '\u201c',
  '\u201d',
  '\u2014',
  '\u2013',
  '\u00a0',
  '\u2026',
  '\u00ad',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\u200e',
  '\u202a',
  '\ufeff',
  '\u00ad\u2019\u200b',
  '\u02bc',
  '\uff07',
  '\u201b',
  'é',
  'ß',
  'ﬁ',
  '½',
  '中',
  '\u0301',
  'Ω',
  '²',
  '\u00b5',
];
const prose = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((a) => a.join(''));

describe('AsciiTermScanner', () => {
  it('gives exactly the hashes of tokenize() + XXH32, or refuses the text', () => {
    const scanner = new AsciiTermScanner();
    let taken = 0;
    fc.assert(
      fc.property(prose, fc.integer({ min: 0, max: 0xffffffff }), (text, seed) => {
        const count = scanner.scan(text, 0, text.length, seed);
        if (count < 0) {
          const refused = [...text].some((ch) => {
            const code = ch.charCodeAt(0);
            return code > 0x7f && !SEPARATORS.has(code) && !APOSTROPHES.has(code) && !IGNORABLES.has(code);
          });
          expect(refused).toBe(true);
          return;
        }
        taken++;
        const words = tokenize(text).words;
        expect(count).toBe(words.length);
        expect(Array.from(scanner.hashes.subarray(0, count))).toEqual(
          Array.from(hashWords(hasher, words, seed, new Uint32Array(words.length))),
        );
      }),
      { numRuns: 5000 },
    );
    expect(taken).toBeGreaterThan(1000);
  });

  it('with a Tokens to fill, gives exactly the words and offsets of tokenize()', () => {
    const scanner = new AsciiTermScanner();
    let taken = 0;
    fc.assert(
      fc.property(prose, fc.nat(20), fc.nat(20), (text, cutStart, cutEnd) => {
        const from = Math.min(cutStart, text.length);
        const to = Math.max(from, text.length - cutEnd);
        const tokens = { words: [], starts: [], ends: [] };
        const count = scanner.scan(text, from, to, 0, tokens);
        if (count < 0) return;
        taken++;
        expect(tokens).toEqual(tokenize(text, from, to));
      }),
      { numRuns: 5000 },
    );
    expect(taken).toBeGreaterThan(1000);
  });

  it('scans text[from, to) only', () => {
    const scanner = new AsciiTermScanner();
    const text = 'skip THIS part don’t — “quoted” words';
    const count = scanner.scan(text, 5, text.length - 6, 0);
    const words = tokenize(text, 5, text.length - 6).words;
    expect(words).toEqual(['this', 'part', "don't", 'quoted']);
    expect(Array.from(scanner.hashes.subarray(0, count))).toEqual(
      Array.from(hashWords(hasher, words, 0, new Uint32Array(words.length))),
    );
  });

  it('every separator it accepts is neither a letter, mark nor digit, before or after NFKC', () => {
    for (const code of SEPARATORS) {
      const c = String.fromCharCode(code);
      expect(/[\p{L}\p{M}\p{N}]/u.test(c.normalize('NFKC'))).toBe(false);
      expect(tokenize(`a${c}b`).words).toEqual(['a', 'b']);
      expect(tokenize(`a ${c}b${c} c`).words).toEqual(['a', 'b', 'c']);
    }
    for (const code of APOSTROPHES)
      expect(tokenize(`don${String.fromCharCode(code)}t`).words).toEqual(["don't"]);
  });

  it('every invisible character it drops is Default_Ignorable and neither a letter, mark nor digit', () => {
    for (const code of IGNORABLES) {
      const c = String.fromCharCode(code);
      expect(/\p{DI}/u.test(c)).toBe(true);
      expect(/[\p{L}\p{M}\p{N}]/u.test(c.normalize('NFKC'))).toBe(false);
      expect(tokenize(`a${c}b`).words).toEqual(['ab']);
      expect(tokenize(`a ${c}b${c} c`).words).toEqual(['a', 'b', 'c']);
      expect(tokenize(`don${c}\u2019${c}t`).words).toEqual(["don't"]);
    }
  });

  it('records a very long word with a typographic apostrophe (no call-stack limit)', async () => {
    const scanner = new AsciiTermScanner();
    const text = `It is a long one: a\u2019${'b'.repeat(200_000)} and more words.`;
    const tokens = { words: [], starts: [], ends: [] };
    expect(scanner.scan(text, 0, text.length, 0, tokens)).toBe(9);
    expect(tokens).toEqual(tokenize(text));
    const { findDuplicates } = await import('../../src/index.js');
    expect((await findDuplicates([text, text])).pairs.map((p) => p.kind)).toEqual(['exact']);
  });

  it('handles words longer than its buffers and many words', () => {
    const scanner = new AsciiTermScanner();
    const long = 'x'.repeat(1000);
    const text = `${long} ${'word '.repeat(2000)}`;
    const count = scanner.scan(text, 0, text.length, 3);
    expect(count).toBe(2001);
    expect(scanner.hashes[0]).toBe(hasher.hashWord(long, 3));
  });
});
