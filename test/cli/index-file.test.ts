// `neardup --index FILE` when runs meet (issue 13.3) and when a run dies mid-save (issue 13.4): runs on
// one file take turns through FILE.lock, a dead run's lock and temporary files are cleaned up by the next
// run, and the index file is always the old index or the new one.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { loadIndex } from '../../src/index.js';
import { ensureBuilt, root, runCli } from './run.js';

let dir: string;
const cli = join(root, 'dist', 'cli.js');
const run = (args: string[], env?: Record<string, string>) => runCli(dir, args, { env });

/** The CLI started in the test folder (not waited for), with its exit code and stderr to come. */
function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '', CI: '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  return { child, done };
}

/** A pid no process has: one that ran and exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const idsIn = async (file: string) => (await loadIndex(readFileSync(join(dir, file)))).ids();
const leftovers = (file: string) => readdirSync(dir).filter((name) => name.startsWith(`${file}.`));

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'neardup-index-file-'));
  // Two folders of 30 documents each (about 1,600 paragraphs in all): enough work that two runs started
  // together both read the index before either saves it.
  const documents = generateCorpus({ paragraphs: 1600, seed: 13 }).documents;
  for (const folder of ['one', 'two', 'three']) mkdirSync(join(dir, folder));
  documents.slice(0, 60).forEach((d, i) => {
    writeFileSync(join(dir, i < 30 ? 'one' : 'two', `${i}.txt`), d.text);
  });
  documents.slice(60, 80).forEach((d, i) => {
    writeFileSync(join(dir, 'three', `${i}.txt`), d.text);
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('neardup --index FILE: runs that meet take turns', () => {
  it('two runs started together both succeed, in turn, and the index holds both runs’ files', async () => {
    for (const round of [1, 2, 3]) {
      const file = `together-${round}.ndx`;
      const [first, second] = await Promise.all([
        start(['--format', 'json', '--index', file, 'one']).done,
        start(['--format', 'json', '--index', file, 'two']).done,
      ]);
      expect([first.code, second.code]).toEqual([0, 0]);
      const ids = await idsIn(file);
      expect(ids.filter((id) => id.startsWith('one/'))).toHaveLength(30);
      expect(ids.filter((id) => id.startsWith('two/'))).toHaveLength(30);
      expect(leftovers(file)).toEqual([]); // the lock is gone
    }
  });

  it('a run that finds the lock held by a live run waits for it, or refuses naming the lock and its holder', async () => {
    const file = 'held.ndx';
    expect(run(['--index', file, 'three']).code).toBe(0);
    const before = readFileSync(join(dir, file));
    const lock = join(dir, `${file}.lock`);
    // This test process holds the lock: alive, on this host.
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), token: 'test' }));
    const refused = run(['--index', file, '--lock-timeout', '0', 'one']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `neardup: the index "${file}" is in use: "${file}.lock" is held by process ${process.pid}; try again when it is done, or wait longer with --lock-timeout SECONDS\n`,
    );
    expect(readFileSync(join(dir, file)).equals(before)).toBe(true);
    expect(readFileSync(lock, 'utf8')).toContain('"token":"test"'); // not taken from a live holder
    const waiting = start(['--index', file, '--lock-timeout', '60', 'one']);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(readFileSync(join(dir, file)).equals(before)).toBe(true); // still waiting
    rmSync(lock);
    const { code, stderr } = await waiting.done;
    expect(code).toBe(0);
    expect(stderr).toContain(`neardup: ${file} is in use by process ${process.pid}: waiting for it…`);
    expect((await idsIn(file)).filter((id) => id.startsWith('one/'))).toHaveLength(30);
  });

  it('takes over the lock of a run that died, or whose pid now belongs to another process', async () => {
    const file = 'dead-holder.ndx';
    const lock = join(dir, `${file}.lock`);
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'dead' }));
    expect(run(['--index', file, '--lock-timeout', '0', 'three']).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
    // A live pid (this process) that started at another time than the lock says: not the holder.
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: hostname(), started: '1', token: 'reused' }),
    );
    const out = run(['--index', file, '--lock-timeout', '0', 'one']);
    if (existsSync(`/proc/${process.pid}/stat`)) {
      expect(out.code).toBe(0);
      expect(existsSync(lock)).toBe(false);
    } else {
      expect(out.code).toBe(2); // no start times to compare on this system: a live pid holds it
    }
  });

  it('refuses a lock file that names no run, saying to remove it', () => {
    const file = 'strange.ndx';
    writeFileSync(join(dir, `${file}.lock`), 'something else');
    const out = run(['--index', file, 'three']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /^neardup: the index "strange.ndx" is locked by "strange.ndx.lock", which names no neardup run .*remove it/,
    );
  });

  it('--lock-timeout takes seconds from 0 to 86400', () => {
    for (const bad of ['-1', 'soon', '90000']) {
      const out = run(['--index', 'x.ndx', `--lock-timeout=${bad}`, 'three']);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain('--lock-timeout must be');
    }
  });
});

describe('neardup --index FILE: a run killed mid-save', () => {
  it('leaves the old index whole; the next run removes its temporary file and saves the new one', async () => {
    const file = 'killed.ndx';
    expect(run(['--index', file, 'three']).code).toBe(0);
    const old = readFileSync(join(dir, file));
    // The test hook holds the save after its first chunk is on disk, so the kill lands mid-save.
    const { child, done } = start(['--index', file, 'one'], { NEARDUP_TEST_SAVE_STALL_MS: '60000' });
    const temporary = () => leftovers(file).find((name) => name.endsWith('.tmp'));
    await until(() => {
      const name = temporary();
      return name !== undefined && statSync(join(dir, name)).size > 0;
    }, 'the temporary file');
    child.kill('SIGKILL');
    await done;
    const name = temporary() as string;
    expect(name).toMatch(new RegExp(`^killed\\.ndx\\.${child.pid}\\.[0-9a-f]{8}\\.tmp$`));
    expect(readFileSync(join(dir, file)).equals(old)).toBe(true);
    expect(leftovers(file).sort()).toEqual([`${file}.lock`, name].sort()); // its lock, left by a dead pid
    // Files that only look like ours, or belong to a live process, are left alone.
    const alive = `${file}.${process.pid}.0123abcd.tmp`;
    const unlike = [
      `${file}.${deadPid()}.tmp`,
      `${file}.x.0123abcd.tmp`,
      `other.ndx.${deadPid()}.0123abcd.tmp`,
    ];
    for (const n of [alive, ...unlike]) writeFileSync(join(dir, n), 'x');
    expect(run(['--index', file, '--lock-timeout', '0', 'one']).code).toBe(0);
    expect(leftovers(file).sort()).toEqual([alive, ...unlike.slice(0, 2)].sort());
    for (const n of [alive, ...unlike]) rmSync(join(dir, n));
    expect((await idsIn(file)).length).toBe(50);
  });

  it('killed at any moment, the index file loads, as the old index or the new one', async () => {
    const file = 'any-moment.ndx';
    expect(run(['--index', file, 'three']).code).toBe(0);
    const before = readFileSync(join(dir, file));
    for (const delay of [150, 300, 450, 600, 750, 900]) {
      const { child, done } = start(['--index', file, 'one', 'two']);
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await done;
      const ids = await idsIn(file);
      expect([20, 80]).toContain(ids.length);
      if (ids.length === 20) expect(readFileSync(join(dir, file)).equals(before)).toBe(true);
      if (ids.length === 80) break;
    }
    expect(run(['--index', file, 'one', 'two']).code).toBe(0);
    expect(await idsIn(file)).toHaveLength(80);
    expect(leftovers(file)).toEqual([]);
  });
});
