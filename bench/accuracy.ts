// npm run accuracy [-- --paragraphs 10000 --seed 1]
// The real pipeline against exact references on a generated corpus of real prose with planted near
// duplicates and overlaps: recall and precision of near pairs, the LSH S-curve measured, overlap recall,
// incidental overlaps in unrelated text, MinHash estimator error. Writes docs/accuracy.svg.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { candidateProbability, findDuplicates, jaccard, resolveOptions } from '../src/index.js';
import { EDIT_LEVELS, generateCorpus } from './corpus.js';
import {
  candidateRates,
  estimatorError,
  flaggedKeys,
  measureNearRecall,
  overlapRecall,
  plantedRelations,
} from './measure.js';
import { allPairsJaccard, allPairsSharedRuns, shingleSets } from './reference.js';
import { sCurveSvg } from './svg.js';

const { values } = parseArgs({
  options: {
    paragraphs: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    svg: { type: 'string', default: 'docs/accuracy.svg' },
  },
});
const started = performance.now();
const corpus = generateCorpus({ paragraphs: Number(values.paragraphs), seed: Number(values.seed) });
const texts = corpus.paragraphs.map((p) => p.text);
const n = texts.length;
const defaults = resolveOptions({}).resolved;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f3 = (x: number) => x.toFixed(3);

console.log(
  `corpus: ${n} paragraphs (State of the Union prose, seed ${values.seed}), ${corpus.truth.near.length} planted near duplicates, ${corpus.truth.overlaps.length} planted overlaps`,
);
console.log(
  `defaults: threshold ${defaults.threshold}, ${defaults.shingleSize}-word shingles, ${defaults.numHashes} hashes → ${defaults.bands} bands × ${defaults.rows} rows, minOverlapWords ${defaults.minOverlapWords}\n`,
);

// 1. Exact reference: every pair with Jaccard ≥ 0.3 over the pipeline's own shingle sets.
const sets = await shingleSets(texts, defaults);
const reference = allPairsJaccard(sets, 0.3);
console.log(`exact reference: ${reference.length} pairs with Jaccard ≥ 0.3 (exact join over all pairs)\n`);

// 2. Near duplicates end to end, at each threshold; and LSH alone (overlaps off).
console.log('Near duplicates, end to end (findDuplicates), against the exact reference:');
const nearRows = [];
for (const threshold of [0.5, 0.6, 0.7, 0.8, 0.9]) {
  for (const overlaps of [true, false]) {
    const r = await measureNearRecall(corpus, reference, { threshold, overlaps });
    nearRows.push({
      threshold,
      candidates: overlaps ? 'LSH + fingerprints' : 'LSH only',
      'true pairs': r.truePairs,
      recall: pct(r.recall),
      'recall J∈[t,t+.05)': pct(r.recallAtThreshold),
      'recall J≥t+.05': pct(r.recallAbove),
      precision: pct(r.precision),
      'candidates/paragraph': r.candidatesPerParagraph.toFixed(2),
    });
  }
}
console.table(nearRows);

// 3. The S-curve: share of reference pairs that LSH makes candidates, per Jaccard bucket.
const rates = await candidateRates(texts, reference, {});
console.log(`\nLSH candidate rate per true-Jaccard bucket (defaults, ${defaults.bands} × ${defaults.rows}):`);
console.table(
  rates.map((b) => ({
    jaccard: `${b.lo.toFixed(2)}–${(b.lo + 0.05).toFixed(2)}`,
    pairs: b.pairs,
    measured: pct(b.rate),
    theory: pct(candidateProbability(b.lo + 0.025, defaults.bands, defaults.rows)),
  })),
);

// 4. The default report per 0.1 bucket: flagged as near duplicates (must be all ≥ threshold, none below).
const report = await findDuplicates(corpus.documents);
const flagged = flaggedKeys(report, corpus);
console.log(
  `\nDefault options, near/exact pairs flagged per true-Jaccard bucket (threshold ${defaults.threshold}):`,
);
console.table(
  [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((lo) => {
    const inBucket = reference.filter((p) => p.jaccard >= lo && (lo === 0.9 ? true : p.jaccard < lo + 0.1));
    const found = inBucket.filter((p) => flagged.near.has(p.a * n + p.b)).length;
    return {
      jaccard: `${lo.toFixed(1)}–${(lo + 0.1).toFixed(1)}`,
      pairs: inBucket.length,
      'flagged near': found,
    };
  }),
);

// 5. Overlaps: planted passages found, and the exact reference of shared runs.
console.log(`\nPlanted overlaps found (minOverlapWords ${defaults.minOverlapWords}):`);
console.table(
  overlapRecall(report, corpus).map((r) => ({
    'passage words': r.words,
    planted: r.planted,
    found: r.found,
    recall: pct(r.found / r.planted),
  })),
);
const related = plantedRelations(corpus);
const runs = allPairsSharedRuns(texts, 6);
const flaggedAny = new Set([...flagged.near, ...flagged.overlap]);
const mustFind = [...runs].filter(([, longest]) => longest >= defaults.minOverlapWords);
const missed = mustFind.filter(([k]) => !flaggedAny.has(k)).length;
console.log(
  `exact reference: ${mustFind.length} pairs share a run of ≥ ${defaults.minOverlapWords} words; the pipeline flags ${mustFind.length - missed} of them (recall ${pct(1 - missed / Math.max(1, mustFind.length))})`,
);
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

writeFileSync(
  values.svg,
  sCurveSvg({
    curve: (j) => candidateProbability(j, defaults.bands, defaults.rows),
    points: rates.map((b) => ({ jaccard: b.lo + 0.025, rate: b.rate, pairs: b.pairs })),
    threshold: defaults.threshold,
    title: `P(candidate | Jaccard): ${defaults.bands} bands × ${defaults.rows} rows, ${defaults.numHashes} hashes`,
    subtitle: `measured on ${n} paragraphs of State of the Union prose (seed ${values.seed}), ${reference.length} pairs with J ≥ 0.3`,
  }),
);
console.log(`\nwrote ${values.svg}; total ${((performance.now() - started) / 1000).toFixed(1)} s`);
