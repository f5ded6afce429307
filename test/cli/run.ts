import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

/** Builds dist/ when it is missing or older than src/ (the CLI tests spawn dist/cli.js). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
}

/** Runs the built CLI in `cwd`, colour and CI variables cleared unless given. */
export function runCli(
  cwd: string,
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string> } = {},
): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', CI: '', ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
