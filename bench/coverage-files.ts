// npx tsx bench/coverage-files.ts DIR [--bridge-gap N]
// Real text against the exact shared-run reference: runs findDuplicates on the files of DIR (sorted by name)
// and counts, for every pair of paragraphs sharing a run of minOverlapWords words, how the report covers it
// (listed, in one cluster, in one repeated passage, or not at all: bench/coverage.ts). Prints; asserts nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findDuplicates, type Options } from '../src/index.js';
import { coverageLines, sharedRunCoverage } from './coverage.js';
import { referenceWordsDiffer } from './reference.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'bridge-gap': { type: 'string' } },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: npx tsx bench/coverage-files.ts DIR [--bridge-gap N]');
const docs = readdirSync(dir)
  .sort()
  .map((f) => ({ id: f, text: readFileSync(join(dir, f), 'utf8') }));
const options: Options =
  values['bridge-gap'] === undefined ? {} : { bridgeGap: Number(values['bridge-gap']) };
const report = await findDuplicates(docs, options);
const kinds = { exact: 0, near: 0, overlap: 0 };
for (const pair of report.pairs) kinds[pair.kind]++;
const occurrences = report.passages.reduce((sum, p) => sum + p.occurrences.length, 0);
console.log(
  `${docs.length} files, ${report.stats.paragraphs} paragraphs, options ${JSON.stringify(options)}: ${report.pairs.length} pairs (${kinds.exact} exact, ${kinds.near} near, ${kinds.overlap} overlap), ${report.clusters.length} clusters, ${report.passages.length} repeated passages (${occurrences} occurrences), ${report.stats.candidates} candidates, ${(report.stats.ms / 1000).toFixed(1)} s`,
);
const textOf = new Map(docs.map((d) => [d.id, d.text]));
const texts = report.documents.flatMap((d) =>
  d.paragraphs.map((p) => (textOf.get(d.id) ?? '').slice(p.start, p.end)),
);
console.log(
  `reference words: ${referenceWordsDiffer(texts)} of ${texts.length} paragraphs differ from the library's tokens`,
);
const m = report.options.minOverlapWords;
console.log(coverageLines(sharedRunCoverage(report, docs, m), m, 10).join('\n'));
