// Directory walks: endings in any case, names without an ending, symbolic links to folders (followed
// once, no loops), files skipped said aloud, JSON Lines read record by record, CSV refused rather than misread.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { listInputs } from '../../src/cli/walk.js';
import type { Report } from '../../src/index.js';
import { memoryIo } from './io.js';

let dir: string;
const SAME = 'The same paragraph appears in several files of the folder, word for word.\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-walk-'));
  const write = (path: string, text = SAME) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  // Endings in other cases, names without one, and files no --ext asks for.
  write('mixed/UPPER.TXT');
  write('mixed/Title.Md');
  write('mixed/lower.txt');
  write('mixed/LICENSE');
  write('mixed/pkg/copyright');
  write('mixed/page.html');
  write('mixed/other.html');
  write('mixed/notes.pdf');
  write('mixed/data.jsonl', '{"id": 1, "text": "x"}\n');
  // A link to a folder elsewhere, a link back up (a loop) and a link to a folder already walked.
  write('outside/far.txt');
  write('linked/a.txt');
  mkdirSync(join(dir, 'linked', 'chapter'));
  write('linked/chapter/b.txt');
  symlinkSync(join(dir, 'outside'), join(dir, 'linked', 'elsewhere'));
  symlinkSync('..', join(dir, 'linked', 'chapter', 'up'));
  symlinkSync('chapter', join(dir, 'linked', 'chapter.txt'));
  // Records in a folder.
  write('records/export.JSONL', '{"id": 1, "text": "x"}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]) {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text };
}

const ids = (stdout: string) => (JSON.parse(stdout) as Report).documents.map((d) => d.id);

