// npm run bench: signing and end-to-end detection on a seeded synthetic corpus, with the naive MinHash
// baseline measured in the same run on the same input. Prints figures and ratios; asserts nothing.
import os from 'node:os';
import { Bench } from 'tinybench';
import xxhash from 'xxhash-wasm';
import { createDetector, splitParagraphs, tokenize } from '../src/index.js';
// @ts-expect-error plain JS baseline, kept as simple as the code it stands for
import { naiveSigner } from './baselines/naive-minhash.mjs';
import { generateCorpus } from './corpus.js';

const size = Number(process.argv[2] ?? 5000);
const { documents, truth } = generateCorpus({ paragraphs: size, seed: 42 });
const paragraphs = documents.flatMap((d) => splitParagraphs(d.text).map((p) => d.text.slice(p.start, p.end)));
const bytes = paragraphs.reduce((sum, p) => sum + Buffer.byteLength(p), 0);
const mb = bytes / 1e6;

const detector = await createDetector();
const { h32 } = await xxhash();
const naive = naiveSigner(h32, {
  numHashes: detector.options.numHashes,
  shingleSize: detector.options.shingleSize,
});

console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}`,
);
console.log(
  `corpus: ${paragraphs.length} paragraphs, ${mb.toFixed(1)} MB, planted ${truth.near.length} near duplicates and ${truth.overlaps.length} overlaps\n`,
);

const bench = new Bench({ iterations: 3, warmupIterations: 1, time: 0 });
bench
  .add('tokenize (all paragraphs)', () => {
    for (const p of paragraphs) tokenize(p);
  })
  .add('sign: neardup detector.signature', () => {
    for (const p of paragraphs) detector.signature(p);
  })
  .add('sign: naive baseline (string shingles, h32 each, 128 imul permutations)', () => {
    for (const p of paragraphs) naive(p);
  })
  .add('findDuplicates end to end (near + overlaps + verify + blocks)', () => {
    detector.find(documents);
  });
await bench.run();

/** Mean milliseconds per iteration of a finished task (NaN when it failed). */
const meanMs = (task: (typeof bench.tasks)[number]) =>
  task.result && 'latency' in task.result ? task.result.latency.mean : Number.NaN;
const rows = bench.tasks.map((task) => {
  const ms = meanMs(task);
  return { task: task.name, 'mean ms': ms.toFixed(1), 'MB/s': (mb / (ms / 1000)).toFixed(1) };
});
console.table(rows);
const mean = (name: string) => meanMs(bench.tasks.find((t) => t.name.startsWith(name))!);
console.log(
  `signing speed-up over the naive baseline: ${(mean('sign: naive') / mean('sign: neardup')).toFixed(2)}×`,
);
const report = detector.find(documents);
console.log(
  `end to end: ${report.stats.pairs} pairs flagged from ${report.stats.candidates} candidates; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
