import type { CandidateTables } from '../candidates/collect.js';
import { blockTables } from '../candidates/collect.js';
import { KeyedIds, sortByKey } from '../candidates/radix-groups.js';
import { findInCorpus } from '../pipeline/find.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { Cluster, PairSide, Report, ResolvedOptions } from '../types.js';
import { corpusOf, type IndexEntry } from './entries.js';
import type { Indexed } from './store.js';

/**
 * New documents checked against indexed ones: the detection findDuplicates runs, over the indexed
 * paragraphs the new ones may pair with (those sharing a band key or a fingerprint with one of theirs:
 * the other paragraphs of their documents are there too, only left out of the grouping) followed by the
 * new documents, under the same limits for the whole batch (so a batch stops where findDuplicates on it
 * would). Of its Report, what involves a new document: see `involving`.
 */
export function checkFresh(
  indexed: Indexed,
  fresh: readonly IndexEntry[],
  options: ResolvedOptions,
  extractor: FeatureExtractor,
  started: number,
): Report {
  const base = indexed.entries.reduce((total, e) => total + e.paragraphs.length, 0);
  const near = new Uint8Array(base);
  forEachKey(blockTables(fresh, base, options.bands), (t, key, high) =>
    indexed.lookup.visit(t, key, high, (id) => {
      near[id] = 1;
    }),
  );
  const involved: IndexEntry[] = [];
  const marks: Uint8Array[] = [];
  let first = 0;
  for (const entry of indexed.entries) {
    const mine = near.subarray(first, first + entry.paragraphs.length);
    if (mine.includes(1)) {
      involved.push(entry);
      marks.push(mine);
    }
    first += entry.paragraphs.length;
  }
  const corpus = corpusOf([...involved, ...fresh], options.bands);
  const active = new Uint8Array(corpus.docOf.length).fill(1);
  let at = 0;
  for (const mine of marks) {
    active.set(mine, at);
    at += mine.length;
  }
  const report = findInCorpus(corpus, options, extractor, started, undefined, active);
  return involving(report, new Set(fresh.map((e) => e.doc.id)));
}

/** Calls back once with each distinct key of each table (with its upper 32 bits in a wide table, else 0). */
function forEachKey(tables: CandidateTables, visit: (t: number, key: number, high: number) => void): void {
  const narrow = new KeyedIds(256);
  const wide = new KeyedIds(256, true);
  for (let t = 0; t < tables.count; t++) {
    const scratch = tables.wide?.(t) ? wide : narrow;
    scratch.clear();
    const table = tables.table(t, scratch);
    sortByKey(table);
    const { keys, highs } = table;
    for (let i = 0; i < table.length; i++) {
      const high = highs?.[i] ?? 0;
      if (i === 0 || keys[i] !== keys[i - 1] || high !== (highs?.[i - 1] ?? 0)) visit(t, keys[i], high);
    }
  }
}

/**
 * The part of a Report that involves the documents named: the pairs and blocks with a side in one, the
 * one pair listed between two groups when either holds one (it may join two indexed paragraphs: the pair
 * with the highest Jaccard between the groups), the clusters, passages and document groups with a member
 * in one (whole, with their indexed members, and numbered again from 0), and the documents all of these
 * name, in their order.
 */
export function involving(report: Report, ids: ReadonlySet<string>): Report {
  const clusterOf = new Map<string, Cluster>();
  for (const c of report.clusters) for (const m of c.members) clusterOf.set(`${m.doc}#${m.paragraph}`, c);
  const cluster = (side: PairSide) => clusterOf.get(`${side.doc}#${side.paragraph}`);
  const holds = (side: PairSide) => ids.has(side.doc) || cluster(side)?.members.some((m) => ids.has(m.doc));
  const pairs = report.pairs.filter(
    (p) =>
      ids.has(p.a.doc) ||
      ids.has(p.b.doc) ||
      ((cluster(p.a) === undefined || cluster(p.a) !== cluster(p.b)) && (holds(p.a) || holds(p.b))),
  );
  const blocks = report.blocks.filter((b) => ids.has(b.a.doc) || ids.has(b.b.doc));
  const clusters = report.clusters
    .filter((c) => c.members.some((m) => ids.has(m.doc)))
    .map((c, id) => ({ ...c, id }));
  const passages = report.passages.filter((p) => p.occurrences.some((o) => ids.has(o.doc)));
  const documentGroups = report.documentGroups
    .filter((g) => g.members.some((m) => ids.has(m.doc)))
    .map((g, id) => ({ ...g, id }));
  const named = new Set(ids);
  for (const p of pairs) named.add(p.a.doc).add(p.b.doc);
  for (const c of clusters) for (const m of c.members) named.add(m.doc);
  for (const p of passages) for (const o of p.occurrences) named.add(o.doc);
  for (const g of documentGroups) for (const m of g.members) named.add(m.doc);
  const documents = report.documents.filter((d) => named.has(d.id));
  return {
    ...report,
    documents,
    pairs,
    blocks,
    clusters,
    passages,
    documentGroups,
    stats: {
      ...report.stats,
      documents: documents.length,
      paragraphs: documents.reduce((total, d) => total + d.paragraphs.length, 0),
      pairs: pairs.length,
    },
  };
}
