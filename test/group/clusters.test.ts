// Clusters from verified edges, with the guard against chaining (docs/groups.md).
import { describe, expect, it } from 'vitest';
import { clusterPairs, type NumberedPair } from '../../src/group/clusters.js';
import { ExactGroups } from '../../src/group/exact-groups.js';
import { findDuplicates, type Pair } from '../../src/index.js';

/** 60 distinct words. */
const BASE = Array.from({ length: 60 }, (_, i) => `w${i}x`);
/** The words with those at `positions` replaced by words of their own. */
const substitute = (words: readonly string[], positions: number[], tag: string) =>
  words.map((w, i) => (positions.includes(i) ? `${tag}${i}` : w));

// A~B (Jaccard 0.81), B~C (0.73), A≁C (0.59, an overlap): the chain union-find would merge.
const A = BASE;
const B = substitute(A, [15, 40], 'b');
const C = substitute(B, [5, 28, 50], 'c');

describe('the guard against chaining, end to end', () => {
  it('A~B, B~C, A≁C: B joins A; C does not; B–C stays a near pair across clusters', async () => {
    const report = await findDuplicates([A, B, C].map((words) => words.join(' ')));
    expect(report.clusters).toHaveLength(1);
    const [cluster] = report.clusters;
    expect(cluster.kind).toBe('near');
    expect(cluster.representative).toEqual({ doc: 'doc-1', paragraph: 0 });
    expect(cluster.members.map((m) => m.doc)).toEqual(['doc-1', 'doc-2']);
    expect(cluster.members[0].jaccard).toBe(1);
    expect(cluster.members[1].jaccard).toBeCloseTo(52 / 64, 10); // 58 shingles, 6 differ on each side
    expect(cluster.minJaccard).toBe(cluster.members[1].jaccard);
    const kinds = report.pairs.map((p) => `${p.a.doc}-${p.b.doc}:${p.kind}`);
    expect(kinds).toEqual(['doc-1-doc-2:near', 'doc-2-doc-3:near', 'doc-1-doc-3:overlap']);
    expect(report.pairs[1].jaccard).toBeGreaterThanOrEqual(0.7);
    expect(report.pairs[2].jaccard).toBeLessThan(0.7);
  });

  it('C joins when it is near the representative too (the guard lets real clusters grow)', async () => {
    const near = substitute(B, [52], 'c'); // J(A, C) still above 0.7
    const report = await findDuplicates([A, B, near].map((words) => words.join(' ')));
    expect(report.clusters.map((c) => c.members.map((m) => m.doc))).toEqual([['doc-1', 'doc-2', 'doc-3']]);
    // One pair per member against the representative; B–C inside the cluster is not listed.
    expect(report.pairs.map((p) => `${p.a.doc}-${p.b.doc}`)).toEqual(['doc-1-doc-2', 'doc-1-doc-3']);
  });
});

/** A fake pair of paragraphs p < q (doc-p, paragraph 0). */
const pairOf = (p: number, q: number, kind: Pair['kind'], jaccard: number): Pair => ({
  a: { doc: `doc-${p}`, paragraph: 0 },
  b: { doc: `doc-${q}`, paragraph: 0 },
  kind,
  jaccard,
  containment: jaccard,
  similarity: jaccard,
  spans: [],
});

/** ExactGroups over paragraphs given as group numbers (equal numbers: exact copies). */
function exactOf(texts: number[]): ExactGroups {
  const offsets = Uint32Array.from({ length: texts.length + 1 }, (_, i) => i);
  return new ExactGroups(offsets, Uint32Array.from(texts), () => true);
}

describe('clusterPairs', () => {
  const place = (p: number) => ({ doc: `doc-${p}`, paragraph: 0 });

  it('verifies a paragraph against the representative when no candidate pair gave that pair', () => {
    const asked: [number, number][] = [];
    const found: NumberedPair[] = [
      { pair: pairOf(0, 1, 'near', 0.8), p: 0, q: 1 },
      { pair: pairOf(1, 2, 'near', 0.75), p: 1, q: 2 },
    ];
    const clustered = clusterPairs(found, {
      exact: exactOf([10, 11, 12]),
      verify: (p, q) => {
        asked.push([p, q]);
        return p === 0 && q === 2 ? pairOf(0, 2, 'near', 0.72) : undefined;
      },
      exactCopy: () => {
        throw new Error('no copies here');
      },
      place,
    });
    expect(asked).toEqual([[0, 2]]);
    expect(clustered.clusters[0].members.map((m) => [m.doc, m.jaccard])).toEqual([
      ['doc-0', 1],
      ['doc-1', 0.8],
      ['doc-2', 0.72],
    ]);
    expect([...clustered.clusterOf]).toEqual([0, 0, 0]);
  });

  it('a paragraph near two clusters joins the one whose representative it is nearest', () => {
    // 0 and 1 are not near (two clusters); 2 is near both representatives, nearer to 1.
    const found: NumberedPair[] = [
      { pair: pairOf(0, 2, 'near', 0.72), p: 0, q: 2 },
      { pair: pairOf(1, 2, 'near', 0.9), p: 1, q: 2 },
    ];
    const clustered = clusterPairs(found, {
      exact: exactOf([10, 11, 12]),
      verify: () => undefined,
      exactCopy: () => {
        throw new Error('no copies here');
      },
      place,
    });
    expect(clustered.clusters.map((c) => c.members.map((m) => m.doc))).toEqual([['doc-1', 'doc-2']]);
    // The 0–2 pair is a near pair across clusters (0 is in none): still listed.
    expect(clustered.pairs.map((f) => [f.p, f.q])).toEqual([
      [1, 2],
      [0, 2],
    ]);
  });

  it('exact copies join their text’s cluster; a pair between copied texts is listed once, with memberPairs', () => {
    // Texts: 0 = 2 = 4 (one text, three copies), 1 = 3 (another, two copies); 0 and 1 only overlap.
    const exact = exactOf([10, 11, 10, 11, 10]);
    const found: NumberedPair[] = [{ pair: pairOf(0, 1, 'overlap', 0.2), p: 0, q: 1 }];
    const copies: [number, number][] = [];
    const clustered = clusterPairs(found, {
      exact,
      verify: () => undefined,
      exactCopy: (p, q) => {
        copies.push([p, q]);
        return pairOf(p, q, 'exact', 1);
      },
      place,
    });
    expect(copies).toEqual([
      [0, 2],
      [0, 4],
      [1, 3],
    ]);
    expect(clustered.clusters.map((c) => [c.kind, c.members.map((m) => m.doc)])).toEqual([
      ['exact', ['doc-0', 'doc-2', 'doc-4']],
      ['exact', ['doc-1', 'doc-3']],
    ]);
    expect(clustered.clusters[0].members.map((m) => m.copyOf)).toEqual([undefined, 0, 0]);
    const overlap = clustered.pairs.find((f) => f.pair.kind === 'overlap');
    expect(overlap?.pair.memberPairs).toBe(6); // 3 copies × 2 copies
    expect(clustered.pairs.filter((f) => f.pair.kind === 'overlap')).toHaveLength(1);
  });
});
