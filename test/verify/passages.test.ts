import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicates, sharedRuns } from '../../src/index.js';
import { alignGap, type BridgeOptions, bridgeRuns, type Passage } from '../../src/verify/passages.js';
import { checkSpan, wordLcs, wordLevenshtein } from '../helpers.js';

const BRIDGE: BridgeOptions = { bridgeGap: 3, bridgeDensity: 0.8 };

/** Passages of two texts (words split on spaces), from their shared runs of ≥ seed words. */
function passages(a: string[], b: string[], seed = 3, options = BRIDGE): Passage[] {
  const ids = new Map<string, number>();
  const hash = (w: string) => {
    if (!ids.has(w)) ids.set(w, ids.size + 1);
    return ids.get(w)!;
  };
  const runs = sharedRuns(a, Uint32Array.from(a, hash), b, Uint32Array.from(b, hash), seed);
  return bridgeRuns(a, b, runs, options);
}

const words = (text: string) => text.split(' ');
const QUOTE = words(
  'the ministry stressed the importance of enhancing cooperation to confront these threats',
);

describe('bridgeRuns', () => {
  it('bridges a substituted, an inserted and a deleted word, counting matched words and edits', () => {
    const a = [...words('x y'), ...QUOTE, ...words('z w')];
    const host = (middle: string[]) => [...words('k l'), ...middle, ...words('m n')];
    const substituted = QUOTE.map((w, i) => (i === 6 ? 'boosting' : w));
    const inserted = [...QUOTE.slice(0, 6), 'further', ...QUOTE.slice(6)];
    const deleted = [...QUOTE.slice(0, 6), ...QUOTE.slice(7)];
    expect(passages(a, host(substituted))).toEqual([
      { aFrom: 2, aTo: 14, bFrom: 2, bTo: 14, words: 11, edits: 1 },
    ]);
    expect(passages(a, host(inserted))).toEqual([
      { aFrom: 2, aTo: 14, bFrom: 2, bTo: 15, words: 12, edits: 1 },
    ]);
    expect(passages(a, host(deleted))).toEqual([
      { aFrom: 2, aTo: 14, bFrom: 2, bTo: 13, words: 11, edits: 1 },
    ]);
  });

  it('counts words matched inside a gap, and its edits by word edit distance', () => {
    // Gap "a x the" against "b the": "the" matches; 2 edits (one substitution, one deletion).
    const a = words('p q r s a x the t u v w');
    const b = words('p q r s b the t u v w');
    expect(passages(a, b, 3, { bridgeGap: 3, bridgeDensity: 0.5 })).toEqual([
      { aFrom: 0, aTo: 11, bFrom: 0, bTo: 10, words: 9, edits: 2 },
    ]);
  });

  it('leaves runs apart when the gap is longer than bridgeGap on either side', () => {
    const a = words('p q r s 1 2 3 4 t u v w');
    const b = words('p q r s t u v w');
    expect(passages(a, b, 3, { bridgeGap: 3, bridgeDensity: 0.1 })).toHaveLength(2);
    expect(passages(a, b, 3, { bridgeGap: 4, bridgeDensity: 0.1 })).toHaveLength(1);
  });

  it('stops bridging where the passage would fall below bridgeDensity on either side', () => {
    // 8 matched words over 10 on a's side (0.8), over 8 on b's.
    const a = words('p q r s 1 2 t u v w');
    const b = words('p q r s t u v w');
    expect(passages(a, b, 3, { bridgeGap: 3, bridgeDensity: 0.8 })).toHaveLength(1);
    expect(passages(a, b, 3, { bridgeGap: 3, bridgeDensity: 0.81 })).toHaveLength(2);
  });

  it('never bridges runs that come in another order on the other side', () => {
    const a = words('p q r s 1 t u v w');
    const b = words('t u v w 1 p q r s');
    expect(passages(a, b, 3, { bridgeGap: 3, bridgeDensity: 0.1 }).every((p) => p.edits === 0)).toBe(true);
  });

  it('gives passages that check out against word-level references, disjoint on both sides (property)', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 40 }),
        fc.array(word, { maxLength: 40 }),
        fc.integer({ min: 0, max: 5 }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.integer({ min: 2, max: 4 }),
        (a, b, bridgeGap, bridgeDensity, seed) => {
          const found = passages(a, b, seed, { bridgeGap, bridgeDensity });
          for (const p of found) {
            const span = p.edits > 0 ? { words: p.words, edits: p.edits } : { words: p.words };
            expect(
              checkSpan(a.slice(p.aFrom, p.aTo), b.slice(p.bFrom, p.bTo), span, bridgeDensity),
            ).toBeUndefined();
            expect(p.aTo - p.aFrom - p.words).toBeLessThanOrEqual(p.edits);
          }
          for (const [i, x] of found.entries()) {
            for (const y of found.slice(i + 1)) {
              expect(x.words).toBeGreaterThanOrEqual(y.words);
              expect(x.aTo <= y.aFrom || y.aTo <= x.aFrom).toBe(true);
              expect(x.bTo <= y.bFrom || y.bTo <= x.bFrom).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('alignGap', () => {
  it('is the word edit distance, with the most matched words at that cost (property)', () => {
    const word = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 7 }), fc.array(word, { maxLength: 7 }), (a, b) => {
        const gap = alignGap(a, 0, a.length, b, 0, b.length);
        expect(gap.edits).toBe(wordLevenshtein(a, b));
        expect(gap.matched).toBeLessThanOrEqual(wordLcs(a, b));
        expect(gap.matched + gap.edits).toBeGreaterThanOrEqual(Math.max(a.length, b.length));
      }),
      { numRuns: 500 },
    );
  });
});

describe('bridged passages end to end', () => {
  const QUOTED =
    'the minister stressed the importance of enhancing cooperation and coordination to confront these threats on both sides of the border';
  const source = `In a phone call on Monday, ${QUOTED}, the statement said.`;
  const edited = QUOTED.replace('enhancing', 'improving');
  const copy = `Officials repeated that ${edited}, according to a readout released later.`;

  it('reports a quotation with a changed word as one passage with its edit', async () => {
    const report = await findDuplicates([source, copy]);
    expect(report.pairs).toHaveLength(1);
    const [pair] = report.pairs;
    expect(pair.kind).toBe('overlap');
    expect(pair.spans).toHaveLength(1);
    const [span] = pair.spans;
    expect(source.slice(...span.a)).toBe(QUOTED);
    expect(copy.slice(...span.b)).toBe(edited);
    expect(span).toMatchObject({ words: 19, edits: 1 });
  });

  it('reports the exact runs only with bridgeGap 0, as before bridging', async () => {
    const report = await findDuplicates([source, copy], { bridgeGap: 0 });
    expect(report.pairs[0].spans.map((s) => [s.words, s.edits])).toEqual([[13, undefined]]);
    expect(copy.slice(...report.pairs[0].spans[0].b)).toBe(
      'cooperation and coordination to confront these threats on both sides of the border',
    );
  });
});
