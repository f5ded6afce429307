import { forEachGroup, KeyedIds, sortByKey } from '../candidates/radix-groups.js';
import { hashSequence } from '../sketch/hash.js';

/** repOf value of a paragraph that takes no part (no shingles, or outside the paragraphs checked). */
export const NO_GROUP = 0xffffffff;

const SET_SEED = 0x65786163; // "exac"

/**
 * Paragraphs with the same normalised words, found in time linear in the paragraphs: grouped by a hash of
 * their shingle sets (equal words give equal sets), and each one confirmed against the group's first by
 * comparing the sets, then the words themselves (`sameWords`), so a hash collision or two texts with
 * one shingle set never merge. The first of each group in input order is its representative: it alone
 * goes on to candidate search and verification, and stands for its copies.
 */
export class ExactGroups {
  /** Per paragraph: its group's representative (itself for one), or NO_GROUP. */
  readonly repOf: Uint32Array;
  /** Representative → its copies after it, in input order (only for groups of two or more). */
  readonly copiesOf = new Map<number, number[]>();

  constructor(
    setOffsets: Uint32Array,
    setValues: Uint32Array,
    sameWords: (p: number, q: number) => boolean,
    active?: Uint8Array,
  ) {
    const total = setOffsets.length - 1;
    this.repOf = new Uint32Array(total).fill(NO_GROUP);
    const entries = new KeyedIds(Math.max(16, total));
    for (let p = 0; p < total; p++) {
      const count = setOffsets[p + 1] - setOffsets[p];
      if (count === 0 || (active !== undefined && active[p] === 0)) continue;
      this.repOf[p] = p;
      entries.push(hashSequence(setValues, setOffsets[p], count, SET_SEED), p);
    }
    sortByKey(entries); // stable: equal keys keep input order
    const sameSet = (p: number, q: number) => {
      const length = setOffsets[p + 1] - setOffsets[p];
      if (setOffsets[q + 1] - setOffsets[q] !== length) return false;
      for (let i = 0; i < length; i++)
        if (setValues[setOffsets[p] + i] !== setValues[setOffsets[q] + i]) return false;
      return true;
    };
    forEachGroup(entries, (ids, count) => {
      const reps: number[] = [ids[0]];
      for (let i = 1; i < count; i++) {
        const p = ids[i];
        const rep = reps.find((r) => sameSet(r, p) && sameWords(r, p));
        if (rep === undefined) {
          reps.push(p);
          continue;
        }
        this.repOf[p] = rep;
        const copies = this.copiesOf.get(rep);
        if (copies) copies.push(p);
        else this.copiesOf.set(rep, [p]);
      }
    });
  }

  /** Paragraphs in p's group (1 for one without copies). */
  size(p: number): number {
    const rep = this.repOf[p];
    return rep === NO_GROUP ? 0 : 1 + (this.copiesOf.get(rep)?.length ?? 0);
  }

  /** 1 for every paragraph that is not a representative (a copy, or one taking no part). */
  excluded(): Uint8Array {
    const out = new Uint8Array(this.repOf.length);
    for (let p = 0; p < out.length; p++) out[p] = this.repOf[p] === p ? 0 : 1;
    return out;
  }
}
