// npx tsx bench/compare-checkouts.ts OTHER [paragraphs] [rounds] [task prefixes, |-separated]
// Stage tasks of `npm run bench` from another checkout of neardup (OTHER, e.g. `git archive <commit> | tar
// -x -C /tmp/base` with node_modules linked) and from this one, on the same seeded corpus, interleaved
// in one process: each round runs every task of both, in alternating order, so a busy machine slows both
// alike. Prints medians and the median of the per-round ratios (this / other); the first round is a
// warm-up. Asserts nothing.
import os from 'node:os';
import { resolve } from 'node:path';
import type { StageTask } from './stages/context.js';

const [other, paragraphs = '10000', roundsArg = '15', prefixes = 'tokenize|verification|end to end'] =
  process.argv.slice(2);
if (!other)
  throw new Error('usage: npx tsx bench/compare-checkouts.ts OTHER [paragraphs] [rounds] [prefixes]');
const wanted = prefixes.split('|');
const rounds = Number(roundsArg);

/** The chosen tasks of the checkout at `root`, each stage module loaded from that checkout. */
async function tasksOf(root: string): Promise<StageTask[]> {
  const stage = (name: string) => import(resolve(root, 'bench/stages', name));
  const context = await (await stage('context.ts')).prepareContext(Number(paragraphs), 100);
  const tasks: StageTask[] = [
    ...(await stage('tokenize.ts')).tokenizeTasks(context),
    ...(await stage('verification.ts')).verificationTasks(context).tasks,
    ...(await stage('end-to-end.ts')).endToEndTasks(context),
  ];
  return tasks.filter((task) => wanted.some((prefix) => task.name.startsWith(prefix)));
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}; load average ${load()}`);
const sides = { other: await tasksOf(other), this: await tasksOf(resolve(import.meta.dirname, '..')) };
const times = new Map<string, { other: number[]; this: number[] }>();
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? (['other', 'this'] as const) : (['this', 'other'] as const);
  for (const side of order) {
    for (const task of sides[side]) {
      task.beforeEach?.();
      const started = performance.now();
      await task.fn();
      const ms = performance.now() - started;
      if (round === 0) continue;
      const entry = times.get(task.name) ?? { other: [], this: [] };
      entry[side].push(ms);
      times.set(task.name, entry);
    }
  }
}
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
for (const [name, t] of times) {
  if (t.other.length !== t.this.length) continue; // a task only one checkout has
  const ratios = t.this.map((x, i) => x / t.other[i]);
  console.log(
    `${name}\n  other ${median(t.other).toFixed(1)} ms, this ${median(t.this).toFixed(1)} ms (medians of ${t.this.length}); this/other ${(median(t.this) / median(t.other)).toFixed(3)}, per-round ratios median ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
  );
}
console.log(`load average ${load()}`);
