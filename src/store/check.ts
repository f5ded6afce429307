import { CandidatePairs } from '../candidates/candidate-pairs.js';
import { blockTables, collectCandidates } from '../candidates/collect.js';
import { assembleReport, type FoundPair, verifyCandidates } from '../pipeline/find.js';
import { verifyParams } from '../pipeline/stage-params.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { Report, ResolvedOptions } from '../types.js';
import { lastAtOrBelow } from '../util/bisect.js';
import { PairVerifier } from '../verify/pair-verifier.js';
import { corpusOf, entriesSource, type IndexEntry } from './entries.js';
import type { Indexed } from './store.js';

/** New documents checked against indexed ones: the verified pairs, numbered over indexed then new paragraphs. */
export interface Checked {
  indexed: Indexed;
  fresh: readonly IndexEntry[];
  found: FoundPair[];
  candidates: number;
  /** Where each indexed document's paragraphs start, and where the new ones start. */
  firstParagraph: readonly number[];
  base: number;
}

/**
 * The flagged pairs of new documents, against the indexed ones and among themselves: the candidates and
 * verification of a detection over the indexed documents followed by the new ones, under the same limits
 * for the whole batch (so a batch stops where findDuplicates on it would).
 */
export function checkFresh(
  indexed: Indexed,
  fresh: readonly IndexEntry[],
  options: ResolvedOptions,
  extractor: FeatureExtractor,
): Checked {
  const { source, firstParagraph } = entriesSource([...indexed.entries, ...fresh]);
  const base = sum(indexed.entries);
  const span = base + sum(fresh);
  const collected = new CandidatePairs(span, options.maxPairs);
  collectCandidates(blockTables(fresh, base, options.bands), collected, indexed.lookup);
  const keys = collected.sortedUnique();
  const verifier = new PairVerifier(source, verifyParams(options), extractor);
  const found = verifyCandidates(keys, span, verifier, options.maxPairs);
  return { indexed, fresh, found, candidates: keys.length, firstParagraph, base };
}

/**
 * The Report of a checked batch: its pairs, over the indexed documents they involve (in the order added)
 * and the new documents after them, as findDuplicates would number them.
 */
export function reportOf(checked: Checked, options: ResolvedOptions, started: number): Report {
  const { indexed, fresh, found, firstParagraph, base } = checked;
  const involved = new Set<number>();
  for (const { p } of found) if (p < base) involved.add(lastAtOrBelow(firstParagraph, p));
  const shown = [...involved].sort((x, y) => x - y);
  // Renumber: the involved indexed documents one after another, then the new ones.
  const shownFirst = new Map<number, number>();
  let at = 0;
  for (const e of shown) {
    shownFirst.set(e, at);
    at += indexed.entries[e].paragraphs.length;
  }
  const renumber = (p: number) => {
    if (p >= base) return at + p - base;
    const e = lastAtOrBelow(firstParagraph, p);
    return (shownFirst.get(e) as number) + p - firstParagraph[e];
  };
  const renumbered = found.map(({ pair, p, q }) => ({ pair, p: renumber(p), q: renumber(q) }));
  const entries = [...shown.map((e) => indexed.entries[e]), ...fresh];
  return assembleReport(corpusOf(entries, options.bands), options, renumbered, checked.candidates, started);
}

function sum(entries: readonly IndexEntry[]): number {
  return entries.reduce((total, e) => total + e.paragraphs.length, 0);
}
