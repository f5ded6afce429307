import type { Block } from '../types.js';

/** A flagged pair by position: document index and paragraph index on each side (a before b). */
export interface PairPosition {
  aDoc: number;
  aParagraph: number;
  bDoc: number;
  bParagraph: number;
  jaccard: number;
}

/**
 * Runs of consecutive flagged pairs: (i, j), (i + 1, j + 1), … between the same two documents, of at
 * least `minPairs` pairs. A copied block of five paragraphs is one block of five pairs.
 * `rank(doc, paragraph)` numbers paragraphs for adjacency; passing the rank among paragraphs that have
 * words lets a run continue across separators such as "* * *" (which have none and are never flagged).
 */
export function findBlocks(
  pairs: readonly PairPosition[],
  docIds: readonly string[],
  minPairs: number,
  rank: (doc: number, paragraph: number) => number = (_doc, paragraph) => paragraph,
): Block[] {
  const diagonals = new Map<string, PairPosition[]>();
  const aRank = (p: PairPosition) => rank(p.aDoc, p.aParagraph);
  for (const pair of pairs) {
    const key = `${pair.aDoc}:${pair.bDoc}:${rank(pair.bDoc, pair.bParagraph) - aRank(pair)}`;
    const list = diagonals.get(key);
    if (list) list.push(pair);
    else diagonals.set(key, [pair]);
  }
  const blocks: { block: Block; aDoc: number; bDoc: number }[] = [];
  for (const list of diagonals.values()) {
    list.sort((x, y) => aRank(x) - aRank(y));
    let runStart = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && aRank(list[i]) === aRank(list[i - 1]) + 1) continue;
      const run = list.slice(runStart, i);
      if (run.length >= minPairs) {
        const first = run[0];
        const last = run[run.length - 1];
        blocks.push({
          aDoc: first.aDoc,
          bDoc: first.bDoc,
          block: {
            a: { doc: docIds[first.aDoc], from: first.aParagraph, to: last.aParagraph },
            b: { doc: docIds[first.bDoc], from: first.bParagraph, to: last.bParagraph },
            pairs: run.length,
            jaccard: run.reduce((sum, p) => sum + p.jaccard, 0) / run.length,
          },
        });
      }
      runStart = i;
    }
  }
  blocks.sort(
    (x, y) =>
      y.block.pairs - x.block.pairs ||
      x.aDoc - y.aDoc ||
      x.block.a.from - y.block.a.from ||
      x.bDoc - y.bDoc ||
      x.block.b.from - y.block.b.from,
  );
  return blocks.map((b) => b.block);
}
