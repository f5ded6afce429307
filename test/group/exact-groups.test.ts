// Exact groups: paragraphs with the same normalised words, found by a hash and confirmed, never by the hash alone.
import { describe, expect, it, vi } from 'vitest';
import { ExactGroups, NO_GROUP } from '../../src/group/exact-groups.js';

// Every shingle set hashes to one value here, so every paragraph collides with every other: only the
// comparison of sets and words can keep different texts apart.
vi.mock('../../src/sketch/hash.js', () => ({ hashSequence: () => 0x1234 }));

/** Flat set arrays (setOffsets, setValues) from one shingle set per paragraph. */
function sets(...perParagraph: number[][]): { offsets: Uint32Array; values: Uint32Array } {
  const offsets = new Uint32Array(perParagraph.length + 1);
  perParagraph.forEach((set, p) => {
    offsets[p + 1] = offsets[p] + set.length;
  });
  return { offsets, values: Uint32Array.from(perParagraph.flat()) };
}

describe('ExactGroups', () => {
  it('does not merge two different texts whose hashes are forced equal', () => {
    const { offsets, values } = sets([1, 2, 3], [1, 2, 4], [1, 2, 3, 4]);
    const groups = new ExactGroups(offsets, values, () => true);
    expect([...groups.repOf]).toEqual([0, 1, 2]);
    expect(groups.copiesOf.size).toBe(0);
    expect([...groups.excluded()]).toEqual([0, 0, 0]);
  });

  it('does not merge two texts with one shingle set when their words differ', () => {
    // Word shingles of "a b a b" and "b a b a" can be one set; the words decide.
    const { offsets, values } = sets([7, 8], [7, 8], [7, 8]);
    const words = ['a b a b', 'b a b a', 'a b a b'];
    const groups = new ExactGroups(offsets, values, (p, q) => words[p] === words[q]);
    expect([...groups.repOf]).toEqual([0, 1, 0]);
    expect(groups.copiesOf.get(0)).toEqual([2]);
    expect(groups.size(0)).toBe(2);
    expect(groups.size(2)).toBe(2);
    expect(groups.size(1)).toBe(1);
  });

  it('groups interleaved copies under the first of each text, in input order', () => {
    const { offsets, values } = sets([1, 2], [5, 6], [1, 2], [], [5, 6], [1, 2]);
    const groups = new ExactGroups(offsets, values, () => true);
    expect([...groups.repOf]).toEqual([0, 1, 0, NO_GROUP, 1, 0]);
    expect(groups.copiesOf.get(0)).toEqual([2, 5]);
    expect(groups.copiesOf.get(1)).toEqual([4]);
    expect(groups.size(3)).toBe(0); // no words: takes no part
    // Only representatives go on to candidate search.
    expect([...groups.excluded()]).toEqual([0, 0, 1, 1, 1, 1]);
  });

  it('leaves out paragraphs not marked active', () => {
    const { offsets, values } = sets([1, 2], [1, 2], [1, 2]);
    const groups = new ExactGroups(offsets, values, () => true, Uint8Array.from([1, 0, 1]));
    expect([...groups.repOf]).toEqual([0, NO_GROUP, 0]);
    expect(groups.copiesOf.get(0)).toEqual([2]);
  });
});
