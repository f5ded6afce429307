// How a report covers the pairs of paragraphs that share a run of minOverlapWords words (docs/groups.md,
// "Every shared run is reported"): against the exact reference of bench/reference.ts, which reads the
// words with its own tokeniser and compares them as strings (no hashing), every such pair must be listed,
// in one cluster, between two groups linked by one listed pair, or two occurrences of one repeated passage.
import type { Report } from '../src/index.js';
import { reportKeys } from './measure.js';
import { longestCommonRun, pairsSharingRun, referenceWords } from './reference.js';

/** A paragraph as reported: document id and paragraph index. */
export interface ParagraphPlace {
  doc: string;
  paragraph: number;
}

/** A pair the report does not cover, with the longest run of words it shares. */
export interface UncoveredPair {
  a: ParagraphPlace;
  b: ParagraphPlace;
  shared: string[];
}

export interface Coverage {
  /** Pairs sharing a run of ≥ minWords words in the reference. */
  pairs: number;
  /** Listed in report.pairs (a pair with memberPairs counts for every copy of a with every copy of b). */
  listed: number;
  /** Not listed, but in one cluster. */
  cluster: number;
  /** Neither, but between two groups (clusters, or paragraphs in none) that one listed pair links (linkedPairs). */
  linked: number;
  /** Neither, but both are occurrences of one entry of report.passages (or exact copies of one). */
  passage: number;
  /** Not reported in any form, in paragraph order (shared words only for the first `show`). */
  uncovered: UncoveredPair[];
}

/**
 * Which way `report` (of `documents`) covers each pair sharing a run of ≥ minWords words, in that order
 * of preference: listed, same cluster, linked groups, same repeated passage, or not at all.
 */
export function sharedRunCoverage(
  report: Report,
  documents: readonly { id: string; text: string }[],
  minWords: number,
  show = 10,
): Coverage {
  const textOf = new Map(documents.map((d) => [d.id, d.text]));
  const places: ParagraphPlace[] = [];
  const words: string[][] = [];
  const first = new Map<string, number>();
  for (const doc of report.documents) {
    first.set(doc.id, places.length);
    const text = textOf.get(doc.id) ?? '';
    for (const p of doc.paragraphs) {
      places.push({ doc: doc.id, paragraph: p.index });
      words.push(referenceWords(text.slice(p.start, p.end)));
    }
  }
  const n = places.length;
  const index = (doc: string, paragraph: number) => (first.get(doc) ?? 0) + paragraph;
  const flagged = reportKeys(report, index, n);
  const passagesOf = new Map<number, Set<number>>();
  report.passages.forEach((passage, id) => {
    // One occurrence per distinct text: the exact copies of an occurrence hold the passage too.
    for (const o of passage.occurrences) {
      for (const p of flagged.copiesOf(index(o.doc, o.paragraph))) {
        const set = passagesOf.get(p) ?? new Set<number>();
        if (set.size === 0) passagesOf.set(p, set);
        set.add(id);
      }
    }
  });
  const samePassage = (a: number, b: number) => {
    const x = passagesOf.get(a);
    const y = passagesOf.get(b);
    return x !== undefined && y !== undefined && [...x].some((id) => y.has(id));
  };
  const coverage: Coverage = { pairs: 0, listed: 0, cluster: 0, linked: 0, passage: 0, uncovered: [] };
  const keys = [...pairsSharingRun(words, minWords)].sort((x, y) => x - y);
  for (const key of keys) {
    const a = Math.floor(key / n);
    const b = key % n;
    coverage.pairs++;
    if (flagged.near.has(key) || flagged.overlap.has(key)) coverage.listed++;
    else if (flagged.together(a, b)) coverage.cluster++;
    else if (flagged.linked(a, b) !== undefined) coverage.linked++;
    else if (samePassage(a, b)) coverage.passage++;
    else {
      const run = coverage.uncovered.length < show ? longestCommonRun(words[a], words[b]) : undefined;
      const shared = run ? words[a].slice(run.aFrom, run.aFrom + run.length) : [];
      coverage.uncovered.push({ a: places[a], b: places[b], shared });
    }
  }
  return coverage;
}

/** The coverage as printed lines: counts, then the first uncovered pairs with their shared words. */
export function coverageLines(coverage: Coverage, minWords: number, show = 5): string[] {
  const { pairs, listed, cluster, linked, passage, uncovered } = coverage;
  const lines = [
    `pairs sharing a run of ≥ ${minWords} words (exact reference): ${pairs}; listed ${listed}, in one cluster ${cluster}, between two linked groups ${linked}, in one repeated passage ${passage}, not reported ${uncovered.length}`,
  ];
  for (const u of uncovered.slice(0, show))
    lines.push(
      `  not reported: ${u.a.doc} ¶${u.a.paragraph} ~ ${u.b.doc} ¶${u.b.paragraph} (0-based), ${u.shared.length} words: "${u.shared.join(' ')}"`,
    );
  return lines;
}
