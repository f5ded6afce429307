import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDuplicates, type Report } from '../../src/index.js';
import { quotingParagraphs } from '../helpers.js';
import { ensureBuilt, root, runCli } from './run.js';

let dir: string;
const run = (args: string[], options?: Parameters<typeof runCli>[2]) => runCli(dir, args, options);

const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'neardup-cli-'));
  mkdirSync(join(dir, 'articles'));
  for (const name of ['article-1.txt', 'article-2.txt']) {
    writeFileSync(join(dir, 'articles', name), readFileSync(join(root, 'examples', 'articles', name)));
  }
  mkdirSync(join(dir, 'tree', 'a', 'b'), { recursive: true });
  mkdirSync(join(dir, 'tree', '.hidden'));
  writeFileSync(join(dir, 'tree', 'one.md'), 'The same paragraph appears in two files of the tree.\n');
  writeFileSync(
    join(dir, 'tree', 'a', 'b', 'two.txt'),
    'The same paragraph appears in two files of the tree.\n',
  );
  writeFileSync(
    join(dir, 'tree', 'a', 'skip.html'),
    'The same paragraph appears in two files of the tree.\n',
  );
  writeFileSync(
    join(dir, 'tree', '.hidden', 'three.txt'),
    'The same paragraph appears in two files of the tree.\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('neardup CLI', () => {
  it('prints the same Report as findDuplicates for the seed articles (--format json)', async () => {
    const out = run(['--format', 'json', 'articles/article-1.txt', 'articles/article-2.txt']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    const ids = ['articles/article-1.txt', 'articles/article-2.txt'];
    const expected = await findDuplicates(
      ids.map((id) => ({ id, text: readFileSync(join(dir, id), 'utf8') })),
    );
    expect(withoutTime(JSON.parse(out.stdout))).toEqual(withoutTime(expected));
  });

  it('passes --threshold and --min-overlap to the library', () => {
    const out = run(['--format', 'json', '--threshold', '0.9', '--min-overlap', '12', 'articles']);
    const report = JSON.parse(out.stdout) as Report;
    expect(report.options).toMatchObject({ threshold: 0.9, minOverlapWords: 12 });
    // Only the 12-word quote: one overlap of article-1 ¶4 (standing for its copy ¶9 too) with article-2.
    const overlaps = report.pairs.filter((p) => p.kind === 'overlap');
    expect(overlaps.map((p) => [p.spans[0].words, p.memberPairs])).toEqual([[12, 2]]);
  });

  it('prints a text report with file:line places, 1-based, and a summary line; no colour in a pipe', () => {
    const out = run(['articles']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('articles/article-1.txt:3 ¶3–7  ⇄  articles/article-1.txt:8 ¶8–12');
    // Report v2: the five copied paragraphs are five clusters, each shown once with its places.
    expect(out.stdout).toContain(
      '  [exact] this paragraph appears 2 times in one document: “Foreign Minister Fuad Hussein',
    );
    expect(out.stdout).toContain('      articles/article-1.txt:3 ¶3, articles/article-1.txt:8 ¶8\n');
    expect(out.stdout).toContain('articles/article-1.txt:4 ¶4  ⇄  articles/article-2.txt:6 ¶6');
    expect(out.stdout).not.toContain('\x1b[');
    expect(out.stdout.trimEnd().split('\n').at(-1)).toMatch(/^neardup: 2 document\(s\), 22 paragraph\(s\)/);
    expect(out.stderr).toBe(''); // no progress in pipes
  });

  it('--threads spreads the detection over worker threads with the same Report; auto uses them for large inputs', () => {
    const one = run(['--format', 'json', '--threads', '1', '--progress', 'articles']);
    const two = run(['--format', 'json', '--threads', '2', '--progress', 'articles']);
    expect(two.code).toBe(0);
    expect(two.stderr).toContain('on 2 threads');
    expect(one.stderr).not.toContain('threads');
    expect(withoutTime(JSON.parse(two.stdout))).toEqual(withoutTime(JSON.parse(one.stdout)));
    // 9 MB of files: auto takes every core (one on a single-core machine); small inputs stay on one.
    const big = join(dir, 'big');
    mkdirSync(big);
    let seed = 1;
    const word = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return `w${seed % 20011}`;
    };
    const paragraph = () => Array.from({ length: 60 }, word).join(' ');
    for (let i = 0; i < 9; i++) {
      writeFileSync(join(big, `part-${i}.txt`), Array.from({ length: 2600 }, paragraph).join('\n'));
    }
    const cores = availableParallelism();
    const auto = run(['--format', 'json', '--out', join(dir, 'big.json'), '--progress', 'big']);
    expect(auto.code).toBe(0);
    if (cores > 1) expect(auto.stderr).toContain(`on ${cores} threads`);
    else expect(auto.stderr).not.toContain('threads');
    expect(run(['--progress', 'articles']).stderr).not.toContain('threads');
    for (const bad of ['0', 'two', '1.5', '']) expect(run(['--threads', bad, 'articles']).code).toBe(2);
    expect(run(['--threads', '2', '--index', join(dir, 'x.ndx'), 'articles']).stderr).toContain(
      '--threads does not apply',
    );
  }, 120_000);

  it('reports progress on stderr with --progress', () => {
    const out = run(['--progress', 'articles']);
    expect(out.stderr).toContain('reading: 2/2 files, 22 paragraphs');
    expect(out.stderr).toContain('detecting');
  });

  it('searches directories recursively for .txt and .md, skipping hidden folders; --ext changes the endings', () => {
    const out = run(['--format', 'json', 'tree']);
    const report = JSON.parse(out.stdout) as Report;
    expect(report.documents.map((d) => d.id)).toEqual([
      join('tree', 'a', 'b', 'two.txt'),
      join('tree', 'one.md'),
    ]);
    expect(report.pairs).toHaveLength(1);
    const html = JSON.parse(run(['--format', 'json', '--ext', 'html', 'tree']).stdout) as Report;
    expect(html.documents.map((d) => d.id)).toEqual([join('tree', 'a', 'skip.html')]);
  });

  it('reads standard input for -', () => {
    const out = run(['--format', 'json', '-', 'tree/one.md'], {
      input: 'The same paragraph appears in two files of the tree.\n',
    });
    const report = JSON.parse(out.stdout) as Report;
    expect(report.documents.map((d) => d.id)).toEqual(['-', 'tree/one.md']);
    expect(report.pairs[0]?.kind).toBe('exact');
  });

  it('writes to --out instead of stdout', () => {
    const out = run(['--format', 'json', '--out', 'report.json', 'articles']);
    expect(out.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).version).toBe(2);
  });

  it('writes the HTML report (--format html --out) with the paths escaped and the texts whole', () => {
    writeFileSync(join(dir, 'a<b>.txt'), 'The same paragraph appears in two files of the tree.\n');
    const out = run(['--format', 'html', '--out', 'report.html', 'a<b>.txt', 'tree/one.md']);
    expect(out.code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('a&lt;b&gt;.txt');
    expect(html).not.toContain('a<b>');
    expect(html).toContain('class="hl k-exact"');
  });

  it('prints SARIF 2.1.0 (--format sarif): one result per pair, the tool version, paths relative', () => {
    const out = run(['--format', 'sarif', 'articles']);
    expect(out.code).toBe(0);
    const log = JSON.parse(out.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.version).toBe(
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
    );
    expect(log.runs[0].results).toHaveLength(7); // the seed articles' 7 pairs (Report v2)
    expect(log.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual([
      'articles/article-1.txt',
      'articles/article-2.txt',
    ]);
  });

  it('--index FILE: reports what new files duplicate, adds them, and pays only for new files next time', async () => {
    const first = run(['--format', 'json', '--index', 'idx.bin', 'articles/article-1.txt']);
    expect(first.code).toBe(0);
    const alone = JSON.parse(first.stdout) as Report;
    expect(alone.pairs.map((p) => p.kind)).toEqual(['exact', 'exact', 'exact', 'exact', 'exact']);
    // Adding article-2: only the pairs that involve it, found against the saved index.
    const second = JSON.parse(run(['--format', 'json', '--index', 'idx.bin', 'articles']).stdout) as Report;
    const both = withoutTime(
      await findDuplicates(
        ['article-1', 'article-2'].map((name) => ({
          id: join('articles', `${name}.txt`),
          text: readFileSync(join(dir, 'articles', `${name}.txt`), 'utf8'),
        })),
      ),
    );
    expect(second.pairs).toEqual(
      both.pairs.filter((p) => p.a.doc.endsWith('article-2.txt') || p.b.doc.endsWith('article-2.txt')),
    );
    expect(second.pairs).toHaveLength(2); // two overlaps with article-1 ¶4, each standing for its copy ¶9 too
    // Nothing new: nothing to report, the index is kept.
    const third = JSON.parse(run(['--format', 'json', '--index', 'idx.bin', 'articles']).stdout) as Report;
    expect(third.pairs).toEqual([]);
    const { loadIndex } = await import('../../src/index.js');
    expect((await loadIndex(readFileSync(join(dir, 'idx.bin')))).ids()).toEqual([
      'articles/article-1.txt',
      'articles/article-2.txt',
    ]);
  });

  it('--index FILE: a damaged index or other hashing options exit 2 and leave the file alone', () => {
    writeFileSync(join(dir, 'bad.bin'), 'not an index');
    const bad = run(['--index', 'bad.bin', 'articles']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^neardup: these bytes are not a neardup index/);
    expect(readFileSync(join(dir, 'bad.bin'), 'utf8')).toBe('not an index');
    run(['--index', 'idx2.bin', 'articles/article-1.txt']);
    const other = run(['--index', 'idx2.bin', '--min-overlap', '12', 'articles']);
    expect(other.code).toBe(2);
    // The message names the file, the option and its flag (it named neither file nor flag before).
    expect(other.stderr).toMatch(
      /^neardup: the index "idx2.bin" was saved with minOverlapWords = 10 \(--min-overlap 10\), these options give 12: run with --min-overlap 10 or without --min-overlap, or build a new index\n$/,
    );
  });

  it('--index FILE: a changed file whose check fails leaves the saved index, old version included, as it was', async () => {
    const { checkAgainstIndex } = await import('../../src/cli/index-file.js');
    const { loadIndex } = await import('../../src/index.js');
    const file = join(dir, 'replace.bin');
    const inputs = (...list: { id: string; text: string }[]) =>
      (async function* () {
        yield* list;
      })();
    const original = { id: 'a.txt', text: 'One paragraph of its own.\n\nAnd a second, different one.' };
    await checkAgainstIndex(file, inputs(original), {});
    const saved = readFileSync(file);
    const repeated = { id: 'a.txt', text: `${quotingParagraphs(3).join('\n\n')}\n\n` };
    await expect(checkAgainstIndex(file, inputs(repeated), { maxPairs: 1 })).rejects.toMatchObject({
      code: 'TOO_MANY_PAIRS',
    });
    expect(readFileSync(file).equals(saved)).toBe(true);
    const changed = { id: 'a.txt', text: `${repeated.text}${original.text}` };
    const { report } = await checkAgainstIndex(file, inputs(changed), {});
    expect(report.pairs.length).toBe(3); // within the new version only, none against the old one
    expect((await loadIndex(readFileSync(file))).document('a.txt')).toEqual(changed);
  });

  it('decodes invalid UTF-8 with replacement characters and a warning naming the file', () => {
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const out = run(['--format', 'json', 'latin1.txt']);
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('"latin1.txt" is not valid UTF-8');
    expect(out.stdout).toContain('"version": 2');
  });

  it('exits 1 with --fail-on-duplicates when anything is flagged, 0 when nothing is', () => {
    expect(run(['--fail-on-duplicates', 'articles']).code).toBe(1);
    expect(run(['--fail-on-duplicates', 'tree/one.md']).code).toBe(0);
    expect(run(['articles']).code).toBe(0);
  });

  it('prints help and version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: neardup [options] <path...>');
    const version = run(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});

describe('neardup CLI: byte-order marks', () => {
  it('keeps a UTF-8 BOM, so offsets equal findDuplicates on the same file read with readFileSync', async () => {
    writeFileSync(
      join(dir, 'bom.txt'),
      `\ufeffThe same paragraph appears twice here.\n\nThe same paragraph appears twice here.\n`,
    );
    const out = run(['--format', 'json', 'bom.txt']);
    const expected = await findDuplicates([
      { id: 'bom.txt', text: readFileSync(join(dir, 'bom.txt'), 'utf8') },
    ]);
    expect(withoutTime(JSON.parse(out.stdout))).toEqual(withoutTime(expected));
    expect(expected.documents[0].paragraphs[0].start).toBe(1);
  });
});
