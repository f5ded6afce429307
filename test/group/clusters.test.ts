// Clusters from verified edges, with the guard against chaining (docs/groups.md).
import { describe, expect, it } from 'vitest';
import { type ClusterInputs, clusterPairs } from '../../src/group/clusters.js';
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
    // {A, B} and {C} are linked once, by their near pair B–C: A–C (an overlap, Jaccard 0.59) is not listed
    // apart, since the two groups are near already.
    const kinds = report.pairs.map((p) => `${p.a.doc}-${p.b.doc}:${p.kind}`);
    expect(kinds).toEqual(['doc-1-doc-2:near', 'doc-2-doc-3:near']);
    expect(report.pairs[1].jaccard).toBeGreaterThanOrEqual(0.7);
    expect(report.pairs[1].linkedPairs).toBeUndefined(); // it stands for itself: A–C is not near
    const withoutB = await findDuplicates([A, C].map((words) => words.join(' ')));
    expect(withoutB.pairs.map((p) => p.kind)).toEqual(['overlap']);
    expect(withoutB.pairs[0].jaccard).toBeLessThan(0.7);
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

/**
 * Clustering's inputs over a table of pairs "p-q" → [kind, jaccard] (a pair not in it is neither near nor
 * overlapping; the 32-bit filter agrees with the words), recording what is asked.
 */
function inputsOf(table: Record<string, [Pair['kind'], number]>, exact: ExactGroups) {
  const asked = { near: [] as string[], verify: [] as string[], copies: [] as string[], overlaps: 0 };
  const entry = (p: number, q: number) => table[`${p}-${q}`];
  const inputs: ClusterInputs = {
    exact,
    mayBeNear: (p, q) => entry(p, q) !== undefined && entry(p, q)[0] !== 'overlap',
    nearJaccard(p, q) {
      asked.near.push(`${p}-${q}`);
      const found = entry(p, q);
      return found && found[0] !== 'overlap' ? found[1] : undefined;
    },
    verify(p, q) {
      asked.verify.push(`${p}-${q}`);
      const found = entry(p, q);
      return found && pairOf(p, q, found[0], found[1]);
    },
    exactCopy(p, q) {
      asked.copies.push(`${p}-${q}`);
      return pairOf(p, q, 'exact', 1);
    },
    place: (p) => ({ doc: `doc-${p}`, paragraph: 0 }),
    onOverlap: () => {
      asked.overlaps++;
    },
  };
  return { inputs, asked };
}

/** Candidate keys p × total + q of the pairs "p-q", ascending. */
const candidatesOf = (total: number, ...pairs: string[]) =>
  Float64Array.from(pairs.map((pq) => pq.split('-').map(Number)).map(([p, q]) => p * total + q)).sort();

