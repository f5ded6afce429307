// Property: every cluster member is near its representative, by an exact reference that shares neither the
// library's tokeniser nor its hashing (words by a regular expression, shingles as strings).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/index.js';

/** Lower-case runs of ASCII letters and digits: the library's words for the texts generated here. */
const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Exact Jaccard of the 3-word shingle sets, as strings. */
function referenceJaccard(a: readonly string[], b: readonly string[]): number {
  const shingles = (words: readonly string[]) => {
    const out = new Set<string>();
    if (words.length > 0 && words.length < 3) out.add(words.join(' '));
    for (let i = 0; i + 3 <= words.length; i++) out.add(words.slice(i, i + 3).join(' '));
    return out;
  };
  const [sa, sb] = [shingles(a), shingles(b)];
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / (sa.size + sb.size - shared);
}

const VOCABULARY = Array.from({ length: 400 }, (_, i) => `v${i.toString(36)}q`);

/**
 * A step of the generated corpus: a fresh paragraph, or a copy of an earlier one (picked by `from`) with
 * `edits` words replaced: chains of copies of copies give the A~B, B~C, A≁C cases clustering must not merge.
 */
interface Step {
  fresh: boolean;
  from: number;
  length: number;
  edits: [number, number][];
  seedWord: number;
}

const step: fc.Arbitrary<Step> = fc.record({
  fresh: fc.boolean(),
  from: fc.nat(),
  length: fc.integer({ min: 20, max: 60 }),
  edits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: VOCABULARY.length - 1 })), { maxLength: 8 }),
  seedWord: fc.nat({ max: VOCABULARY.length - 1 }),
});

function paragraphs(steps: readonly Step[]): string[][] {
  const out: string[][] = [];
  steps.forEach((s, i) => {
    if (s.fresh || out.length === 0) {
      out.push(
        Array.from({ length: s.length }, (_, j) => VOCABULARY[(s.seedWord * 7 + j * 13 + i * 31) % 400]),
      );
      return;
    }
    const words = [...out[s.from % out.length]];
    for (const [at, word] of s.edits) words[at % words.length] = VOCABULARY[word];
    out.push(words);
  });
  return out;
}

describe('clusters, checked against an exact reference', () => {
  it('every member reaches the threshold against its representative; exact members have its words', async () => {
    let clustered = 0;
    let nearMembers = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(0.5, 0.7, 0.85),
        async (steps, perDoc, threshold) => {
          const list = paragraphs(steps);
          const docs: string[] = [];
          for (let i = 0; i < list.length; i += perDoc)
            docs.push(
              list
                .slice(i, i + perDoc)
                .map((w) => w.join(' '))
                .join('\n\n'),
            );
          const report = await findDuplicates(docs, { threshold });
          const words = (m: { doc: string; paragraph: number }) =>
            list[(Number(m.doc.slice(4)) - 1) * perDoc + m.paragraph];
          for (const cluster of report.clusters) {
            const rep = words(cluster.representative);
            expect(cluster.members[0]).toMatchObject({ ...cluster.representative, jaccard: 1 });
            for (const member of cluster.members) {
              const own = words(member);
              const j = referenceJaccard(own, rep);
              expect(j).toBeGreaterThanOrEqual(threshold);
              expect(member.jaccard).toBeCloseTo(j, 12);
              if (member.copyOf !== undefined)
                expect(own.join(' ')).toBe(words(cluster.members[member.copyOf]).join(' '));
              if (cluster.kind === 'exact') expect(own.join(' ')).toBe(rep.join(' '));
              if (member.jaccard < 1) nearMembers++;
            }
            expect(cluster.minJaccard).toBe(Math.min(...cluster.members.map((m) => m.jaccard)));
            clustered++;
          }
          // Sanity of the reference: its words are the library's words for these texts.
          expect(wordsOf(docs[0].split('\n\n')[0])).toEqual(list[0]);
        },
      ),
      { numRuns: 60, seed: 14 },
    );
    // The generated corpora did exercise clusters with near members.
    expect(clustered).toBeGreaterThan(30);
    expect(nearMembers).toBeGreaterThan(10);
  }, 120_000);
});
