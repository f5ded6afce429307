// Accuracy measurements of the real pipeline against exact references (used by accuracy.ts and the tests).
import {
  createDetector,
  estimateJaccard,
  findDuplicates,
  LshIndex,
  type Options,
  type Pair,
  type Report,
} from '../src/index.js';
import type { GeneratedCorpus } from './corpus.js';
import type { ReferencePair } from './reference.js';

/** Global paragraph number of each (document id, paragraph index) of a generated corpus. */
export function globalIndex(corpus: GeneratedCorpus): (doc: string, paragraph: number) => number {
  const offsets: number[] = [];
  corpus.paragraphs.forEach((p, i) => {
    if (p.index === 0) offsets[p.doc] = i;
  });
  return (doc, paragraph) => offsets[Number(doc.slice(4)) - 1] + paragraph;
}

const key = (a: number, b: number, n: number) => (a < b ? a * n + b : b * n + a);

/** What a report says about paragraph pairs, as keys a × n + b of global paragraph numbers. */
export interface Flagged {
  /** Pairs listed as exact or near, and the pairs of exact copies a listed pair stands for (memberPairs). */
  near: Set<number>;
  /** The same for overlaps. */
  overlap: Set<number>;
  /** The longest shared span (words) of each of those pairs. */
  longest: Map<number, number>;
  /** Whether two paragraphs are in one cluster (linked as duplicates, their pair not listed). */
  together(a: number, b: number): boolean;
  /**
   * The kind of the one pair listed between the groups of a and b (their clusters, or themselves when in
   * none: docs/groups.md), when they are in two groups and one is listed; it stands for the pairs of that
   * kind found between them (linkedPairs), without saying which.
   */
  linked(a: number, b: number): Pair['kind'] | undefined;
  /** Paragraph p and its exact copies (cluster members with copyOf), which stand for one another. */
  copiesOf(p: number): readonly number[];
}

/**
 * The flagged pairs of a report as keys, by kind: each listed pair, and where it stands for more
 * (memberPairs), every copy of a with every copy of b (copies: cluster members with copyOf).
 */
export function flaggedKeys(report: Report, corpus: GeneratedCorpus): Flagged {
  return reportKeys(report, globalIndex(corpus), corpus.paragraphs.length);
}

/** flaggedKeys for any report: `index` numbers its paragraphs 0 … n − 1. */
export function reportKeys(
  report: Report,
  index: (doc: string, paragraph: number) => number,
  n: number,
): Flagged {
  const clusterOf = new Map<number, number>();
  const copies = new Map<number, number[]>(); // paragraph → every paragraph with its words
  for (const cluster of report.clusters) {
    const global = cluster.members.map((m) => index(m.doc, m.paragraph));
    const byFirst = new Map<number, number[]>();
    cluster.members.forEach((m, i) => {
      clusterOf.set(global[i], cluster.id);
      const first = global[m.copyOf ?? i];
      const list = byFirst.get(first) ?? [];
      if (list.length === 0) byFirst.set(first, list);
      list.push(global[i]);
    });
    for (const list of byFirst.values()) for (const p of list) copies.set(p, list);
  }
  const near = new Set<number>();
  const overlap = new Set<number>();
  const longest = new Map<number, number>();
  const groupOf = (p: number) => clusterOf.get(p) ?? -1 - p;
  const links = new Map<string, Pair['kind']>();
  const linkKey = (a: number, b: number) =>
    `${Math.min(groupOf(a), groupOf(b))}/${Math.max(groupOf(a), groupOf(b))}`;
  for (const p of report.pairs) {
    const a = index(p.a.doc, p.a.paragraph);
    const b = index(p.b.doc, p.b.paragraph);
    if (groupOf(a) !== groupOf(b)) links.set(linkKey(a, b), p.kind);
    const into = p.kind === 'overlap' ? overlap : near;
    const words = Math.max(0, ...p.spans.map((s) => s.words));
    const sides = p.memberPairs === undefined ? [[a], [b]] : [copies.get(a) ?? [a], copies.get(b) ?? [b]];
    for (const x of sides[0]) {
      for (const y of sides[1]) {
        const k = key(x, y, n);
        into.add(k);
        longest.set(k, Math.max(longest.get(k) ?? 0, words));
      }
    }
  }
  const together = (a: number, b: number) => {
    const c = clusterOf.get(a);
    return c !== undefined && c === clusterOf.get(b);
  };
  const linked = (a: number, b: number) => (groupOf(a) === groupOf(b) ? undefined : links.get(linkKey(a, b)));
  return { near, overlap, longest, together, linked, copiesOf: (p) => copies.get(p) ?? [p] };
}

