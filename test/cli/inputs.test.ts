// What the CLI reads: binary files are skipped by name, and nothing a file holds or is called reaches
// the terminal as a control character.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/index.js';
import { terminalControls, withoutOwnColours } from '../helpers.js';
import { memoryIo } from './io.js';

let dir: string;
const SAME = 'The same paragraph appears in two files of the folder, word for word here.\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-inputs-'));
  writeFileSync(join(dir, 'a.txt'), SAME);
  writeFileSync(join(dir, 'b.txt'), SAME);
  // NUL within the first 8,000 bytes: binary. Past them: text (git's rule).
  writeFileSync(
    join(dir, 'image.txt'),
    Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(16), Buffer.from(SAME)]),
  );
  writeFileSync(join(dir, 'late-nul.txt'), `${'x '.repeat(4000)}\n\n${SAME}\u0000`);
  writeFileSync(join(dir, 'utf16.txt'), Buffer.from(`\ufeff${SAME}`, 'utf16le'));
  copyFileSync(existsSync('/bin/ls') ? '/bin/ls' : process.execPath, join(dir, 'node.txt')); // an executable
  mkdirSync(join(dir, 'all-binary'));
  writeFileSync(join(dir, 'all-binary', 'one.txt'), Buffer.alloc(10));
  writeFileSync(join(dir, 'all-binary', 'two.txt'), Buffer.from([1, 0, 2]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], options: Parameters<typeof memoryIo>[0] = {}) {
  const io = memoryIo(options);
  const code = await main(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

describe('binary files', () => {
  it('are skipped with a warning naming each; the text files are compared', async () => {
    const files = ['a.txt', 'image.txt', 'node.txt', 'b.txt'].map((f) => join(dir, f));
    const out = await cli(['--format', 'json', ...files]);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as Report;
    expect(report.documents.map((d) => d.id)).toEqual([files[0], files[3]]);
    expect(report.pairs).toHaveLength(1);
    expect(out.stderr).toBe(
      `neardup: warning: skipped ${JSON.stringify(files[1])}: binary content (a NUL byte at byte 6)\n` +
        `neardup: warning: skipped ${JSON.stringify(files[2])}: binary content (a NUL byte at byte ${readFileSync(files[2]).indexOf(0)})\n`,
    );
  });

  it('are told apart by the first 8,000 bytes only, as git does', async () => {
    const out = await cli(['--format', 'json', join(dir, 'late-nul.txt'), join(dir, 'a.txt')]);
    expect(out.stderr).toBe('');
    expect((JSON.parse(out.stdout) as Report).pairs).toHaveLength(1);
  });

  it('include UTF-16 text, with a warning that says to convert it', async () => {
    const out = await cli([join(dir, 'utf16.txt'), join(dir, 'a.txt')]);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('utf16.txt": UTF-16 text (byte-order mark); convert it to UTF-8');
  });

  it('alone make an input error (exit 2)', async () => {
    const out = await cli([join(dir, 'all-binary')]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(
      /skipped .*one\.txt.*\n.*skipped .*two\.txt.*\nneardup: all 2 inputs are binary/,
    );
    expect((await cli([join(dir, 'node.txt')])).stderr).toMatch(/\nneardup: the input is binary/);
  });
});

describe('control characters', () => {
  // A file name and a paragraph that would recolour, clear and retitle a terminal.
  const name = 'evil\x1b[2J\u009b31m.txt';
  const evil = `Click \x1b]0;owned\x07 here \x1b[2J and \u009b31m the screen of whoever reads this report now.\n`;

  it('are escaped in the text report, in file names and quoted passages, on a terminal or not', async () => {
    writeFileSync(join(dir, name), evil);
    writeFileSync(join(dir, 'plain.txt'), evil);
    writeFileSync(
      join(dir, 'more.txt'),
      `A first paragraph of its own.\n\n${evil}\nA last one, of its own too.\n`,
    );
    for (const tty of [false, true]) {
      const out = await cli([join(dir, name), join(dir, 'plain.txt')], { tty });
      expect(out.code).toBe(0);
      expect(terminalControls(withoutOwnColours(out.stdout))).toEqual([]);
      // Two copies of one another: one document group, the escaped names on its line.
      expect(out.stdout).toContain('evil\\x1b[2J\\u009b31m.txt and ');
      // A third file holding the paragraph among others: the paragraph's cluster, quoted, with its places.
      const three = await cli([join(dir, name), join(dir, 'plain.txt'), join(dir, 'more.txt')], { tty });
      expect(terminalControls(withoutOwnColours(three.stdout))).toEqual([]);
      expect(three.stdout).toContain('evil\\x1b[2J\\u009b31m.txt:1 ¶1');
      expect(three.stdout).toContain('“Click \\x1b]0;owned\\x07 here \\x1b[2J and \\u009b31m the screen');
      // Progress on a terminal writes its own \r and ESC [K, nothing else.
      expect(terminalControls(out.stderr.replaceAll('\r\x1b[K', ''))).toEqual([]);
    }
  });

  it('are escaped in warnings and error messages naming a file', async () => {
    const binary = join(dir, 'bin\u009b\x1b.txt');
    writeFileSync(binary, Buffer.alloc(4));
    const warned = await cli([binary, join(dir, 'a.txt')]);
    expect(warned.stderr).toContain('bin\\u009b\\u001b.txt": binary content');
    expect(terminalControls(warned.stderr)).toEqual([]);
    const missing = await cli([join(dir, 'gone\u009b[0m.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('gone\\u009b[0m.txt": no such file or directory');
    expect(terminalControls(missing.stderr)).toEqual([]);
  });

  it('are left in JSON as its own escaping leaves them (C0 escaped, C1 as is)', async () => {
    const json = await cli(['--format', 'json', join(dir, name), join(dir, 'plain.txt')]);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.documents[0].id).toBe(join(dir, name)); // the id as it is, in JSON escapes
    expect(json.stdout).toContain('evil\\u001b[2J\u009b31m.txt');
  });
});
