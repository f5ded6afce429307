// JSON Lines inputs: one document a line, read by neardup and neardup dedup through one reader.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordIds, readJsonl } from '../../src/cli/jsonl.js';
import { main } from '../../src/cli/main.js';
import type { Report } from '../../src/index.js';
import { memoryIo } from './io.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-jsonl-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function records(
  content: string | Buffer,
  fields = { idField: 'id' as string | undefined, textField: 'text' },
) {
  const file = join(dir, `r${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, content);
  const warnings: string[] = [];
  const found = [];
  for await (const r of readJsonl(file, fields, new RecordIds(), {
    stdin: new PassThrough(),
    warn: (m) => warnings.push(m),
  })) {
    found.push(r);
  }
  return { file, found, warnings };
}

async function failure(content: string, fields?: Parameters<typeof records>[1]): Promise<string> {
  try {
    await records(content, fields);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('readJsonl', () => {
  it('reads one record a line: ids (numbers in shortest form), texts, line numbers, the raw line', async () => {
    const { found } = await records(
      '\ufeff{"id": "a", "text": "one"}\r\n\n  \n{"id": 7, "text": "two", "x": 1}\n{"id": 1e21, "text": ""}',
    );
    expect(found.map((r) => [r.id, r.text, r.line])).toEqual([
      ['a', 'one', 1],
      ['7', 'two', 4],
      ['1e+21', '', 5],
    ]);
    expect(found[0].raw).toBe('{"id": "a", "text": "one"}'); // no BOM, no CR
    expect(found[1].raw).toBe('{"id": 7, "text": "two", "x": 1}');
  });

  it('reads lines longer than a read chunk (1 MB) whole', async () => {
    const text = 'word '.repeat(500_000);
    const { found } = await records(
      `{"id":"a","text":"x"}\n{"id":"long","text":"${text}"}\n{"id":"c","text":"y"}\n`,
    );
    expect(found.map((r) => r.text.length)).toEqual([1, text.length, 1]);
  });

  it('names records FILE:LINE without an id field', async () => {
    const { file, found } = await records('{"text": "one"}\n{"text": "two"}\n', {
      idField: undefined,
      textField: 'text',
    });
    expect(found.map((r) => r.id)).toEqual([`${file}:1`, `${file}:2`]);
  });

  it.each([
    ['{"id": "a", "text": "x"}\n{"id": "b", "text": "x"', /line 2: not valid JSON \(/],
    ['{"id": "a", "text": "x"}\n[1, 2]', /line 2: a JSON object is expected, got an array of length 2/],
    ['"just a string"', /line 1: a JSON object is expected, got "just a string"/],
    [
      '{"id": "a", "body": "x"}',
      /line 1: no field "text" \(its fields: "id", "body"\); name it with --text-field/,
    ],
    [
      '{"text": "x"}',
      /line 1: no field "id" \(its fields: "text"\); name it with --id-field, or give --id-field '' to name records FILE:LINE/,
    ],
    ['{"id": "a", "text": 42}', /line 1: field "text" must be a string, got 42/],
    ['{"id": "a", "text": null}', /line 1: field "text" must be a string, got null/],
    ['{"id": true, "text": "x"}', /line 1: field "id" must be a non-empty string or a number, got true/],
    ['{"id": "", "text": "x"}', /line 1: field "id" must be a non-empty string or a number, got ""/],
    ['{"id": 1e999, "text": "x"}', /line 1: field "id" must be a non-empty string or a number, got Infinity/],
    ['{"id": "a", "text": "x"}\n\n{"id": "a", "text": "y"}', /line 3: id "a" is the id of line 1 too/],
  ])('refuses %j naming the line', async (content, message) => {
    const text = await failure(content);
    expect(text).toMatch(/^neardup: ".*\.jsonl" line \d+: /);
    expect(text).toMatch(message);
  });

  it('replaces invalid UTF-8 with one warning naming the first line that holds it', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n{"id": "c", "text": "\xff"}\n', 'latin1'),
    ]);
    const { found, warnings } = await records(bad);
    expect(found.map((r) => r.text)).toEqual(['ok', 'caf\ufffd', '\ufffd']);
    expect(warnings).toEqual([expect.stringMatching(/\.jsonl" is not valid UTF-8 \(first at line 2\)/)]);
  });
});

describe('neardup reads JSONL', () => {
  const same = 'The same paragraph appears in two records of the file, word for word, as boilerplate does.';

  it('as documents named by their ids, in any mix with text files', async () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, `{"id": "r1", "body": ${JSON.stringify(same)}}\n{"id": "r2", "body": "Other."}\n`);
    const txt = join(dir, 'plain.txt');
    writeFileSync(txt, `${same}\n`);
    const io = memoryIo();
    expect(await main(['--format', 'json', '--text-field', 'body', txt, file], io)).toBe(0);
    const report = JSON.parse(io.stdout.text) as Report;
    expect(report.documents.map((d) => d.id)).toEqual([txt, 'r1', 'r2']);
    expect(report.pairs.map((p) => [p.a.doc, p.b.doc])).toEqual([[txt, 'r1']]);
  });

  it('stops at a bad line with exit 2 and writes no --out', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `{"id": "r1", "text": "x"}\n{"id": "r2"}\n`);
    const out = join(dir, 'report.json');
    const io = memoryIo();
    expect(await main(['--format', 'json', '--out', out, file], io)).toBe(2);
    expect(io.stderr.text).toMatch(/bad\.jsonl" line 2: no field "text"/);
    expect(existsSync(out)).toBe(false);
  });

  it('gives the same report as the same texts given as files', async () => {
    const file = join(dir, 'two.jsonl');
    writeFileSync(
      file,
      `{"id": "x", "text": ${JSON.stringify(`${same}\n\nMine.`)}}\n{"id": "y", "text": ${JSON.stringify(`Yours.\n\n${same}`)}}\n`,
    );
    const io = memoryIo();
    await main(['--format', 'json', file], io);
    const fromJsonl = JSON.parse(io.stdout.text) as Report;
    expect(fromJsonl.pairs).toHaveLength(1);
    expect(fromJsonl.pairs[0]).toMatchObject({
      a: { doc: 'x', paragraph: 0 },
      b: { doc: 'y', paragraph: 1 },
      kind: 'exact',
    });
    expect(readFileSync(file, 'utf8')).toContain('"id": "x"');
  });
});
