import { rmSync } from 'node:fs';

// Temporary files removed if the process is interrupted (Ctrl-C, kill; not SIGKILL, which nothing can
// catch) while they are written: the --out report (output.ts) and the --index file (durable-save.ts).
const pendingFiles = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const file of pendingFiles) rmSync(file, { force: true });
  pendingFiles.clear();
  for (const s of SIGNALS) process.off(s, onSignal);
  process.kill(process.pid, signal); // the default action now: exit as killed by the signal
}

export function removeOnSignal(file: string): void {
  if (pendingFiles.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  pendingFiles.add(file);
}

export function forgetOnSignal(file: string): void {
  pendingFiles.delete(file);
  if (pendingFiles.size === 0) for (const s of SIGNALS) process.off(s, onSignal);
}
