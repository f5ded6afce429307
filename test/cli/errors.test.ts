import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli/args.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from './io.js';
import { ensureBuilt, runCli } from './run.js';

let dir: string;
const run = (args: string[]) => runCli(dir, args);
const SAME = 'The same paragraph appears in two files of the folder.\n';

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'neardup-cli-errors-'));
  writeFileSync(join(dir, 'a.txt'), SAME);
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'empty', 'notes.pdf'), 'x');
  // Unreadable inputs that stay unreadable for root (CI runs as root, so chmod 000 would not do).
  symlinkSync('nowhere.txt', join(dir, 'dangling.txt'));
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'folder', 'a.txt'), SAME);
  symlinkSync('missing.txt', join(dir, 'folder', 'b.txt'));
  writeFileSync(join(dir, 'rows.csv'), 'id,text\n1,"one\n\ntwo"\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('neardup CLI: exit code 2 with a neardup: message', () => {
  it.each([
    [['missing.txt'], /^neardup: cannot read "missing.txt": no such file or directory/],
    [['dangling.txt'], /^neardup: cannot read "dangling.txt": no such file or directory/],
    [['folder'], /^neardup: cannot read "folder\/b.txt": no such file or directory/],
    [['rows.csv'], /^neardup: "rows.csv" is CSV \(\.csv\): neardup reads prose/],
    [
      ['--out', 'nowhere/report.txt', 'a.txt'],
      /^neardup: cannot write --out "nowhere\/report.txt": no such file/,
    ],
    [['--out', 'folder', 'a.txt'], /^neardup: cannot write --out "folder": is a directory/],
    [
      ['empty'],
      /^neardup: no \.txt or \.md files in directory "empty"; it holds files with endings \.pdf ×1/,
    ],
    [['--treshold', '0.5', 'a.txt'], /^neardup: unknown option --treshold \(did you mean --threshold\?\)/],
    [['--threshold', 'abc', 'a.txt'], /^neardup: --threshold must be a decimal number, got "abc"/],
    [['--threshold', '1.5', 'a.txt'], /^neardup: option threshold must be a number in \(0, 1\], got 1\.5/],
    [
      ['--min-overlap', '1', 'a.txt'],
      /^neardup: option minOverlapWords must be an integer from 2 to 1000, got 1/,
    ],
    [['--format', 'pdf', 'a.txt'], /^neardup: --format must be one of text, json, html, sarif, got "pdf"/],
    [[], /^neardup: no input/],
  ])('for %j', (args, message) => {
    const out = run(args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
  });

  it('for a file that cannot be opened (EACCES from the reader)', async () => {
    const io = memoryIo({
      readFile: async (path) => {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      },
    });
    const file = join(dir, 'a.txt');
    expect(await main([file], io)).toBe(2);
    expect(io.stdout.text).toBe('');
    expect(io.stderr.text).toBe(`neardup: cannot read ${JSON.stringify(file)}: permission denied\n`);
  });
});

describe('neardup CLI: numbers are plain decimals', () => {
  it.each([
    ['--threshold', '0x1'],
    ['--threshold', '0b1'],
    ['--threshold', ''],
    ['--threshold', ' '],
    ['--threshold', ' 0.5'],
    ['--threshold', 'Infinity'],
    ['--threshold', '-Infinity'],
    ['--threshold', 'NaN'],
    ['--threshold', '0.5abc'],
    ['--threshold', '0.5 '],
    ['--threshold', '1e999'],
    ['--min-overlap', '1_0'],
    ['--min-overlap', '12px'],
    ['--min-overlap', '0o14'],
  ])('rejects %s %j, exit 2, naming the value', (flag, value) => {
    const out = run([`${flag}=${value}`, 'a.txt']);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      `neardup: ${flag} must be a decimal number, got ${JSON.stringify(value)}\nRun 'neardup --help' for usage.\n`,
    );
  });

  it.each([
    ['0.9', 0.9],
    ['.9', 0.9],
    ['9e-1', 0.9],
    ['+0.9', 0.9],
    ['1', 1],
    ['1.', 1],
  ])('accepts --threshold %j as %d', (value, expected) => {
    expect(parseCli(['--threshold', value, 'a.txt']).options.threshold).toBe(expected);
  });
});
