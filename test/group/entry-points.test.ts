// One Report, clusters and all, whichever way the documents come in: findDuplicates, a detector (find and
// findStream) and findDuplicatesParallel on worker threads.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { createDetector, findDuplicates, type Report } from '../../src/index.js';
import { boilerplateDocs, quotingDocs } from '../report/boilerplate.js';

const root = resolve(__dirname, '..', '..');
type NodeEntry = typeof import('../../src/node/index.js');
let node: NodeEntry;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
  node = await import(join(root, 'dist', 'node.js'));
});

const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });

/** Planted near copies and overlaps, licence boilerplate in 40 files, quotes, a passage in 12 files, copied files. */
function corpus(): { id: string; text: string }[] {
  const { documents } = generateCorpus({ paragraphs: 1500, seed: 11 });
  const passage = Array.from({ length: 42 }, (_, i) => `pass${i}q`).join(' ');
  const own = (d: number, count: number) => Array.from({ length: count }, (_, j) => `m${d}w${j}z`).join(' ');
  const passages = Array.from({ length: 12 }, (_, d) => ({
    id: `passage-${d}.txt`,
    text: `${own(d, 25)} ${passage} ${own(d + 100, 25)}`,
  }));
  const copied = [3, 3, 8].map((d, i) => ({ id: `copy-${i}.txt`, text: documents[d].text }));
  // 90 near variants of one paragraph (1–3 words substituted): clusters linked by one pair each.
  const base = Array.from({ length: 48 }, (_, i) => `base${i}w`);
  const variants = Array.from({ length: 90 }, (_, i) =>
    base.map((w, j) => (j % 16 === (i * 7) % 16 && j < 16 * (1 + (i % 3)) ? `v${i}j${j}x` : w)).join(' '),
  );
  const variantDocs = [0, 30, 60].map((from, d) => ({
    id: `variants-${d}.txt`,
    text: variants.slice(from, from + 30).join('\n\n'),
  }));
  return [
    ...documents,
    ...boilerplateDocs(40, 2),
    ...quotingDocs(3, 12),
    ...passages,
    ...copied,
    ...variantDocs,
  ];
}

describe('clusters, passages and document groups are the same from every entry point', () => {
  it('findDuplicates, detector.find, detector.findStream and findDuplicatesParallel', async () => {
    const docs = corpus();
    const expected = withoutTime(await findDuplicates(docs));
    // The corpus exercises every part of the grouping.
    expect(expected.clusters.filter((c) => c.kind === 'exact').length).toBeGreaterThan(2);
    expect(expected.clusters.filter((c) => c.kind === 'near').length).toBeGreaterThan(10);
    expect(expected.clusters.some((c) => c.members.length >= 80)).toBe(true);
    expect(expected.passages.map((p) => p.occurrences.length)).toContain(12);
    expect(expected.documentGroups.length).toBeGreaterThanOrEqual(2);
    expect(expected.pairs.some((p) => (p.memberPairs ?? 1) > 1)).toBe(true);
    expect(expected.pairs.some((p) => (p.linkedPairs ?? 1) > 3)).toBe(true);

    const detector = await createDetector();
    expect(withoutTime(detector.find(docs))).toEqual(expected);
    async function* stream() {
      yield* docs;
    }
    expect(withoutTime(await detector.findStream(stream()))).toEqual(expected);
    for (const threads of [1, 2]) {
      const parallel = await node.findDuplicatesParallel(docs, {}, { threads, chunkPairs: 53 });
      expect(withoutTime(parallel)).toEqual(expected);
    }
  }, 120_000);
});
