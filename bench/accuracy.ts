// npm run accuracy [-- --paragraphs 10000 --seed 1] [--num-hashes N] [--bands B --rows R]
//                   [--min-candidate-probability P] [--svg FILE]
// The real pipeline against exact references on a generated corpus of real prose with planted near
// duplicates and overlaps: recall and precision of near pairs (overall and per true-Jaccard bucket), the
// LSH S-curve measured, overlap recall, how each pair sharing a run of minOverlapWords words is reported
// (listed, in one cluster, in one repeated passage, or not at all), false overlaps, incidental overlaps
// in unrelated text, passages pasted with edits (exact runs against bridged passages, docs/passages.md),
// MinHash estimator error.
// The LSH flags change the pipeline's options for every measurement (bands and rows are derived per
// threshold unless given). Writes docs/accuracy.svg at the default LSH settings, or --svg FILE.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { candidateProbability, findDuplicates, jaccard, type Options, resolveOptions } from '../src/index.js';
import { EDIT_LEVELS, generateCorpus } from './corpus.js';
import { coverageLines, sharedRunCoverage } from './coverage.js';
import {
  candidateRates,
  estimatorError,
  flaggedKeys,
  measureNearRecall,
  type NearRecall,
  overlapRecall,
  plantedRelations,
} from './measure.js';
import { measureObfuscated, obfuscatedCorpus, obfuscationTable } from './obfuscated.js';
import { allPairsJaccard, allPairsSharedRuns, referenceWordsDiffer, shingleSets } from './reference.js';
import { sCurveSvg } from './svg.js';

const { values } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    'num-hashes': { type: 'string' },
    bands: { type: 'string' },
    rows: { type: 'string' },
    'min-candidate-probability': { type: 'string' },
    svg: { type: 'string' },
  },
});
const flag = (name: keyof typeof values) => (values[name] === undefined ? undefined : Number(values[name]));
/** The LSH options given on the command line, applied to every run of the pipeline below. */
const lsh: Options = Object.fromEntries(
  Object.entries({
    numHashes: flag('num-hashes'),
    bands: flag('bands'),
    rows: flag('rows'),
    minCandidateProbability: flag('min-candidate-probability'),
  }).filter(([, v]) => v !== undefined),
);
const svgFile = values.svg ?? (Object.keys(lsh).length === 0 ? 'docs/accuracy.svg' : undefined);
const started = performance.now();
const corpus = generateCorpus({ paragraphs: Number(values.paragraphs), seed: Number(values.seed) });
const texts = corpus.paragraphs.map((p) => p.text);
const n = texts.length;
const defaults = resolveOptions(lsh).resolved;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f3 = (x: number) => x.toFixed(3);

console.log(
  `corpus: ${n} paragraphs (State of the Union prose, seed ${values.seed}), ${corpus.truth.near.length} planted near duplicates, ${corpus.truth.overlaps.length} planted overlaps`,
);
console.log(
  `options: ${Object.keys(lsh).length === 0 ? 'the defaults' : `the defaults and ${JSON.stringify(lsh)}`}: threshold ${defaults.threshold}, ${defaults.shingleSize}-word shingles, ${defaults.numHashes} hashes → ${defaults.bands} bands × ${defaults.rows} rows (minCandidateProbability ${defaults.minCandidateProbability}), minOverlapWords ${defaults.minOverlapWords}\n`,
);

// 1. Exact reference: every pair with Jaccard ≥ 0.3 over the pipeline's own shingle sets.
const sets = await shingleSets(texts, defaults);
const reference = allPairsJaccard(sets, 0.3);
console.log(`exact reference: ${reference.length} pairs with Jaccard ≥ 0.3 (exact join over all pairs)\n`);

// 2. Near duplicates end to end, at each threshold; and LSH alone (overlaps off).
console.log('Near duplicates, end to end (findDuplicates), against the exact reference:');
const nearRows = [];
const endToEnd: NearRecall[] = [];
for (const threshold of [0.5, 0.6, 0.7, 0.8, 0.9]) {
  for (const overlaps of [true, false]) {
    const r = await measureNearRecall(corpus, reference, { ...lsh, threshold, overlaps });
    if (overlaps) endToEnd.push(r);
    nearRows.push({
      threshold,
      'bands × rows': `${r.bands} × ${r.rows}`,
      candidates: overlaps ? 'LSH + fingerprints' : 'LSH only',
      'true pairs': r.truePairs,
      recall: pct(r.recall),
      'recall J∈[t,t+.05)': `${pct(r.recallAtThreshold)} of ${r.pairsAtThreshold}`,
      'recall J≥t+.05': `${pct(r.recallAbove)} of ${r.pairsAbove}`,
      precision: pct(r.precision),
      'candidates/paragraph': r.candidatesPerParagraph.toFixed(3),
    });
  }
}
console.table(nearRows);

