import type { Block, Pair, Report } from '../types.js';

/**
 * The pairs of each block, in paragraph order. A block is a run of pairs on one diagonal of paragraph
 * ranks, where a paragraph's rank counts only paragraphs with words (a separator such as "* * *" has
 * none, is never flagged, and does not break a run), so its pairs are found by walking side a and
 * stepping side b by rank: linear in the block, not in the report.
 */
export function blockMembers(report: Report): Map<Block, Pair[]> {
  const byPlaces = new Map<string, Pair>();
  for (const pair of report.pairs) {
    byPlaces.set(placesKey(pair.a.doc, pair.a.paragraph, pair.b.doc, pair.b.paragraph), pair);
  }
  const ranks = rankFinder(report);
  const members = new Map<Block, Pair[]>();
  for (const block of report.blocks) {
    const a = ranks(block.a.doc);
    const b = ranks(block.b.doc);
    const shift = b.rankOf(block.b.from) - a.rankOf(block.a.from);
    const found: Pair[] = [];
    for (let i = block.a.from; i <= block.a.to; i++) {
      if (!a.hasWords(i)) continue;
      const j = b.atRank(a.rankOf(i) + shift);
      if (j === undefined || j < block.b.from || j > block.b.to) continue;
      const pair = byPlaces.get(placesKey(block.a.doc, i, block.b.doc, j));
      if (pair) found.push(pair);
    }
    members.set(block, found);
  }
  return members;
}

interface Ranks {
  rankOf(paragraph: number): number;
  atRank(rank: number): number | undefined;
  hasWords(paragraph: number): boolean;
}

/** Ranks per document, built once each; a document the report does not list counts every index. */
function rankFinder(report: Report): (doc: string) => Ranks {
  const paragraphsOf = new Map(report.documents.map((d) => [d.id, d.paragraphs]));
  const built = new Map<string, Ranks>();
  return (doc) => {
    let ranks = built.get(doc);
    if (ranks) return ranks;
    const paragraphs = paragraphsOf.get(doc);
    if (!paragraphs) {
      ranks = { rankOf: (i) => i, atRank: (r) => r, hasWords: () => true };
    } else {
      const rankOf: number[] = [];
      const atRank: number[] = [];
      for (const p of paragraphs) {
        rankOf.push(atRank.length);
        if (p.words > 0) atRank.push(p.index);
      }
      ranks = {
        rankOf: (i) => rankOf[i] ?? i,
        atRank: (r) => atRank[r],
        hasWords: (i) => (paragraphs[i]?.words ?? 1) > 0,
      };
    }
    built.set(doc, ranks);
    return ranks;
  };
}

function placesKey(aDoc: string, aParagraph: number, bDoc: string, bParagraph: number): string {
  return `${aDoc}\u0000${aParagraph}\u0000${bDoc}\u0000${bParagraph}`;
}
