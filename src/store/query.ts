import type { QueryBuckets } from '../candidates/buckets.js';
import { CandidatePairs } from '../candidates/candidate-pairs.js';
import { assembleReport, strongestFirst, verifyCandidates } from '../pipeline/find.js';
import type { ResolvedOptions } from '../pipeline/options.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { Pair, Report } from '../types.js';
import { PairVerifier } from '../verify/pair-verifier.js';
import { corpusOf, entriesSource, type IndexEntry } from './entries.js';

/**
 * The flagged pairs of a new entry against indexed ones (numbered as in `buckets`, dead ones skipped,
 * found through its lookups) and within itself: the same candidates and verification as a detection
 * over the indexed documents followed by the new one.
 */
export function queryPairs(
  buckets: QueryBuckets,
  entry: IndexEntry,
  options: ResolvedOptions,
  extractor: FeatureExtractor,
): { pairs: Pair[]; candidates: number } {
  const base = buckets.paragraphs;
  const span = base + entry.paragraphs.length;
  const limit = 20 * options.maxPairs;
  const candidates = new CandidatePairs(
    span,
    limit,
    (count) =>
      `neardup: ${count} candidate pairs for one query, over the limit of ${limit} (maxPairs = ${options.maxPairs})`,
  );
  // Within the new document: its own paragraphs sharing a band or a fingerprint.
  const ownBands = Array.from({ length: options.bands }, () => new Map<number, number[]>());
  const ownFingerprints = new Map<number, number[]>();
  for (let i = 0; i < entry.paragraphs.length; i++) {
    if (entry.setOffsets[i + 1] === entry.setOffsets[i]) continue;
    for (let b = 0; b < options.bands; b++) {
      const key = entry.bandKeys[i * options.bands + b];
      for (const p of buckets.band(b).get(key) ?? []) if (!buckets.isDead(p)) candidates.add(p, base + i);
      const own = ownBands[b].get(key);
      if (own) for (const j of own) candidates.add(base + j, base + i);
      if (own) own.push(i);
      else ownBands[b].set(key, [i]);
    }
  }
  for (let f = 0; f < entry.fingerprints.length; f++) {
    const key = entry.fingerprints[f];
    const i = entry.fingerprintParagraphs[f];
    for (const p of buckets.fingerprints.get(key) ?? []) if (!buckets.isDead(p)) candidates.add(p, base + i);
    const own = ownFingerprints.get(key);
    if (own) for (const j of own) if (j !== i) candidates.add(base + j, base + i);
    if (own) own.push(i);
    else ownFingerprints.set(key, [i]);
  }
  const { source } = entriesSource([...buckets.entries, entry]);
  const verifier = new PairVerifier(source, options, extractor);
  const keys = candidates.sortedUnique();
  const found = verifyCandidates(keys, span, verifier, options);
  return { pairs: found.sort(strongestFirst).map((f) => f.pair), candidates: keys.length };
}

/** The Report of `pairs` over the documents they involve plus the `added` ones, in index order. */
export function reportOf(
  entries: readonly IndexEntry[],
  added: readonly IndexEntry[],
  pairs: Pair[],
  candidates: number,
  options: ResolvedOptions,
  started: number,
): Report {
  const involved = new Set<string>(added.map((e) => e.doc.id));
  for (const pair of pairs) involved.add(pair.a.doc).add(pair.b.doc);
  const shown = entries.filter((e) => involved.has(e.doc.id));
  const first = new Map<string, number>();
  let total = 0;
  for (const entry of shown) {
    first.set(entry.doc.id, total);
    total += entry.paragraphs.length;
  }
  const at = (side: Pair['a']) => (first.get(side.doc) ?? 0) + side.paragraph;
  const found = pairs.map((pair) => ({ pair, p: at(pair.a), q: at(pair.b) }));
  return assembleReport(corpusOf(shown, options.bands), options, found, candidates, started);
}