// 2b. The same end-to-end runs per true-Jaccard bucket: recall where every pair should be flagged
// (bucket ≥ threshold), precision of what was flagged in each bucket (flagged pairs below the threshold
// are false positives; pairs below 0.3 are not in the reference, so only flagged ones are counted).
const bucketName = (b: { lo: number | undefined; hi: number }) =>
  b.lo === undefined ? `< ${b.hi.toFixed(1)}` : `${b.lo.toFixed(1)}–${b.hi.toFixed(1)}`;
const perBucket = (cell: (b: NearRecall['buckets'][number]) => string, withUnlisted: boolean) =>
  endToEnd[0].buckets
    .map((first, i) => {
      const row: Record<string, string | number> = { jaccard: bucketName(first), pairs: first.pairs ?? '—' };
      for (const r of endToEnd) row[`t = ${r.threshold}`] = cell(r.buckets[i]);
      return row;
    })
    .filter((row) => withUnlisted || row.pairs !== '—');
console.log(
  '\nNear duplicates per true-Jaccard bucket, end to end: recall (flagged / reference pairs; buckets ≥ t):',
);
console.table(
  perBucket((b) => (b.recall === undefined ? '—' : `${pct(b.recall)} (${b.flagged}/${b.pairs})`), false),
);
console.log('Precision per bucket (flagged with J ≥ t / flagged in the bucket):');
console.table(
  perBucket(
    (b) => (b.precision === undefined ? 'none flagged' : `${pct(b.precision)} of ${b.flagged}`),
    true,
  ),
);

// 3. The S-curve: share of reference pairs that LSH makes candidates, per Jaccard bucket.
const rates = await candidateRates(texts, reference, lsh);
console.log(
  `\nLSH candidate rate per true-Jaccard bucket (threshold ${defaults.threshold}, ${defaults.bands} × ${defaults.rows}):`,
);
console.table(
  rates.map((b) => ({
    jaccard: `${b.lo.toFixed(2)}–${(b.lo + 0.05).toFixed(2)}`,
    pairs: b.pairs,
    measured: pct(b.rate),
    theory: pct(candidateProbability(b.lo + 0.025, defaults.bands, defaults.rows)),
  })),
);

// 4. One report at the default threshold (and the LSH options given), for the overlap measurements.
const report = await findDuplicates(corpus.documents, lsh);
const flagged = flaggedKeys(report, corpus);

// 5. Overlaps: planted passages found, and the exact reference of shared runs.
console.log(`\nPlanted overlaps found (minOverlapWords ${defaults.minOverlapWords}):`);
console.table(
  overlapRecall(report, corpus).map((r) => ({
    'passage words': r.words,
    planted: r.planted,
    found: r.found,
    'through a link': r.linked,
    recall: pct(r.found / r.planted),
  })),
);
const related = plantedRelations(corpus);
const runs = allPairsSharedRuns(texts, 6);
// Every pair sharing a run of minOverlapWords words is reported in some form: listed, in one cluster, or
// in one repeated passage (docs/groups.md); the reference reads the words with its own tokeniser.
const exactReport = await findDuplicates(corpus.documents, { ...lsh, bridgeGap: 0 });
console.log(
  `reference words: ${referenceWordsDiffer(texts)} of ${n} paragraphs differ from the library's tokens`,
);
for (const [label, r] of [
  ['defaults', report],
  ['exact runs only, bridgeGap 0', exactReport],
] as const) {
  const lines = coverageLines(
    sharedRunCoverage(r, corpus.documents, defaults.minOverlapWords),
    defaults.minOverlapWords,
  );
  console.log(`${label}: ${lines.join('\n')}`);
}
// False overlaps, exact runs only: flagged as overlaps, yet no exact run of minOverlapWords words in common.
const exactOnly = flaggedKeys(exactReport, corpus);
const falseOverlaps = [...exactOnly.overlap].filter((k) => (runs.get(k) ?? 0) < defaults.minOverlapWords);
console.log(
  `false overlaps (exact runs only, bridgeGap 0): ${falseOverlaps.length} of the ${exactOnly.overlap.size} pairs flagged as overlaps share no run of ≥ ${defaults.minOverlapWords} words in the exact reference${
    falseOverlaps.length
      ? `: ${falseOverlaps
          .slice(0, 10)
          .map((k) => `${Math.floor(k / n)}~${k % n}`)
          .join(', ')}`
      : ''
  }`,
);
// Bridged passages (the defaults): unrelated pairs flagged as overlaps with and without bridging.
const unrelatedOf = (keys: Set<number>) => [...keys].filter((k) => !related(Math.floor(k / n), k % n));
const unrelatedBridged = unrelatedOf(flagged.overlap);
const bridgedOnly = unrelatedBridged.filter((k) => (runs.get(k) ?? 0) < defaults.minOverlapWords).length;
console.log(
  `unrelated pairs flagged as overlaps: ${unrelatedOf(exactOnly.overlap).length} with exact runs only, ${unrelatedBridged.length} bridged (bridgeGap ${defaults.bridgeGap}, bridgeDensity ${defaults.bridgeDensity}): ${bridgedOnly} of them share no exact run of ≥ ${defaults.minOverlapWords} words`,
);
const shortened = corpus.truth.overlaps.filter((o) => o.words < o.requested).length;
console.log(`planted overlaps shorter than asked for (source paragraph too short): ${shortened}`);
console.log('\nIncidental shared runs between unrelated paragraphs (not planted), per 1,000 paragraphs:');
console.table(
  [6, 7, 8, 9, 10, 12].map((m) => {
    const incidental = [...runs].filter(
      ([k, longest]) => longest >= m && !related(Math.floor(k / n), k % n),
    ).length;
    return {
      'minOverlapWords m': m,
      'unrelated pairs sharing ≥ m words': incidental,
      'per 1,000': ((1000 * incidental) / n).toFixed(2),
    };
  }),
);

