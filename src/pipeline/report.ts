import { findBlocks, type PairPosition } from '../group/blocks.js';
import type { NumberedPair } from '../group/clusters.js';
import type { Cluster, DocumentGroup, Pair, RepeatedPassage, Report, ResolvedOptions } from '../types.js';
import type { Corpus } from './corpus.js';

/** What grouping gives the Report beside the documents: the pairs listed and the groups. */
export interface Grouped {
  pairs: NumberedPair[];
  clusters: Cluster[];
  passages: RepeatedPassage[];
  documentGroups: DocumentGroup[];
}

/** Sorts the pairs (strongest first), finds the blocks and builds the Report. */
export function assembleReport(
  corpus: Corpus,
  options: ResolvedOptions,
  grouped: Grouped,
  candidates: number,
  started: number,
): Report {
  const { docs } = corpus;
  const total = corpus.docOf.length;
  const found = [...grouped.pairs].sort(strongestFirst);
  const pairs = found.map((f) => f.pair);
  // Adjacency counts only paragraphs with words, so a run of copied paragraphs continues across a
  // separator ("* * *") that has none and so can never be flagged.
  const ranks = corpus.paragraphsByDoc.map((paragraphs) => {
    let rank = 0;
    return paragraphs.map((p) => (p.words > 0 ? rank++ : rank));
  });
  const positions: PairPosition[] = found.map(({ pair, p, q }) => ({
    aDoc: corpus.docOf[p],
    aParagraph: corpus.indexOf[p],
    bDoc: corpus.docOf[q],
    bParagraph: corpus.indexOf[q],
    jaccard: pair.jaccard,
  }));
  const blocks = findBlocks(
    positions,
    docs.map((d) => d.id),
    options.minBlockPairs,
    (doc, paragraph) => ranks[doc][paragraph],
  );
  return {
    version: 2,
    options: {
      ...options,
      stopwords: Array.isArray(options.stopwords) ? [...options.stopwords] : options.stopwords,
    },
    documents: docs.map((doc, d) => ({ id: doc.id, paragraphs: corpus.paragraphsByDoc[d] })),
    pairs,
    blocks,
    clusters: grouped.clusters,
    passages: grouped.passages,
    documentGroups: grouped.documentGroups,
    stats: {
      documents: docs.length,
      paragraphs: total,
      candidates,
      pairs: pairs.length,
      ms: Math.round((now() - started) * 100) / 100,
    },
  };
}

const KIND_RANK = { exact: 0, near: 1, overlap: 2 } as const;

/** Report order: exact, near, overlap; then higher Jaccard, longer passage, earlier paragraphs. */
export function strongestFirst(
  x: { pair: Pair; p: number; q: number },
  y: { pair: Pair; p: number; q: number },
): number {
  return (
    KIND_RANK[x.pair.kind] - KIND_RANK[y.pair.kind] ||
    y.pair.jaccard - x.pair.jaccard ||
    (y.pair.spans[0]?.words ?? 0) - (x.pair.spans[0]?.words ?? 0) ||
    x.p - y.p ||
    x.q - y.q
  );
}

/** Milliseconds from a monotonic clock where there is one. */
export function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}
