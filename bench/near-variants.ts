// npx tsx bench/near-variants.ts [--background 20000] [--before DIR] K...
// K distinct near variants of one licence paragraph (1–3 of its 48 words substituted) among generated
// paragraphs (docs/groups.md): each corpus is run through findDuplicates in a fresh process, which prints
// wall and CPU time, peak RSS, candidates, pairs listed (how many between variants, inside a cluster or
// between two groups, and what those stand for) and clusters. --before DIR runs each corpus also with
// another checkout's src/index.ts. Prints; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Report } from '../src/index.js';
import { BOILERPLATE } from './boilerplate.js';
import { generateCorpus } from './corpus.js';
import { checkoutsToCompare, machineLine } from './machine.js';
import { seededRandom } from './random.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    background: { type: 'string', default: '20000' },
    before: { type: 'string' },
    one: { type: 'string' },
  },
});

interface Corpus {
  docs: string[];
  /** Documents before the variants' (generated paragraphs). */
  backgroundDocs: number;
}

if (values.one) {
  // In a fresh process: one corpus, one library (positional: its entry file, or none for this checkout).
  const corpus = JSON.parse(readFileSync(values.one, 'utf8')) as Corpus;
  const entry = positionals[0];
  const library = (await (entry ? import(entry) : import('../src/index.js'))) as {
    findDuplicates: (docs: string[]) => Promise<Report>;
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await library.findDuplicates(corpus.docs);
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(summary(report, corpus.backgroundDocs, { ms, cpuMs: (user + system) / 1000, peakRssMb }));
} else {
  const random = seededRandom(17);
  const background = generateCorpus({ paragraphs: Number(values.background), seed: 4 }).documents.map(
    (d) => d.text,
  );
  const words = BOILERPLATE.split(' ');
  const dir = join(os.tmpdir(), 'neardup-variants');
  mkdirSync(dir, { recursive: true });
  console.log(machineLine());
  // Variants come from one seeded stream, in the order of the K given (as the figures in the docs).
  for (const k of positionals.length > 0 ? positionals.map(Number) : [1000, 5000]) {
    const variants = Array.from({ length: k }, (_, i) => {
      const copy = [...words];
      const edits = 1 + (i % 3);
      for (let e = 0; e < edits; e++) copy[Math.floor(random() * copy.length)] = `v${i}e${e}`;
      return copy.join(' ');
    });
    const docs = [
      ...background,
      ...Array.from({ length: Math.ceil(k / 20) }, (_, d) =>
        variants.slice(d * 20, d * 20 + 20).join('\n\n'),
      ),
    ];
    const file = join(dir, `variants-${values.background}-${k}.json`);
    writeFileSync(file, JSON.stringify({ docs, backgroundDocs: background.length } satisfies Corpus));
    for (const [label, entry] of checkoutsToCompare(values.before)) {
      const out = execFileSync(
        process.execPath,
        [
          '--max-old-space-size=6144',
          '--import',
          'tsx',
          import.meta.filename,
          '--one',
          file,
          ...(entry ? [entry] : []),
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
      );
      console.log(`K = ${k} variants + ${values.background} paragraphs, ${label}: ${out.trim()}`);
    }
  }
}

/** The figures of one run: what the docs' table shows. */
function summary(
  report: Report,
  backgroundDocs: number,
  cost: { ms: number; cpuMs: number; peakRssMb: number },
): string {
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
    `${(cost.ms / 1000).toFixed(1)} s (CPU ${(cost.cpuMs / 1000).toFixed(1)} s), peak RSS ${cost.peakRssMb.toFixed(0)} MB`,
    `${report.stats.candidates} candidate pairs`,
    `${report.stats.pairs} pairs listed (between variants: ${inside} in a cluster, ${between} between groups standing for ${standsFor})`,
    `${holding.length} clusters holding variants`,
    `largest ${biggest?.members.length ?? 0} (min Jaccard ${biggest?.minJaccard.toFixed(3)})`,
  ].join(', ');
}