// 6. Planted near duplicates by edit: exact Jaccard at 1–5-word shingles (how the shingle size was chosen).
console.log(
  '\nPlanted near duplicates caught at the default threshold, by edit and shingle size (exact Jaccard ≥ threshold):',
);
const perShingle = await Promise.all(
  [1, 2, 3, 4, 5].map(async (k) => ({
    k,
    sets: await shingleSets(texts, resolveOptions({ shingleSize: k }).resolved),
  })),
);
console.table(
  EDIT_LEVELS.map(([edit, amount]) => {
    const planted = corpus.truth.near.filter((p) => p.edit === edit && p.amount === amount);
    const row: Record<string, string | number> = {
      edit: amount ? `${edit} ${amount}` : edit,
      pairs: planted.length,
    };
    for (const { k, sets: s } of perShingle) {
      row[`k=${k}`] = pct(
        planted.filter((p) => jaccard(s[p.source], s[p.copy]) >= defaults.threshold).length / planted.length,
      );
    }
    return row;
  }),
);
console.log('Unrelated pairs reaching each threshold, by shingle size:');
console.table(
  perShingle.map(({ k, sets: s }) => {
    const pairs = allPairsJaccard(s, 0.5).filter((p) => !related(p.a, p.b));
    const row: Record<string, string | number> = { shingle: `${k} word${k > 1 ? 's' : ''}` };
    for (const t of [0.5, 0.6, 0.7, 0.8]) row[`J ≥ ${t}`] = pairs.filter((p) => p.jaccard >= t).length;
    return row;
  }),
);

// 6b. Passages pasted with edits (PAN-style obfuscation), exact runs only and bridged.
// 100 cases per cell on 10,000 paragraphs (each case takes two of them), fewer on smaller corpora.
const OBFUSCATED_CASES = Math.min(100, Math.floor(n / 50));
const obfuscated = obfuscatedCorpus(n, Number(values.seed), OBFUSCATED_CASES);
const [exactCells, bridgedCells] = await Promise.all(
  [{ ...lsh, bridgeGap: 0 }, lsh].map(async (o) => (await measureObfuscated(obfuscated, o)).cells),
);
console.log(
  `\nPassages pasted with edits (substitutions, insertions, deletions spread through them) into unrelated paragraphs: ${OBFUSCATED_CASES} per cell, ${n} paragraphs; found = the pair flagged with a span meeting the planted range on both sides; character recall and precision of the spans against the planted ranges (PAN style):`,
);
console.table(obfuscationTable(exactCells, bridgedCells));

// 7. MinHash estimator error against exact Jaccard, next to the theory √(J(1−J)/k).
console.log(`\nMinHash estimator error |estimate − exact| over the ${reference.length} reference pairs:`);
const errors = [];
for (const k of [64, 128, 256]) errors.push(await estimatorError(texts, reference, k));
console.table(
  errors.map((e) => ({
    hashes: e.numHashes,
    'mean |err|': f3(e.mean),
    'p99 |err|': f3(e.p99),
    'theory mean σ': f3(e.theorySd),
    'theory E|err| = σ√(2/π)': f3(e.theoryMeanAbs),
  })),
);

if (svgFile)
  writeFileSync(
    svgFile,
    sCurveSvg({
      curve: (j) => candidateProbability(j, defaults.bands, defaults.rows),
      points: rates.map((b) => ({ jaccard: b.lo + 0.025, rate: b.rate, pairs: b.pairs })),
      threshold: defaults.threshold,
      title: `P(candidate | Jaccard): ${defaults.bands} bands × ${defaults.rows} rows, ${defaults.numHashes} hashes`,
      subtitle: `measured on ${n} paragraphs of State of the Union prose (seed ${values.seed}), ${reference.length} pairs with J ≥ 0.3`,
    }),
  );
console.log(
  `\n${svgFile ? `wrote ${svgFile}` : 'no SVG written (LSH options given; --svg FILE to write one)'}; total ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
