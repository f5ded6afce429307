// Runs stage tasks with tinybench in interleaved rounds: every round times every task once more, so a
// burst of load from other processes on a shared machine lands on all tasks alike rather than on one.
// Samples are pooled over the rounds; figures are medians with their spread.
import { Bench } from 'tinybench';
import type { StageTask } from './stages/context.js';

export interface TaskStats {
  name: string;
  mb: number;
  samples: number;
  median: number;
  min: number;
  max: number;
  p75: number;
  p99: number;
  /** The median of each round's samples. */
  roundMedians: number[];
}

export interface RunOptions {
  rounds: number;
  /** Minimum milliseconds per task and round (tinybench `time`). */
  time: number;
  /** Minimum samples per task and round (tinybench `iterations`). */
  iterations: number;
}

/** Linear interpolation between order statistics of sorted samples (as tinybench does). */
export function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export async function runTasks(
  tasks: readonly StageTask[],
  { rounds, time, iterations }: RunOptions,
  progress: (round: number) => void = () => {},
): Promise<TaskStats[]> {
  const pooled = tasks.map(() => [] as number[]);
  const roundMedians = tasks.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    progress(round);
    const bench = new Bench({
      time,
      iterations,
      warmup: true,
      warmupIterations: 1,
      warmupTime: 0,
      retainSamples: true,
      throws: true,
    });
    for (const task of tasks) bench.add(task.name, task.fn, { beforeEach: task.beforeEach });
    await bench.run();
    bench.tasks.forEach((t, i) => {
      const result = t.result;
      const samples = result && 'latency' in result ? result.latency.samples : undefined;
      if (!samples) throw new Error(`no samples for ${t.name}`);
      pooled[i].push(...samples);
      roundMedians[i].push(
        quantile(
          [...samples].sort((x, y) => x - y),
          0.5,
        ),
      );
    });
  }
  return tasks.map((task, i) => {
    const sorted = pooled[i].sort((x, y) => x - y);
    return {
      name: task.name,
      mb: task.mb,
      samples: sorted.length,
      median: quantile(sorted, 0.5),
      min: sorted[0],
      max: sorted[sorted.length - 1],
      p75: quantile(sorted, 0.75),
      p99: quantile(sorted, 0.99),
      roundMedians: roundMedians[i],
    };
  });
}
