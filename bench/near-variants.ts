// K distinct near variants of one licence paragraph (1–3 of its 48 words substituted) among generated
// paragraphs: time, candidates, pairs listed, clusters, and how the pairs between groups are listed
// (docs/groups.md). `--before DIR` runs another checkout's src/index.ts on the same corpora too.
//   npx tsx bench/near-variants.ts [--background N] [--before DIR] K...
import { parseArgs } from 'node:util';
import type { Report } from '../src/index.js';
import { BOILERPLATE } from './boilerplate.js';
import { generateCorpus } from './corpus.js';
import { checkoutsToCompare, machineLine } from './machine.js';
import { seededRandom } from './random.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { background: { type: 'string', default: '20000' }, before: { type: 'string' } },
});
const libraries = await Promise.all(
  checkoutsToCompare(values.before).map(async ([label, entry]) => {
    const library = (await (entry ? import(entry) : import('../src/index.js'))) as {
      findDuplicates: (docs: string[]) => Promise<Report>;
    };
    return { label, findDuplicates: library.findDuplicates };
  }),
);
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
  for (const { label, findDuplicates } of libraries) {
    const started = performance.now();
    const report = await findDuplicates(docs);
    const ms = performance.now() - started;
    console.log(
      `K = ${k} variants + ${values.background} paragraphs, ${label}: ${summary(report, ms, background.length)}`,
    );
  }
}

/** The figures of one run: what the docs' table shows. */
function summary(report: Report, ms: number, backgroundDocs: number): string {
  const isVariant = (doc: string) => Number(doc.slice(4)) > backgroundDocs;
  const holding = report.clusters.filter((c) => c.members.some((m) => isVariant(m.doc)));
  const biggest = [...report.clusters].sort((a, b) => b.members.length - a.members.length)[0];
  const clusterOf = new Map<string, number>();
  for (const c of report.clusters) for (const m of c.members) clusterOf.set(`${m.doc}#${m.paragraph}`, c.id);
  const cluster = (side: { doc: string; paragraph: number }) =>
    clusterOf.get(`${side.doc}#${side.paragraph}`);
  let inside = 0;
  let between = 0;
  let standsFor = 0;
  for (const p of report.pairs) {
    if (!isVariant(p.a.doc) || !isVariant(p.b.doc)) continue;
    const x = cluster(p.a);
    if (x !== undefined && x === cluster(p.b)) inside++;
    else {
      between++;
      standsFor += p.linkedPairs ?? p.memberPairs ?? 1;
    }
  }
  return [
    `${(ms / 1000).toFixed(1)} s`,
    `${report.stats.candidates} candidate pairs`,
    `${report.stats.pairs} pairs listed (between variants: ${inside} in a cluster, ${between} between groups standing for ${standsFor})`,
    `${holding.length} clusters holding variants`,
    `largest ${biggest?.members.length ?? 0} (min Jaccard ${biggest?.minJaccard.toFixed(3)})`,
  ].join(', ');
}
