// What benchmarks that compare checkouts print first and run: the machine line, and the checkouts.
import os from 'node:os';
import { join } from 'node:path';

/** "machine: <cpu> × <cores>, Node <version>, load <1, 5 and 15 minute averages>". */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}, load ${load}`;
}

/**
 * The libraries a run compares, as [label, entry file]: this checkout ('' = the default import) and, with
 * `before`, the src/index.ts of another checkout in that folder.
 */
export function checkoutsToCompare(before: string | undefined): [string, string][] {
  const libraries: [string, string][] = [['this checkout', '']];
  if (before) libraries.push([`before (${before})`, join(before, 'src', 'index.ts')]);
  return libraries;
}
