import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCi, main } from '../../src/cli/main.js';
import { memoryIo } from './io.js';

// main() with an Io stub: the only way to give the CLI a terminal in a test.
let dir: string;
let files: string[];
const ESC = '\x1b[';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-cli-tty-'));
  files = ['article-1.txt', 'article-2.txt'].map((name) => {
    const path = join(dir, name);
    writeFileSync(path, readFileSync(resolve(__dirname, '..', '..', 'examples', 'articles', name)));
    return path;
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], options: Parameters<typeof memoryIo>[0]) {
  const io = memoryIo(options);
  const code = await main([...args, ...files], io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('colour', () => {
  it('colours the text report on a terminal', async () => {
    const out = await cli([], { tty: true });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`${ESC}1mCopied blocks`);
    expect(out.stdout).toContain(`${ESC}36m[overlap]${ESC}0m`);
  });

  it('never with NO_COLOR set, nor in a pipe, nor into --out', async () => {
    const noColor = await cli([], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).toContain('Copied blocks');
    expect(noColor.stdout).not.toContain(ESC);
    const piped = await cli([], { tty: false });
    expect(piped.stdout).toContain('Copied blocks');
    expect(piped.stdout).not.toContain(ESC);
    const out = join(dir, 'report.txt');
    await cli(['--out', out], { tty: true });
    expect(readFileSync(out, 'utf8')).toContain('Copied blocks');
    expect(readFileSync(out, 'utf8')).not.toContain(ESC);
  });
});

describe('progress', () => {
  it('is shown on a terminal, rewritten in place and cleared before the report', async () => {
    const out = await cli([], { tty: true });
    expect(out.stderr).toContain('\r\x1b[Kneardup: reading: 2/2 files, 22 paragraphs');
    expect(out.stderr).toContain('detecting near duplicates and overlaps in 2 documents');
    expect(out.stderr.endsWith('\r\x1b[K')).toBe(true);
  });

  it('is shown in a pipe with --progress, one line per stage', async () => {
    const out = await cli(['--progress'], { tty: false });
    expect(out.stderr).toMatch(/^neardup: reading: \d\/2 files, \d+ paragraphs, \d+ paragraphs\/s\n/m);
    expect(out.stderr).toContain('neardup: reading: 2/2 files, 22 paragraphs');
    expect(out.stderr).not.toContain('\r');
  });

  it('is silent in a pipe without --progress', async () => {
    expect((await cli([], { tty: false })).stderr).toBe('');
  });

  it('is silent when CI is set, even on a terminal, unless --progress', async () => {
    for (const value of ['true', '1', 'yes']) {
      const out = await cli([], { tty: true, env: { CI: value } });
      expect(out.code).toBe(0);
      expect(out.stderr).toBe('');
      expect(out.stdout).toContain('Copied blocks');
    }
    const forced = await cli(['--progress'], { tty: false, env: { CI: 'true' } });
    expect(forced.stderr).toContain('neardup: reading: 2/2 files');
  });

  it('CI set to "", "0" or "false" is not CI', async () => {
    for (const value of ['', '0', 'false', 'FALSE']) {
      expect(isCi({ CI: value })).toBe(false);
      expect((await cli([], { tty: true, env: { CI: value } })).stderr).toContain('reading: 2/2 files');
    }
    expect(isCi({})).toBe(false);
    expect(isCi({ CI: 'true' })).toBe(true);
  });
});