describe('directory walks', () => {
  it('match endings in any case', async () => {
    expect(await listInputs([join(dir, 'mixed')], ['.txt', '.md'])).toEqual(
      ['Title.Md', 'UPPER.TXT', 'lower.txt'].map((f) => join(dir, 'mixed', f)),
    );
    expect(await listInputs([join(dir, 'mixed')], ['.html'])).toHaveLength(2);
  });

  it("take names without an ending with --ext '' (LICENSE, Debian's copyright), or with a trailing comma", async () => {
    const only = await cli(['--format', 'json', '--ext', '', join(dir, 'mixed')]);
    expect(only.code).toBe(0);
    expect(ids(only.stdout)).toEqual([join(dir, 'mixed', 'LICENSE'), join(dir, 'mixed', 'pkg', 'copyright')]);
    const both = await cli(['--format', 'json', '--ext', 'txt,', join(dir, 'mixed')]);
    expect(ids(both.stdout)).toEqual(
      ['LICENSE', 'UPPER.TXT', 'lower.txt', join('pkg', 'copyright')].map((f) => join(dir, 'mixed', f)),
    );
  });

  it('say on stderr how many files they skipped, by ending, in one line', async () => {
    const out = await cli(['--format', 'json', join(dir, 'mixed')]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(
      "neardup: skipped 6 file(s) in directories (endings none ×2, .html ×2, .jsonl ×1, .pdf ×1); choose endings with --ext (--ext '' for names without one, --ext '*' for every file)\n",
    );
    expect(ids(out.stdout)).toHaveLength(3);
    // Nothing skipped, nothing said.
    expect((await cli(['--format', 'json', join(dir, 'outside')])).stderr).toBe('');
  });

  it('follow links to folders, each folder once, so a link loop ends', async () => {
    const out = await cli(['--format', 'json', join(dir, 'linked')]);
    expect(out.code).toBe(0);
    expect(ids(out.stdout)).toEqual([
      join(dir, 'linked', 'a.txt'),
      join(dir, 'linked', 'chapter', 'b.txt'),
      join(dir, 'linked', 'elsewhere', 'far.txt'),
    ]);
    // A folder given twice, once through a link, is read once.
    const twice = await cli(['--format', 'json', join(dir, 'outside'), join(dir, 'linked', 'elsewhere')]);
    expect(ids(twice.stdout)).toEqual([join(dir, 'outside', 'far.txt')]);
  });

  it('leave the --out file out, so a report is never read back as an input', async () => {
    const report = join(dir, 'outside', 'report.txt');
    for (let run = 0; run < 2; run++) {
      const out = await cli(['--format', 'json', '--out', report, join(dir, 'outside')]);
      expect(out.code).toBe(0);
    }
    const again = await cli(['--format', 'json', '--out', join(dir, 'r.json'), join(dir, 'outside')]);
    expect(again.code).toBe(0);
    const last = await cli(['--format', 'json', '--out', report, join(dir, 'outside')]);
    expect(last.stderr).toBe('neardup: skipped the --out file in directories\n');
    rmSync(report);
  });
});

describe('rows are refused, not read as prose', () => {
  it.each([
    ['table.csv', 'CSV (.csv)'],
    ['table.tsv', 'tab-separated values (.tsv)'],
  ])('given %s, exit 2 saying how to read it', async (name, kind) => {
    const path = join(dir, name);
    writeFileSync(path, 'a,b\n1,"two\n\nlines"\n');
    const out = await cli([path]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain(`neardup: ${JSON.stringify(path)} is ${kind}: neardup reads prose`);
    expect(out.stderr).toMatch(/write the text column to JSON Lines/);
  });
});

// Until neardup dedup existed, JSONL files were refused like CSV; they are now read record by record.
describe('JSON Lines are read record by record', () => {
  it.each([['data.jsonl'], ['dump.NDJSON']])(
    'given %s, each record is a document named by its id',
    async (name) => {
      const path = join(dir, name);
      writeFileSync(
        path,
        `{"id": "one", "text": ${JSON.stringify(SAME)}}\n{"id": 2, "text": ${JSON.stringify(SAME)}}\n`,
      );
      const out = await cli(['--format', 'json', path]);
      expect(out.code).toBe(0);
      expect(ids(out.stdout)).toEqual(['one', '2']);
      expect((JSON.parse(out.stdout) as Report).pairs).toHaveLength(1);
    },
  );

  it('found in a folder walk with a matching --ext; with another --ext, skipped and counted', async () => {
    const asked = await cli(['--format', 'json', '--ext', '.jsonl', join(dir, 'records')]);
    expect(asked.code).toBe(0);
    expect(ids(asked.stdout)).toEqual(['1']);
    const other = await cli([join(dir, 'records'), join(dir, 'outside')]);
    expect(other.code).toBe(2); // records/ holds no .txt or .md file
    expect(other.stderr).toMatch(
      /no \.txt or \.md files in directory .*records"; it holds files with endings \.jsonl ×1/,
    );
  });
});

describe("--ext '*'", () => {
  it('takes every file, names like GPL-2.0 included, JSON Lines as records', async () => {
    const out = await cli(['--format', 'json', '--ext', '*', join(dir, 'mixed')]);
    expect(out.code).toBe(0);
    const prefix = join(dir, 'mixed').length + 1;
    expect(ids(out.stdout).map((id) => (id === '1' ? id : id.slice(prefix)))).toEqual([
      'LICENSE',
      'Title.Md',
      'UPPER.TXT',
      '1', // the record of data.jsonl
      'lower.txt',
      'notes.pdf',
      'other.html',
      'page.html',
      join('pkg', 'copyright'),
    ]);
    expect(out.stderr).toBe('');
    // CSV is still skipped (and counted) by --ext '*', not refused
    writeFileSync(join(dir, 'mixed', 'rows.csv'), 'a,b\n');
    const again = await cli(['--format', 'json', '--ext', '*', join(dir, 'mixed')]);
    rmSync(join(dir, 'mixed', 'rows.csv'));
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^neardup: skipped 1 file\(s\) in directories \(endings \.csv ×1\)/);
  });
});