export interface NearRecall {
  threshold: number;
  truePairs: number;
  flagged: number;
  /** Found / true pairs with J ≥ threshold. */
  recall: number;
  /** The same for J in [threshold, threshold + 0.05) (1 when there are none: see pairsAtThreshold). */
  recallAtThreshold: number;
  /** Reference pairs with J in [threshold, threshold + 0.05). */
  pairsAtThreshold: number;
  /** The same for J ≥ threshold + 0.05 (1 when there are none: see pairsAbove). */
  recallAbove: number;
  /** Reference pairs with J ≥ threshold + 0.05. */
  pairsAbove: number;
  /** Flagged pairs whose exact Jaccard is ≥ threshold / flagged. */
  precision: number;
  candidatesPerParagraph: number;
  /** LSH bands × rows the detection used. */
  bands: number;
  rows: number;
  /** Reference and flagged pairs per true-Jaccard bucket. */
  buckets: NearBucket[];
}

/**
 * One true-Jaccard bucket [lo, hi) (the last one includes 1) at one threshold: `lo` is undefined for the
 * pairs below 0.3, which the reference does not list, so only flagged ones are counted there.
 */
export interface NearBucket {
  lo: number | undefined;
  hi: number;
  /** Reference pairs in the bucket (undefined below 0.3). */
  pairs: number | undefined;
  /** Pairs in the bucket flagged as near or exact. */
  flagged: number;
  /** Flagged / pairs, for buckets at or above the threshold (where every pair should be flagged). */
  recall: number | undefined;
  /** Flagged pairs with J ≥ threshold / flagged pairs in the bucket; undefined when none is flagged. */
  precision: number | undefined;
}

/** Lower ends of the 0.1-wide buckets from 0.3: 0.3–0.4 … 0.9–1.0. */
export const JACCARD_BUCKETS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/**
 * Recall and precision per true-Jaccard bucket of the pairs flagged as near (keys a × n + b); a pair in
 * one cluster (`together`) counts as found, not as a claim that its own Jaccard reaches the threshold.
 */
export function nearBuckets(
  near: ReadonlySet<number>,
  reference: readonly ReferencePair[],
  n: number,
  threshold: number,
  together: (a: number, b: number) => boolean = () => false,
): NearBucket[] {
  const exact = new Map(reference.map((p) => [key(p.a, p.b, n), p.jaccard]));
  const unlisted = [...near].filter((k) => !exact.has(k)).length;
  const below: NearBucket = {
    lo: undefined,
    hi: 0.3,
    pairs: undefined,
    flagged: unlisted,
    recall: undefined,
    precision: unlisted === 0 ? undefined : 0,
  };
  return [
    below,
    ...JACCARD_BUCKETS.map((lo, i) => {
      const hi: number = JACCARD_BUCKETS[i + 1] ?? 1;
      const inBucket = reference.filter((p) => p.jaccard >= lo - 1e-9 && (hi === 1 || p.jaccard < hi - 1e-9));
      const flagged = inBucket.filter((p) => near.has(key(p.a, p.b, n)));
      const found = inBucket.filter((p) => near.has(key(p.a, p.b, n)) || together(p.a, p.b));
      const correct = flagged.filter((p) => p.jaccard >= threshold).length;
      return {
        lo,
        hi,
        pairs: inBucket.length,
        flagged: found.length,
        recall: lo >= threshold - 1e-9 && inBucket.length > 0 ? found.length / inBucket.length : undefined,
        precision: flagged.length === 0 ? undefined : correct / flagged.length,
      };
    }),
  ];
}

/** Runs findDuplicates and compares its near/exact pairs with the reference pairs (J ≥ threshold). */
export async function measureNearRecall(
  corpus: GeneratedCorpus,
  reference: readonly ReferencePair[],
  options: Options & { threshold: number },
): Promise<NearRecall> {
  const report = await findDuplicates(corpus.documents, options);
  const n = corpus.paragraphs.length;
  const flagged = flaggedKeys(report, corpus);
  const { near } = flagged;
  // Found also when the pair's two groups are linked as near (one pair listed for all of theirs).
  const together = (a: number, b: number) =>
    flagged.together(a, b) || (flagged.linked(a, b) ?? 'overlap') !== 'overlap';
  const t = options.threshold;
  const exact = new Map(reference.map((p) => [key(p.a, p.b, n), p.jaccard]));
  const truth = reference.filter((p) => p.jaccard >= t);
  // Found: listed, in one cluster, or between two groups linked as near (docs/groups.md: neither is
  // listed one by one). Precision is of the pairs listed, each a claim that its Jaccard reaches the
  // threshold.
  const found = (p: ReferencePair) => near.has(key(p.a, p.b, n)) || together(p.a, p.b);
  const share = (pairs: ReferencePair[]) =>
    pairs.length === 0 ? 1 : pairs.filter(found).length / pairs.length;
  const correct = [...near].filter((k) => (exact.get(k) ?? 0) >= t).length;
  const atThreshold = truth.filter((p) => p.jaccard < t + 0.05);
  const above = truth.filter((p) => p.jaccard >= t + 0.05);
  return {
    threshold: t,
    truePairs: truth.length,
    flagged: near.size,
    recall: share(truth),
    recallAtThreshold: share(atThreshold),
    pairsAtThreshold: atThreshold.length,
    recallAbove: share(above),
    pairsAbove: above.length,
    precision: near.size === 0 ? 1 : correct / near.size,
    candidatesPerParagraph: report.stats.candidates / report.stats.paragraphs,
    bands: report.options.bands,
    rows: report.options.rows,
    buckets: nearBuckets(near, reference, n, t, together),
  };
}

