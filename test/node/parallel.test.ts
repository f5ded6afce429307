// neardup/node: verification on worker threads gives the same report as the single-threaded path.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { findDuplicates, type Report } from '../../src/index.js';
import { quotingParagraphs, seedArticles } from '../helpers.js';

const root = resolve(__dirname, '..', '..');
type NodeEntry = typeof import('../../src/node/index.js');
type MainEntry = typeof import('../../src/index.js');
let node: NodeEntry;
let built: MainEntry;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
  node = await import(join(root, 'dist', 'node.js'));
  built = await import(join(root, 'dist', 'index.js'));
});

const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });

describe('findDuplicatesParallel', () => {
  it('gives the seed articles the same report as findDuplicates', async () => {
    const docs = seedArticles();
    const parallel = await node.findDuplicatesParallel(docs, {}, { threads: 2, chunkPairs: 2 });
    expect(withoutTime(parallel)).toEqual(withoutTime(await findDuplicates(docs)));
  });

  it('gives a generated corpus (3,000 paragraphs, planted copies) the same report, for any thread count', async () => {
    const { documents } = generateCorpus({ paragraphs: 3000, seed: 5 });
    const expected = withoutTime(await findDuplicates(documents));
    expect(expected.pairs.length).toBeGreaterThan(100);
    for (const threads of [1, 2, 3]) {
      const report = await node.findDuplicatesParallel(
        documents,
        {},
        { threads, chunkPairs: 97, batchDocuments: 7 },
      );
      expect(withoutTime(report)).toEqual(expected);
    }
    const splitter = (text: string) =>
      [...text.matchAll(/[^\n]+/g)].map((m) => [m.index, m.index + m[0].length] as [number, number]);
    const custom = await node.findDuplicatesParallel(
      documents.slice(0, 20),
      { paragraphs: splitter },
      { threads: 2 },
    );
    expect(withoutTime(custom)).toEqual(
      withoutTime(await findDuplicates(documents.slice(0, 20), { paragraphs: splitter })),
    );
  }, 60_000);

  it('keeps options that change verification (stopwords, threshold) and takes a stream', async () => {
    const docs = seedArticles();
    const options = { threshold: 0.5, stopwords: ['the', 'of'], minOverlapWords: 8 };
    async function* stream() {
      yield* docs;
    }
    const report = await node.findDuplicatesParallel(stream(), options, { threads: 2 });
    expect(withoutTime(report)).toEqual(withoutTime(await findDuplicates(docs, options)));
  });

  it('rejects bad thread counts and bad input with NearDupError of the main entry', async () => {
    for (const threads of [0, 1.5, Number.NaN]) {
      await expect(node.findDuplicatesParallel([], {}, { threads })).rejects.toMatchObject({
        code: 'INVALID_OPTION',
      });
    }
    await expect(node.findDuplicatesParallel('text' as never)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    const quoting = quotingParagraphs(60).join('\n');
    const error = await node
      .findDuplicatesParallel([quoting], { maxPairs: 1000, passageParagraphs: 1000 }, { threads: 2 })
      .catch((e) => e);
    expect(error).toBeInstanceOf(built.NearDupError);
    expect(error.code).toBe('TOO_MANY_PAIRS');
  });

  it('works from CommonJS too, with the same report as findDuplicates', async () => {
    const docs = seedArticles();
    const script = `require('./dist/node.cjs').findDuplicatesParallel(JSON.parse(process.argv[1]), {}, { threads: 2 })
      .then((r) => process.stdout.write(JSON.stringify(r)))`;
    const out = execFileSync(process.execPath, ['-e', script, JSON.stringify(docs)], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(withoutTime(JSON.parse(out))).toEqual(withoutTime(await findDuplicates(docs)));
  });
});
