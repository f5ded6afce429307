// End to end: the built CLI on a Debian-like corpus built here (test/cli/debian-like.ts), as files and as
// JSONL: the report in every format with its groups, and `neardup dedup` at both levels, checked
// against what the corpus was built to hold (byte-identical files, shared licence paragraphs, one
// edited copy), not against the library's own grouping.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/index.js';
import { type DebianLike, debianLike, LICENCES } from './debian-like.js';
import { ensureBuilt, runCli } from './run.js';

let dir: string;
let corpus: DebianLike;
const names = () => [...corpus.files.keys()];
const path = (name: string) => `copyright/${name}`;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'neardup-dedup-'));
  corpus = debianLike();
  mkdirSync(join(dir, 'copyright'));
  for (const [name, text] of corpus.files) writeFileSync(join(dir, 'copyright', name), text);
  const lines = [...corpus.files].map(([name, text]) =>
    JSON.stringify({ name, body: text, source: 'debian' }),
  );
  writeFileSync(join(dir, 'corpus.jsonl'), `${lines.join('\n')}\n`);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => runCli(dir, args);
const jsonl = (text: string) =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
/** Files holding licence `l`, in input (name) order. */
const holders = (l: number) => names().filter((n) => corpus.licenceOf.get(n) === l);

describe('neardup on a Debian-like corpus', () => {
  it('reports the identical files and the edited copy as document groups, each licence as one cluster (JSON)', () => {
    const out = run(['--format', 'json', '--ext', '.copyright', 'copyright']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as Report;
    const groups = report.documentGroups.map((g) => [g.kind, g.members.map((m) => m.doc)]);
    expect(groups).toContainEqual(['exact', corpus.identical.map(path)]);
    expect(groups).toContainEqual(['near', [corpus.edited.of, corpus.edited.copy].map(path)]);
    expect(groups).toHaveLength(2);
    const member = report.documentGroups
      .flatMap((g) => g.members)
      .find((m) => m.doc === path(corpus.edited.copy));
    expect(member).toMatchObject({ exact: 4, near: 1, added: 0, removed: 0 });
    for (let l = 0; l < LICENCES.length; l++) {
      const expected = holders(l).map((n) => ({ doc: path(n), paragraph: 4 }));
      const cluster = report.clusters.find(
        (c) => c.members.length === expected.length && c.members.every((m, i) => m.doc === expected[i].doc),
      );
      expect(cluster, `licence ${l}`).toMatchObject({ kind: 'exact', representative: expected[0] });
      expect(cluster?.members.map(({ doc, paragraph }) => ({ doc, paragraph }))).toEqual(expected);
    }
  });

  it('says each group once in the text report, and lists places compactly', () => {
    const out = run(['--ext', '.copyright', 'copyright']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      '  [exact] copyright/libc-bin.copyright, copyright/libc-l10n.copyright and copyright/libc6.copyright are exact copies of one another (5 paragraphs each',
    );
    expect(out.stdout).toContain(
      '      copyright/pkg03x.copyright is copyright/pkg03.copyright with 1 paragraph changed',
    );
    const gpl = holders(0);
    expect(out.stdout).toContain(
      `this paragraph appears in ${gpl.length} documents: “License: L0 This program`,
    );
    expect(out.stdout).toContain(`… and ${gpl.length - 8} more`);
    expect(out.stdout.match(/^ {2}\[exact\] this paragraph appears in/gm)).toHaveLength(LICENCES.length);
  });

  it('gives SARIF a result per document group and per cluster, members as related locations', () => {
    const out = run(['--format', 'sarif', '--ext', '.copyright', 'copyright']);
    expect(out.code).toBe(0);
    const results = JSON.parse(out.stdout).runs[0].results as {
      ruleId: string;
      relatedLocations: unknown[];
    }[];
    const documents = results.filter((r) => r.ruleId === 'neardup/duplicate-document');
    expect(documents.map((r) => r.relatedLocations.length).sort()).toEqual([1, 2]);
    const licences = results.filter((r) => r.ruleId === 'neardup/exact-duplicate');
    expect(licences.map((r) => r.relatedLocations.length).sort((a, b) => a - b)).toEqual(
      LICENCES.map((_, l) => holders(l).length - 1).sort((a, b) => a - b),
    );
  });

  it('gives an HTML page with the groups and clusters counted, and every document collapsed', () => {
    const out = run(['--format', 'html', '--ext', '.copyright', 'copyright']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('<h2>Duplicate documents: 2 groups</h2>');
    // The four licences and the edited paragraph (a near group's clusters are listed; an exact group's,
    // 7 paragraphs of libc-bin, are not).
    expect(out.stdout).toContain(
      '<h2>Repeated paragraphs: 5 clusters <span class="figures">(and 7 inside duplicate documents, not listed again)</span>',
    );
    expect(out.stdout.match(/<details class="doc"/g)).toHaveLength(corpus.files.size);
  });

  it('reads the same corpus from JSONL (named by --id-field, text from --text-field) with the same groups', () => {
    const out = run(['--format', 'json', '--id-field', 'name', '--text-field', 'body', 'corpus.jsonl']);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as Report;
    expect(report.documents.map((d) => d.id)).toEqual(names());
    expect(report.documentGroups.map((g) => g.members.map((m) => m.doc))).toEqual([
      corpus.identical,
      [corpus.edited.of, corpus.edited.copy],
    ]);
  });
});

describe('neardup dedup on a Debian-like corpus', () => {
  const fields = ['--id-field', 'name', '--text-field', 'body'];

  it('--level document drops the identical files but the first and the edited copy, keeping records whole', () => {
    const out = run([
      'dedup',
      ...fields,
      '--out',
      'kept.jsonl',
      '--clusters',
      'groups.jsonl',
      'corpus.jsonl',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    const kept = jsonl(readFileSync(join(dir, 'kept.jsonl'), 'utf8'));
    const dropped = [...corpus.identical.slice(1), corpus.edited.copy];
    expect(kept.map((r) => r.name)).toEqual(names().filter((n) => !dropped.includes(n)));
    // Each kept record is its input line, other fields included.
    for (const record of kept)
      expect(record).toEqual({ name: record.name, body: corpus.files.get(record.name), source: 'debian' });
    const groups = jsonl(readFileSync(join(dir, 'groups.jsonl'), 'utf8'));
    expect(groups.map((g) => [g.kind, g.kept, g.members.map((m: { doc: string }) => m.doc)])).toEqual(
      [
        ['exact', corpus.identical[0], corpus.identical],
        ['near', corpus.edited.of, [corpus.edited.of, corpus.edited.copy]],
      ].sort((a, b) => (a[1] < b[1] ? -1 : 1)),
    );
    const total = corpus.files.size;
    expect(out.stderr).toMatch(
      new RegExp(
        `^neardup: dedup --level document: ${total} documents in, ${total - 3} out \\(3 removed as copies, 2 group\\(s\\) of copies\\)`,
        'm',
      ),
    );
  });

  it('--keep longest keeps the edited copy (three words longer) instead of its source', () => {
    const out = run(['dedup', ...fields, '--keep', 'longest', 'corpus.jsonl']);
    expect(out.code).toBe(0);
    const kept = jsonl(out.stdout).map((r) => r.name);
    expect(kept).toContain(corpus.edited.copy);
    expect(kept).not.toContain(corpus.edited.of);
    expect(kept.filter((n: string) => corpus.identical.includes(n))).toEqual([corpus.identical[0]]);
  });

  it('--level paragraph keeps each licence once, in its first file, and says in each record what went', () => {
    const out = run(['dedup', ...fields, '--level', 'paragraph', '--out', 'lean.jsonl', 'corpus.jsonl']);
    expect(out.code).toBe(0);
    const kept = new Map(jsonl(readFileSync(join(dir, 'lean.jsonl'), 'utf8')).map((r) => [r.name, r]));
    // Files with nothing of their own left: the copies of libc-bin and the edited copy of pkg03.
    expect([...kept.keys()]).toEqual(
      names().filter((n) => !corpus.identical.slice(1).includes(n) && n !== corpus.edited.copy),
    );
    for (let l = 0; l < LICENCES.length; l++) {
      const [first, ...others] = holders(l).filter((n) => kept.has(n));
      expect(kept.get(first).body).toContain(LICENCES[l]);
      expect(kept.get(first).neardup_removed).toEqual([]);
      for (const name of others) {
        const record = kept.get(name);
        expect(record.body).not.toContain(LICENCES[l]);
        expect(record.neardup_removed).toEqual([
          expect.objectContaining({ paragraph: 4, kept: { doc: first, paragraph: 4 } }),
        ]);
        // Everything else is the file's own text, in order: its first four paragraphs.
        const original = corpus.files.get(name) as string;
        expect(record.body.trimEnd()).toBe(original.split('\n\n').slice(0, 4).join('\n\n'));
        const { start, end } = record.neardup_removed[0];
        expect(original.slice(start, end)).toBe(`License: L${l}\n ${LICENCES[l]}`);
      }
    }
    expect(out.stderr).toMatch(
      /^neardup: dedup --level paragraph: \d+ documents in, \d+ out .*removed as copies/m,
    );
  });

  it('gives the same kept documents from the folder of files as from the JSONL', () => {
    const out = run(['dedup', '--ext', '.copyright', 'copyright']);
    expect(out.code).toBe(0);
    const kept = jsonl(out.stdout);
    const dropped = [...corpus.identical.slice(1), corpus.edited.copy];
    expect(kept.map((r) => r.id)).toEqual(
      names()
        .filter((n) => !dropped.includes(n))
        .map(path),
    );
    expect(kept.every((r) => r.text === corpus.files.get(r.id.slice('copyright/'.length)))).toBe(true);
  });

  it.each([
    ['a malformed line', '{"name": "x", "body": "text"}\n{"name": "y", "body": \n', /bad-1\.jsonl" line 2: /],
    [
      'a missing text field',
      '{"name": "x", "body": "text"}\n{"name": "y"}\n',
      /bad-2\.jsonl" line 2: no field "body"/,
    ],
    [
      'a text that is not a string',
      '{"name": "x", "body": "a"}\n{"name": "y", "body": "b"}\n{"name": "z", "body": 7}\n',
      /bad-3\.jsonl" line 3: .*"body".*7/,
    ],
  ])(
    'stops at %s with exit 2 naming the line, and writes neither --out nor --clusters',
    (_what, content, message) => {
      const n = _what === 'a malformed line' ? 1 : _what === 'a missing text field' ? 2 : 3;
      writeFileSync(join(dir, `bad-${n}.jsonl`), content);
      const out = run([
        'dedup',
        ...fields,
        '--out',
        `out-${n}.jsonl`,
        '--clusters',
        `c-${n}.jsonl`,
        `bad-${n}.jsonl`,
      ]);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stderr).toMatch(/^neardup: /);
      expect(existsSync(join(dir, `out-${n}.jsonl`))).toBe(false);
      expect(existsSync(join(dir, `c-${n}.jsonl`))).toBe(false);
    },
  );
});
