// Where the report goes: --out checked first and written atomically; large reports streamed with
// backpressure, to a file or standard output.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { findDuplicates, type Report, renderText } from '../../src/index.js';
import { quotingDocs } from '../report/boilerplate.js';
import { memoryIo } from './io.js';
import { ensureBuilt, root } from './run.js';

let dir: string;
const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'neardup-output-'));
  mkdirSync(join(dir, 'big'));
  // 120 files of 120 paragraphs, each quoting its group of 9's sentence: 57,602 overlap pairs, every one
  // listed (copies would be clusters, each shown once since Report v2, and make a short report).
  for (const doc of quotingDocs(120, 120)) writeFileSync(join(dir, 'big', doc.id), doc.text);
  mkdirSync(join(dir, 'mid'));
  for (const doc of quotingDocs(40, 40)) writeFileSync(join(dir, 'mid', doc.id), doc.text);
  writeFileSync(join(dir, 'a.txt'), 'The same paragraph twice.\n\nThe same paragraph twice.\n');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The files in `folder`, hidden ones (temporary files) included. */
const filesIn = (folder: string) => readdirSync(folder).sort();

describe('--out FILE', () => {
  it('is checked before any input is read: an unwritable path fails at once, exit 2', async () => {
    let reads = 0;
    const io = memoryIo({
      readFile: async () => {
        reads++;
        return new Uint8Array();
      },
    });
    const code = await main(
      ['--out', join(dir, 'missing', 'report.txt'), join(dir, 'a.txt'), 'no-such-input'],
      io,
    );
    expect(code).toBe(2);
    expect(reads).toBe(0);
    expect(io.stderr.text).toMatch(
      /^neardup: cannot write --out ".*missing\/report\.txt": no such file or directory\n$/,
    );
  });

  it('is written whole or not at all: a run that fails later leaves no file, and an old one as it was', async () => {
    const folder = join(dir, 'atomic');
    mkdirSync(folder);
    const out = join(folder, 'report.txt');
    const failing = ['--out', out, join(dir, 'a.txt'), join(dir, 'no-such-input.txt')];
    expect(await main(failing, memoryIo())).toBe(2);
    expect(filesIn(folder)).toEqual([]);
    writeFileSync(out, 'the old report');
    expect(await main(failing, memoryIo())).toBe(2);
    expect(filesIn(folder)).toEqual(['report.txt']);
    expect(readFileSync(out, 'utf8')).toBe('the old report');
    // An option the library refuses once the inputs are read: the same.
    expect(await main(['--threshold', '1.5', ...failing.slice(0, 3)], memoryIo())).toBe(2);
    expect(filesIn(folder)).toEqual(['report.txt']);
    expect(readFileSync(out, 'utf8')).toBe('the old report');
    // A run that succeeds replaces it, and leaves nothing else.
    expect(await main(['--out', out, '--format', 'json', join(dir, 'big')], memoryIo())).toBe(0);
    expect(filesIn(folder)).toEqual(['report.txt']);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Report).pairs).toHaveLength(57_602);
  }, 60_000);

  it('is removed, temporary file and all, when the run is interrupted (SIGINT)', async () => {
    const folder = join(dir, 'interrupted');
    mkdirSync(folder);
    // Reading standard input that never ends: the run waits, with its temporary file in place.
    const child = spawn(
      process.execPath,
      [join(root, 'dist', 'cli.js'), '--out', join(folder, 'r.txt'), '-'],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    for (let waited = 0; filesIn(folder).length === 0 && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(filesIn(folder)).toHaveLength(1);
    expect(filesIn(folder)[0]).toMatch(/^\.r\.txt\.\d+\.[0-9a-f]{8}\.tmp$/);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(filesIn(folder)).toEqual([]);
  }, 30_000);
});

describe('large reports', () => {
  it('are streamed to a slow standard output with backpressure, never buffered whole', async () => {
    let text = '';
    let mostBuffered = 0;
    const slow = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        setImmediate(done); // one chunk per turn of the event loop
      },
    });
    const watch = setInterval(() => {
      mostBuffered = Math.max(mostBuffered, slow.writableLength);
    }, 1);
    const io = { ...memoryIo(), stdout: slow };
    const realWrite = slow.write.bind(slow);
    slow.write = ((...args: Parameters<typeof slow.write>) => {
      const result = realWrite(...args);
      mostBuffered = Math.max(mostBuffered, slow.writableLength);
      return result;
    }) as typeof slow.write;
    try {
      expect(await main([join(dir, 'big')], io)).toBe(0);
    } finally {
      clearInterval(watch);
    }
    // 120 files quoting sentences in groups of 9 paragraphs: the text report the library gives, about 14 MB.
    const docs = readdirSync(join(dir, 'big')).map((f) => ({
      id: join(dir, 'big', f),
      text: readFileSync(join(dir, 'big', f), 'utf8'),
    }));
    const expected = renderText(
      await findDuplicates(docs.sort((x, y) => (x.id < y.id ? -1 : 1))),
      new Map(docs.map((d) => [d.id, d.text])),
    );
    const lines = (t: string) => t.split('\n').slice(0, -2); // the summary line holds the time
    expect(text.length).toBeGreaterThan(10_000_000);
    expect(lines(text)).toEqual(lines(expected));
    expect(mostBuffered).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);

  it('come whole through a pipe, in every format (40 files, 6,393 overlap pairs)', () => {
    for (const format of ['json', 'sarif', 'html', 'text']) {
      const out = spawnSync(
        process.execPath,
        [join(root, 'dist', 'cli.js'), '--format', format, join(dir, 'mid')],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        },
      );
      expect(out.status).toBe(0);
      expect(out.stderr).toBe('');
      if (format === 'json') expect((JSON.parse(out.stdout) as Report).pairs).toHaveLength(6393);
      if (format === 'sarif') expect(JSON.parse(out.stdout).runs[0].results).toHaveLength(6393);
      if (format === 'html') expect(out.stdout.endsWith('</html>\n')).toBe(true);
      if (format === 'text') expect(out.stdout).toMatch(/6393 flagged pair\(s\)/);
    }
  }, 120_000);

  it('stop quietly when the reader of standard output goes away (| head)', () => {
    const out = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${join(root, 'dist', 'cli.js')}" --format json big | head -c 100 >/dev/null; echo "exit \${PIPESTATUS[0]}"`,
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(out.stdout).toBe('exit 0\n');
    expect(out.stderr).toBe('');
  }, 60_000);
});

describe('same reports as the library', () => {
  it('--format json through --out equals findDuplicates on the same files', async () => {
    const out = join(dir, 'same.json');
    expect(await main(['--format', 'json', '--out', out, join(dir, 'a.txt')], memoryIo())).toBe(0);
    const expected = await findDuplicates([
      { id: join(dir, 'a.txt'), text: readFileSync(join(dir, 'a.txt'), 'utf8') },
    ]);
    expect(withoutTime(JSON.parse(readFileSync(out, 'utf8')))).toEqual(withoutTime(expected));
    expect(existsSync(out)).toBe(true);
    expect(filesIn(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
