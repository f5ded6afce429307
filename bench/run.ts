// npm run bench [-- paragraphs] [--rounds 3] [--time 500] [--iterations 4] [--sample 500]
// Every stage of the pipeline as findDuplicates runs it (one file per stage in bench/stages/), the whole
// detection, and the baselines, on one seeded corpus in one run. Tasks are timed in interleaved rounds
// (bench/runner.ts); figures are medians with their spread, ratios are of medians from this run. Then
// the memory: the index's typed arrays per paragraph, and the peak RSS of findDuplicates in a fresh
// process (bench/memory.ts). Prints figures; asserts nothing.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { detectionMemory, indexBytes } from './memory.js';
import { runTasks, type TaskStats } from './runner.js';
import { prepareContext, type StageTask } from './stages/context.js';
import { END_TO_END, endToEndTasks } from './stages/end-to-end.js';
import { bandCandidateCount, lshTasks } from './stages/lsh.js';
import { overlapExtensions, overlapTasks } from './stages/overlaps.js';
import { shingleTasks } from './stages/shingles.js';
import { SIGNATURE, signatureTasks } from './stages/signature.js';
import { TOKENIZE, tokenizeTasks } from './stages/tokenize.js';
import { VERIFICATION, verificationTasks } from './stages/verification.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    time: { type: 'string', default: '500' },
    iterations: { type: 'string', default: '4' },
    sample: { type: 'string', default: '500' },
  },
});
const size = Number(positionals[0] ?? 10000);
const run = {
  rounds: Number(values.rounds),
  time: Number(values.time),
  iterations: Number(values.iterations),
};
const started = performance.now();
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}; load average ${load()}`,
);
const ctx = await prepareContext(size, Number(values.sample));
console.log(
  `corpus: ${ctx.texts.length} paragraphs, ${ctx.mb.toFixed(1)} MB (SOTU prose, seed ${ctx.seed}); text signers on the first ${ctx.sample.length} (${ctx.sampleMb.toFixed(2)} MB)`,
);
const verification = verificationTasks(ctx);
const extensions = overlapExtensions(ctx).length;
console.log(
  `candidates: ${bandCandidateCount(ctx)} from LSH bands, ${verification.counts.candidates} with the fingerprints' (distinct); ${verification.counts.flagged} flagged; ${extensions} overlap candidates extended to shared runs`,
);
const tasks: StageTask[] = [
  ...tokenizeTasks(ctx),
  ...shingleTasks(ctx),
  ...(await signatureTasks(ctx)),
  ...lshTasks(ctx),
  ...overlapTasks(ctx),
  ...verification.tasks,
  ...endToEndTasks(ctx),
];
console.log(
  `timing: ${run.rounds} interleaved rounds, each ≥ ${run.iterations} samples and ≥ ${run.time} ms per task after one warm-up call\n`,
);
const stats = await runTasks(tasks, run, (round) =>
  process.stderr.write(`round ${round + 1} of ${run.rounds}…\n`),
);

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.table(
  stats.map((s) => ({
    task: s.name,
    'median ms': ms(s.median),
    'min–max ms': `${ms(s.min)}–${ms(s.max)}`,
    'p75 ms': ms(s.p75),
    'p99 ms': ms(s.p99),
    samples: s.samples,
    'MB/s at median': (s.mb / (s.median / 1000)).toFixed(1),
  })),
);

const byName = new Map(stats.map((s) => [s.name, s]));
const get = (name: string): TaskStats => byName.get(name)!;
/** Ratio of medians (slow / fast), and the range of the same ratio taken round by round. */
const ratio = (slow: string, fast: string) => {
  const perRound = get(slow)
    .roundMedians.map((x, i) => x / get(fast).roundMedians[i])
    .sort((x, y) => x - y);
  return `${(get(slow).median / get(fast).median).toFixed(2)}× (per round ${perRound[0].toFixed(2)}–${perRound[perRound.length - 1].toFixed(2)}×)`;
};
console.log('Ratios of medians measured in this run:');
console.log(`  signing text, neardup vs naive: ${ratio(SIGNATURE.naive, SIGNATURE.neardup)}`);
console.log(`  signing text, neardup vs npm minhash: ${ratio(SIGNATURE.npm, SIGNATURE.neardup)}`);
console.log(
  `  signature from ready sets, fast similarity sketching vs 128 permutations: ${ratio(SIGNATURE.permutations, SIGNATURE.fss)}`,
);
console.log(
  `  tokenise + hash, extractor.terms vs the general path: ${ratio(TOKENIZE.generalHashed, TOKENIZE.terms)}`,
);
console.log(
  `  verification, bridged passages (default) vs exact runs only: ${ratio(VERIFICATION.verify, VERIFICATION.verifyExact)}`,
);
console.log(
  `  verification's exact part (ExactShingles on the flagged pairs) vs all of verification: ${((100 * get(VERIFICATION.exact).median) / get(VERIFICATION.verify).median).toFixed(1)} % (of medians)`,
);
// The exact part is inside verification, and exact runs only is another way of doing it: not counted.
const parts = [
  END_TO_END.indexing,
  ...verification.tasks
    .map((t) => t.name)
    .filter((name) => name !== VERIFICATION.exact && name !== VERIFICATION.verifyExact),
];
const sum = parts.reduce((s, name) => s + get(name).median, 0);
console.log(
  `  indexing + candidates + verification + report = ${ms(sum)} ms of the ${ms(get(END_TO_END.find).median)} ms end to end (median)`,
);

const index = indexBytes(ctx.corpus);
console.log(`\nIndex typed arrays (src/pipeline/corpus.ts), ${index.paragraphs} paragraphs:`);
console.table(
  index.arrays.map((a) => ({
    array: a.name,
    'bytes used': a.used,
    'bytes allocated': a.allocated,
    'used / paragraph': (a.used / index.paragraphs).toFixed(1),
  })),
);
console.log(
  `bytes per indexed paragraph: ${index.usedPerParagraph.toFixed(0)} used (${index.allocatedPerParagraph.toFixed(0)} allocated, arrays grow by doubling)`,
);
const memory = detectionMemory(ctx.documents);
console.log(
  `peak RSS, findDuplicates on this corpus in a fresh process: ${memory.peakMb.toFixed(0)} MB (${memory.beforeMb.toFixed(0)} MB before the detection: Node, tsx and the texts read); ${memory.pairs} pairs`,
);
console.log(`\nload average ${load()}; total ${((performance.now() - started) / 1000).toFixed(0)} s`);
