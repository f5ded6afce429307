// The worker pool of neardup/node: what it leaves behind when it cannot start.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');

it('stops the threads that did start when another fails to, so the process can exit', () => {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'test', 'fixtures', 'pool-starter.ts')],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000, // a thread left running keeps the process alive: killed here, and failing below
    },
  );
  expect(child.stdout).toContain('start failed: this thread fails to start');
  expect(child.signal).toBeNull();
  expect(child.status).toBe(0);
});
