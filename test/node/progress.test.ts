// findDuplicatesParallel reports verification as findDuplicates does, batch by batch.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { quotingDocs } from '../report/boilerplate.js';

const root = resolve(__dirname, '..', '..');
let node: typeof import('../../src/node/index.js');
let built: typeof import('../../src/index.js');
beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
  node = await import(join(root, 'dist', 'node.js'));
  built = await import(join(root, 'dist', 'index.js'));
}, 120_000);

describe('findDuplicatesParallel onProgress', () => {
  it('goes from 0 to every candidate, at most every 4,096 candidates and after the last batch', async () => {
    const docs = quotingDocs(120, 30); // 14,400 candidates
    const calls: [number, number][] = [];
    const report = await node.findDuplicatesParallel(
      docs,
      {},
      { threads: 2, chunkPairs: 1000, onProgress: (verified, total) => calls.push([verified, total]) },
    );
    const total = report.stats.candidates;
    expect(total).toBeGreaterThan(14_000);
    expect(calls[0]).toEqual([0, total]);
    expect(calls.at(-1)).toEqual([total, total]);
    // Batches of 1,000 (they may finish out of order): a call once 4,096 more are done, then the last.
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i][1]).toBe(total);
      const step = calls[i][0] - calls[i - 1][0];
      expect(step).toBeGreaterThan(0);
      expect(step).toBeLessThanOrEqual(4096 + 1000);
      if (i < calls.length - 1) expect(step).toBeGreaterThanOrEqual(4096);
    }
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });

  it('rejects an onProgress that is not a function with INVALID_OPTION', async () => {
    const error = await node
      .findDuplicatesParallel(['a b c'], {}, { threads: 1, onProgress: 'no' as never })
      .catch((e) => e);
    expect(error).toBeInstanceOf(built.NearDupError);
    expect(error.code).toBe('INVALID_OPTION');
  });
});
