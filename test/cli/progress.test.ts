// Progress during verification, the long part of a detection on repetitive text.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { duration, Progress } from '../../src/cli/progress.js';
import { quotingDocs } from '../report/boilerplate.js';
import { Collector, memoryIo } from './io.js';
import { ensureBuilt, runCli } from './run.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-progress-'));
  mkdirSync(join(dir, 'files'));
  for (const doc of quotingDocs(120, 30)) writeFileSync(join(dir, 'files', doc.id), doc.text); // 14,400 candidates
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verification progress', () => {
  it('counts candidate pairs verified, with a rate and the time left, then the total and the time taken', () => {
    let now = 0;
    const out = new Collector(false);
    const progress = new Progress(out, true, () => now);
    progress.verifying(0, 1_200_000);
    now = 500;
    progress.verifying(4096, 1_200_000); // within the second: not shown in a log
    now = 20_000;
    progress.verifying(300_000, 1_200_000);
    now = 80_000;
    progress.verifying(1_200_000, 1_200_000);
    expect(out.text.split('\n')).toEqual([
      'neardup: verifying: 0/1,200,000 candidate pairs (0%)',
      'neardup: verifying: 300,000/1,200,000 candidate pairs (25%), 15,000/s, about 1 min 0 s left',
      'neardup: verified 1,200,000 candidate pairs in 1 min 20 s',
      '',
    ]);
  });

  it('is rewritten in place on a terminal, ten times a second at most', () => {
    let now = 0;
    const out = new Collector(true);
    const progress = new Progress(out, true, () => now);
    progress.verifying(0, 100);
    for (const [t, v] of [
      [50, 10],
      [150, 20],
      [180, 30],
    ]) {
      now = t;
      progress.verifying(v, 100);
    }
    expect(out.text).toBe(
      '\r\x1b[Kneardup: verifying: 0/100 candidate pairs (0%)' +
        '\r\x1b[Kneardup: verifying: 20/100 candidate pairs (20%), 133/s, about 1 s left',
    );
  });

  it('says nothing unless enabled', () => {
    const out = new Collector(false);
    new Progress(out, false).verifying(0, 10);
    expect(out.text).toBe('');
  });

  it('is shown by the CLI with --progress, between detecting and writing', async () => {
    const io = memoryIo();
    expect(await main(['--progress', '--format', 'json', join(dir, 'files')], io)).toBe(0);
    const lines = io.stderr.text.split('\n');
    const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    expect(at(/^neardup: detecting/)).toBeGreaterThan(-1);
    expect(at(/^neardup: verifying: 0\/14,\d{3} candidate pairs \(0%\)$/)).toBe(
      at(/^neardup: detecting/) + 1,
    );
    expect(at(/^neardup: verified 14,\d{3} candidate pairs in \d+ s$/)).toBeGreaterThan(at(/verifying: 0\//));
    expect(at(/^neardup: found \d+ pairs/)).toBe(at(/^neardup: verified/) + 1);
  });

  it('and on threads (the built CLI)', () => {
    ensureBuilt();
    const out = runCli(dir, ['--progress', '--threads', '2', '--out', 'threads.json', 'files']);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(
      /neardup: verifying: 0\/14,\d{3} candidate pairs \(0%\)\n(.*\n)*neardup: verified 14,\d{3}/,
    );
  }, 60_000);
});

describe('duration', () => {
  it('reads as seconds, minutes and seconds, or hours and minutes', () => {
    expect([0.4, 59.4, 60, 320, 3599, 3600, 7500].map(duration)).toEqual([
      '0 s',
      '59 s',
      '1 min 0 s',
      '5 min 20 s',
      '59 min 59 s',
      '1 h 0 min',
      '2 h 5 min',
    ]);
  });
});