/** Share of reference pairs that LSH alone makes candidates, per Jaccard bucket [lo, lo + width). */
export async function candidateRates(
  texts: readonly string[],
  reference: readonly ReferencePair[],
  options: Options,
  width = 0.05,
): Promise<{ lo: number; pairs: number; candidates: number; rate: number }[]> {
  const detector = await createDetector(options);
  const { bands, rows, numHashes } = detector.options;
  const signatures = new Uint32Array(texts.length * numHashes);
  const lsh = new LshIndex(bands, rows);
  for (const [i, text] of texts.entries()) {
    signatures.set(detector.signature(text), i * numHashes);
    lsh.insert(i, signatures, i * numHashes);
  }
  const flat = lsh.candidatePairs();
  const candidates = new Set<number>();
  for (let i = 0; i < flat.length; i += 2) candidates.add(flat[i] * texts.length + flat[i + 1]);
  const buckets = new Map<number, { pairs: number; candidates: number }>();
  for (const p of reference) {
    const lo = Math.min(Math.floor(p.jaccard / width + 1e-9), Math.round(1 / width) - 1);
    const bucket = buckets.get(lo) ?? { pairs: 0, candidates: 0 };
    bucket.pairs++;
    if (candidates.has(p.a * texts.length + p.b)) bucket.candidates++;
    buckets.set(lo, bucket);
  }
  return [...buckets.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([lo, b]) => ({ lo: lo * width, ...b, rate: b.candidates / b.pairs }));
}

export interface OverlapRecall {
  words: number;
  planted: number;
  /** Listed (see overlapRecall), or reported through a link. */
  found: number;
  /** Of those found, how many through the pair listed between their two groups (linkedPairs). */
  linked: number;
}

/**
 * Planted passages found: the (source, host) pair is flagged with a shared span of ≥ min(words, m), or it
 * lies between two groups (clusters, or paragraphs in none) that a listed pair links (docs/groups.md: such
 * pairs are not listed one by one; the link's kind is near or overlap, its span is another pair's).
 */
export function overlapRecall(report: Report, corpus: GeneratedCorpus): OverlapRecall[] {
  const n = corpus.paragraphs.length;
  const { longest, linked } = flaggedKeys(report, corpus);
  const byLength = new Map<number, OverlapRecall>();
  for (const o of corpus.truth.overlaps) {
    const row = byLength.get(o.words) ?? { words: o.words, planted: 0, found: 0, linked: 0 };
    row.planted++;
    if ((longest.get(key(o.source, o.target, n)) ?? 0) >= Math.min(o.words, report.options.minOverlapWords)) {
      row.found++;
    } else if (linked(o.source, o.target) !== undefined) {
      row.found++;
      row.linked++;
    }
    byLength.set(o.words, row);
  }
  return [...byLength.values()].sort((x, y) => x.words - y.words);
}

/** Pairs related by planting (copies, hosts and sources, and copies of one source), as keys. */
export function plantedRelations(corpus: GeneratedCorpus): (a: number, b: number) => boolean {
  const parent = corpus.paragraphs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i];
    return i;
  };
  for (const p of corpus.truth.near) parent[find(p.copy)] = find(p.source);
  for (const o of corpus.truth.overlaps) parent[find(o.target)] = find(o.source);
  return (a, b) => find(a) === find(b);
}

/** |estimate − exact| of MinHash signatures of k hashes, over the given pairs, with the theory. */
export async function estimatorError(
  texts: readonly string[],
  pairs: readonly ReferencePair[],
  numHashes: number,
): Promise<{ numHashes: number; mean: number; p99: number; theorySd: number; theoryMeanAbs: number }> {
  const detector = await createDetector({ numHashes });
  const needed = new Set(pairs.flatMap((p) => [p.a, p.b]));
  const signatures = new Map([...needed].map((i) => [i, detector.signature(texts[i])]));
  const errors = pairs.map((p) =>
    Math.abs(estimateJaccard(signatures.get(p.a)!, signatures.get(p.b)!) - p.jaccard),
  );
  errors.sort((x, y) => x - y);
  const sds = pairs.map((p) => Math.sqrt((p.jaccard * (1 - p.jaccard)) / numHashes));
  const theorySd = sds.reduce((s, x) => s + x, 0) / sds.length;
  return {
    numHashes,
    mean: errors.reduce((s, x) => s + x, 0) / errors.length,
    p99: errors[Math.min(errors.length - 1, Math.floor(errors.length * 0.99))],
    theorySd,
    // E|X| of a normal with standard deviation σ is σ·√(2/π).
    theoryMeanAbs: theorySd * Math.sqrt(2 / Math.PI),
  };
}
