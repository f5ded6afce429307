// Real 32-bit hash collisions for the default seed (0): verification must decide on the words, not on the
// hashes. The strings were found by brute force (a birthday search, not committed): random lower-case
// words (7 letters, or non-ASCII letters for the general tokenizer's path) hashed with XXH32, seed 0, until
// two different ones gave the same hash; random triples of 5-letter words until two gave the same shingle
// hash (hashSequence of their three word hashes, seed 0); random 5-letter strings until two gave the same
// character-shingle hash (hashSequence of their 5 code points, seed 0). The first test checks each
// collision is real, so the cases below test what they claim.

import { describe, expect, it } from 'vitest';
import xxhash from 'xxhash-wasm';
import { createIndex, findDuplicates, hashSequence } from '../../src/index.js';

/** Pairs of different words with equal XXH32 (seed 0), as the tokenizer gives them (already normal). */
const COLLIDING_WORDS = [
  ['xfnvvtf', 'yszhwin'], // 0x2e249fc0
  ['daakskk', 'kkzmkcu'], // 0x07649220
  ['bgaviga', 'zkfaojx'], // 0xdb2c694e
  ['uöéüièm', 'eoüüèür'], // 0x71638bfd: non-ASCII, so hashed by xxhash-wasm through the general tokenizer
] as const;
/** Word triples with different word hashes but equal shingle hashes (k = 3, seed 0). */
const COLLIDING_SHINGLES = ['okufp inzha avueu', 'qjqbj cjxwr yiigf'] as const; // 0x948b173d
/** Five-character strings with equal character-shingle hashes (k = 5, seed 0). */
const COLLIDING_CHARS = ['dktab', 'oimyu'] as const; // 0x0f8f5a3f

describe('the collisions are real', () => {
  it('each pair of strings has equal hashes for seed 0', async () => {
    const { h32 } = await xxhash();
    const hashOf = (words: string) => Uint32Array.from(words.split(' '), (w) => h32(w, 0) >>> 0);
    for (const [x, y] of COLLIDING_WORDS) {
      expect(x).not.toBe(y);
      expect(h32(x, 0)).toBe(h32(y, 0));
    }
    const [s, t] = COLLIDING_SHINGLES.map(hashOf);
    expect(s.some((h) => t.includes(h))).toBe(false);
    expect(hashSequence(s, 0, 3, 0)).toBe(hashSequence(t, 0, 3, 0));
    const [c, d] = COLLIDING_CHARS.map((text) => Uint32Array.from(text, (ch) => ch.codePointAt(0)!));
    expect(hashSequence(c, 0, 5, 0)).toBe(hashSequence(d, 0, 5, 0));
  });
});

describe('verification decides on the words, not on 32-bit hashes', () => {
  it.each(COLLIDING_WORDS)('does not flag the one-word paragraphs %s and %s', async (x, y) => {
    expect((await findDuplicates([`${x}\n\n${y}`])).pairs).toEqual([]);
    expect((await findDuplicates([x, y])).pairs).toEqual([]);
  });

  it('does not flag paragraphs whose one shingle collides, nor character shingles that collide', async () => {
    expect((await findDuplicates([...COLLIDING_SHINGLES])).pairs).toEqual([]);
    expect((await findDuplicates([...COLLIDING_CHARS], { shingleUnit: 'char' })).pairs).toEqual([]);
    // The same words around a colliding one: one shingle each, different, and 2 shared words is no overlap.
    expect((await findDuplicates(['xfnvvtf alpha beta', 'yszhwin alpha beta'])).pairs).toEqual([]);
  });

  it('reports the Jaccard and containment of the words when a colliding shingle sits in a near duplicate', async () => {
    const tail = 'one two three four five six seven eight nine ten';
    const report = await findDuplicates([`xfnvvtf ${tail}`, `yszhwin ${tail}`]);
    // 9 shingles each, 8 of them shared: Jaccard 8/10, containment 8/9 (32-bit hashes say 1 and 1).
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]).toMatchObject({ kind: 'near', jaccard: 8 / 10, containment: 8 / 9 });
  });

  it('reports an overlap, not a near duplicate, when only the collisions made the sets look alike', async () => {
    const tail = 'one two three four five six seven eight nine ten';
    const a = `${COLLIDING_WORDS.slice(0, 3)
      .map(([x]) => x)
      .join(' ')} ${tail}`;
    const b = `${COLLIDING_WORDS.slice(0, 3)
      .map(([, y]) => y)
      .join(' ')} ${tail}`;
    const [pair] = (await findDuplicates([a, b])).pairs;
    // 11 shingles each, the 8 inside the shared ten words in common: Jaccard 8/14, containment 8/11.
    expect(pair).toMatchObject({ kind: 'overlap', jaccard: 8 / 14, containment: 8 / 11 });
    expect(pair.spans).toEqual([
      { a: [a.indexOf('one'), a.length], b: [b.indexOf('one'), b.length], words: 10 },
    ]);
  });

  it('a lasting index flags no colliding pair, in add() nor in query()', async () => {
    const index = await createIndex();
    index.add([
      { id: 'x', text: COLLIDING_WORDS[0][0] },
      { id: 's', text: COLLIDING_SHINGLES[0] },
    ]);
    expect(index.query({ id: 'y', text: COLLIDING_WORDS[0][1] })).toEqual([]);
    expect(index.query({ id: 't', text: COLLIDING_SHINGLES[1] })).toEqual([]);
    index.add([{ id: 'y', text: COLLIDING_WORDS[0][1] }]);
    expect(index.report().pairs).toEqual([]);
  });
});
