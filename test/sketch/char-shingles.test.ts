import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/index.js';
import { wordsOf } from '../helpers.js';

// The same paragraph in British and American spelling: four changed words break a dozen of its word
// shingles, but only a few of its character 5-grams.
const BRITISH =
  'The harbour authority said the neighbourhood ferry timetable will be finalised on Monday after a long and careful public consultation with the residents of the island, and the colour of the new boats was also agreed.';
const AMERICAN =
  'The harbor authority said the neighborhood ferry timetable will be finalized on Monday after a long and careful public consultation with the residents of the island, and the color of the new boats was also agreed.';
const OTHER = 'Mountains, snow and a quiet village far from any sea, where nobody has heard of ferries.';

describe("shingleUnit: 'char' end to end", () => {
  it('finds the respelled paragraph as a near duplicate, where word shingles see only an overlap', async () => {
    const docs = [
      { id: 'uk', text: BRITISH },
      { id: 'us', text: AMERICAN },
      { id: 'other', text: OTHER },
    ];
    const words = await findDuplicates(docs);
    expect(words.pairs.map((p) => p.kind)).toEqual(['overlap']);
    expect(words.pairs[0].jaccard).toBeLessThan(0.7);

    // Bridged across the three respelt words, the overlap is one passage (docs/passages.md).
    expect(words.pairs[0].spans).toEqual([{ a: [12, 215], b: [11, 212], words: 31, edits: 3 }]);

    // Exact runs only (bridgeGap 0): the runs between the respellings, as before bridging.
    const chars = await findDuplicates(docs, { shingleUnit: 'char', bridgeGap: 0 });
    expect(chars.options).toMatchObject({ shingleUnit: 'char', shingleSize: 5 });
    expect(chars.pairs).toHaveLength(1);
    const [pair] = chars.pairs;
    expect(pair).toMatchObject({
      a: { doc: 'uk', paragraph: 0 },
      b: { doc: 'us', paragraph: 0 },
      kind: 'near',
    });
    expect(pair.jaccard).toBeGreaterThan(0.8);
    expect(pair.similarity).toBeGreaterThan(0.95);

    // spans slice back to the same words in both texts, and are at least minOverlapWords long
    expect(pair.spans.length).toBeGreaterThan(0);
    for (const span of pair.spans) {
      expect(span.words).toBeGreaterThanOrEqual(chars.options.minOverlapWords);
      expect(wordsOf(BRITISH, span.a)).toBe(wordsOf(AMERICAN, span.b));
      expect(wordsOf(BRITISH, span.a).split(' ')).toHaveLength(span.words);
    }
    expect(BRITISH.slice(...pair.spans[0].a)).toBe(
      'on Monday after a long and careful public consultation with the residents of the island, and the',
    );
    expect(AMERICAN.slice(...pair.spans[0].b)).toBe(BRITISH.slice(...pair.spans[0].a));
    const bridged = await findDuplicates(docs, { shingleUnit: 'char' });
    expect(bridged.pairs.map((p) => [p.kind, p.spans])).toEqual([['near', words.pairs[0].spans]]);
  });

  it('finds an exact copy with character shingles too, its span covering the whole paragraph', async () => {
    const report = await findDuplicates([`Intro line.\n\n${BRITISH}`, BRITISH], { shingleUnit: 'char' });
    const [pair] = report.pairs;
    expect(pair.kind).toBe('exact');
    expect(pair.spans[0].b).toEqual([0, BRITISH.length - 1]); // to the last word's last character
    expect(`Intro line.\n\n${BRITISH}`.slice(...pair.spans[0].a)).toBe(BRITISH.slice(0, -1));
  });
});
