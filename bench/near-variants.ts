import { parseArgs } from 'node:util';
import { findDuplicates } from '../src/index.js';
import { BOILERPLATE } from './boilerplate.js';
import { generateCorpus } from './corpus.js';
import { machineLine } from './machine.js';
import { seededRandom } from './random.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { background: { type: 'string', default: '20000' } },
});
const random = seededRandom(17);
const background = generateCorpus({ paragraphs: Number(values.background), seed: 4 }).documents.map(
  (d) => d.text,
);
const words = BOILERPLATE.split(' ');
console.log(machineLine());
for (const k of positionals.length > 0 ? positionals.map(Number) : [1000, 5000]) {
  const variants = Array.from({ length: k }, (_, i) => {
    const copy = [...words];
    const edits = 1 + (i % 3);
    for (let e = 0; e < edits; e++) copy[Math.floor(random() * copy.length)] = `v${i}e${e}`;
    return copy.join(' ');
  });
  const docs = [
    ...background,
    ...Array.from({ length: Math.ceil(k / 20) }, (_, d) => variants.slice(d * 20, d * 20 + 20).join('\n\n')),
  ];
  const started = performance.now();
  const report = await findDuplicates(docs);
  const ms = performance.now() - started;
  const biggest = [...report.clusters].sort((a, b) => b.members.length - a.members.length)[0];
  console.log(
    `K = ${k} variants + ${values.background} paragraphs: ${(ms / 1000).toFixed(1)} s, ${report.stats.candidates} candidate pairs, ${report.stats.pairs} pairs listed, largest cluster ${biggest?.members.length ?? 0} (min Jaccard ${biggest?.minJaccard.toFixed(3)}), ${report.clusters.filter((c) => c.members.some((m) => m.doc.startsWith('doc-') && Number(m.doc.slice(4)) > background.length)).length} clusters holding variants`,
  );
}