describe('clusterPairs', () => {
  it('compares a paragraph with the representative when no candidate pair gave that pair', () => {
    const { inputs, asked } = inputsOf(
      { '0-1': ['near', 0.8], '1-2': ['near', 0.75], '0-2': ['near', 0.72] },
      exactOf([10, 11, 12]),
    );
    const clustered = clusterPairs(candidatesOf(3, '0-1', '1-2'), inputs);
    // 0–2 was no candidate but is compared (2 joins 0's cluster); 1–2, inside the cluster, is never looked at.
    expect(asked.near).toEqual(['0-1', '0-2']);
    expect(asked.verify).toEqual(['0-1', '0-2']); // the pairs listed, verified in full
    expect(clustered.clusters[0].members.map((m) => [m.doc, m.jaccard])).toEqual([
      ['doc-0', 1],
      ['doc-1', 0.8],
      ['doc-2', 0.72],
    ]);
    expect([...clustered.clusterOf]).toEqual([0, 0, 0]);
  });

  it('a paragraph near two clusters joins the one whose representative it is nearest', () => {
    // 0 and 1 are not near (two clusters); 2 is near both representatives, nearer to 1.
    const { inputs } = inputsOf({ '0-2': ['near', 0.72], '1-2': ['near', 0.9] }, exactOf([10, 11, 12]));
    const clustered = clusterPairs(candidatesOf(3, '0-2', '1-2'), inputs);
    expect(clustered.clusters.map((c) => c.members.map((m) => m.doc))).toEqual([['doc-1', 'doc-2']]);
    // The 0–2 pair is a near pair across clusters (0 is in none): still listed.
    expect(clustered.pairs.map((f) => [f.p, f.q])).toEqual([
      [1, 2],
      [0, 2],
    ]);
  });

  it('exact copies join their text’s cluster; a pair between copied texts is listed once, with memberPairs', () => {
    // Texts: 0 = 2 = 4 (one text, three copies), 1 = 3 (another, two copies); 0 and 1 only overlap.
    const { inputs, asked } = inputsOf({ '0-1': ['overlap', 0.2] }, exactOf([10, 11, 10, 11, 10]));
    const clustered = clusterPairs(candidatesOf(5, '0-1'), inputs);
    expect(asked.copies).toEqual(['0-2', '0-4', '1-3']);
    expect(clustered.clusters.map((c) => [c.kind, c.members.map((m) => m.doc)])).toEqual([
      ['exact', ['doc-0', 'doc-2', 'doc-4']],
      ['exact', ['doc-1', 'doc-3']],
    ]);
    expect(clustered.clusters[0].members.map((m) => m.copyOf)).toEqual([undefined, 0, 0]);
    const overlap = clustered.pairs.find((f) => f.pair.kind === 'overlap');
    expect(overlap?.pair.memberPairs).toBe(6); // 3 copies × 2 copies
    expect(overlap?.pair.linkedPairs).toBeUndefined(); // no other pair between the two clusters
    expect(clustered.pairs.filter((f) => f.pair.kind === 'overlap')).toHaveLength(1);
  });

  it('lists two near clusters once: the highest Jaccard, counting every near pair between them', () => {
    // Clusters {0, 1} and {2, 3} (2 is not near 0); 1–2, 0–3 and 1–3 are near, 0–2 only overlaps.
    const table: Record<string, [Pair['kind'], number]> = {
      '0-1': ['near', 0.9],
      '2-3': ['near', 0.85],
      '1-2': ['near', 0.74],
      '0-3': ['near', 0.78],
      '1-3': ['near', 0.78],
      '0-2': ['overlap', 0.5],
    };
    const { inputs, asked } = inputsOf(table, exactOf([10, 11, 12, 13]));
    const clustered = clusterPairs(candidatesOf(4, ...Object.keys(table)), inputs);
    expect(clustered.clusters.map((c) => c.members.map((m) => m.doc))).toEqual([
      ['doc-0', 'doc-1'],
      ['doc-2', 'doc-3'],
    ]);
    const links = clustered.pairs.filter((f) => f.p < 2 && f.q >= 2);
    // 0–3 and 1–3 tie at 0.78: the first in input order is listed.
    expect(links.map((f) => [f.p, f.q, f.pair.kind, f.pair.linkedPairs])).toEqual([[0, 3, 'near', 3]]);
    // Only the listed pairs are verified in full; the overlap between near clusters is not verified at all.
    expect(asked.verify.sort()).toEqual(['0-1', '0-3', '2-3']);
    expect(asked.overlaps).toBe(0);
  });

  it('lists overlapping groups once: the highest Jaccard, counting every overlap and each copy', () => {
    // 0 = 4 (copies); clusters {0, 1} and {2, 3}; 0–2, 1–2 and 1–3 overlap, 0–3 is nothing.
    const table: Record<string, [Pair['kind'], number]> = {
      '0-1': ['near', 0.9],
      '2-3': ['near', 0.85],
      '0-2': ['overlap', 0.3],
      '1-2': ['overlap', 0.4],
      '1-3': ['overlap', 0.2],
    };
    const { inputs, asked } = inputsOf(table, exactOf([10, 11, 12, 13, 10]));
    const clustered = clusterPairs(candidatesOf(5, ...Object.keys(table), '0-3'), inputs);
    const links = clustered.pairs.filter((f) => f.pair.kind === 'overlap');
    // 0–2 stands for 0–2 and 4–2 (a copy of 0): 2 + 1 + 1 overlap pairs between the clusters.
    expect(links.map((f) => [f.p, f.q, f.pair.memberPairs, f.pair.linkedPairs])).toEqual([
      [1, 2, undefined, 4],
    ]);
    expect(asked.overlaps).toBe(3);
  });
});
