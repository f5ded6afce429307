import { beforeAll, describe, expect, it } from 'vitest';
import { createDetector, findDuplicates, type Report, renderJson, renderText } from '../../src/index.js';
import { seedArticles, wordsOf } from '../helpers.js';

const docs = seedArticles();
const textOf = Object.fromEntries(docs.map((d) => [d.id, d.text]));
let report: Report;

beforeAll(async () => {
  report = await findDuplicates(docs);
});

const within = (id: string) => report.pairs.filter((p) => p.a.doc === id && p.b.doc === id);
const across = () => report.pairs.filter((p) => p.a.doc !== p.b.doc);
const key = (p: { a: { paragraph: number }; b: { paragraph: number } }) =>
  `${p.a.paragraph}-${p.b.paragraph}`;

describe('seed articles, default options', () => {
  it('splits article-1 into 12 and article-2 into 10 paragraphs (one per line)', () => {
    expect(report.documents.map((d) => d.paragraphs.length)).toEqual([12, 10]);
    for (const doc of report.documents) {
      const lines = textOf[doc.id].split('\n');
      const sliced = doc.paragraphs.map((p) => textOf[doc.id].slice(p.start, p.end));
      expect(sliced).toEqual(lines.map((line) => line.trim()));
    }
  });

  it('finds exactly one block in article-1: paragraphs 3–7 ⇄ 8–12, each pair exact', () => {
    const blocks = report.blocks.filter((b) => b.a.doc === b.b.doc);
    expect(blocks).toEqual([
      {
        a: { doc: 'article-1', from: 2, to: 6 },
        b: { doc: 'article-1', from: 7, to: 11 },
        pairs: 5,
        jaccard: 1,
      },
    ]);
    const pairs = within('article-1');
    expect(pairs.map(key).sort()).toEqual(['2-7', '3-8', '4-9', '5-10', '6-11']);
    for (const pair of pairs) {
      expect(pair.kind).toBe('exact');
      expect(pair.jaccard).toBe(1);
      expect(pair.similarity).toBe(1);
      expect(pair.spans).toHaveLength(1);
      const [start, end] = pair.spans[0].a;
      const paragraph = report.documents[0].paragraphs[pair.a.paragraph];
      expect(wordsOf(textOf['article-1'], [start, end])).toBe(
        wordsOf(textOf['article-1'], [paragraph.start, paragraph.end]),
      );
    }
  });

  it('finds no pair inside article-2', () => {
    expect(within('article-2')).toEqual([]);
  });

  it('article-1 ¶4 (and its copy ¶9, the same text) overlap article-2 ¶6 and ¶7, and nothing else across', () => {
    // Report v2: an overlap with a paragraph that has exact copies is listed once, against the first copy,
    // and stands for the pairs of every copy (memberPairs).
    expect(
      across()
        .map((p) => `${key(p)}:${p.kind}×${p.memberPairs}`)
        .sort(),
    ).toEqual(['3-5:overlap×2', '3-6:overlap×2']);
  });

  it('groups each copied paragraph with its copy: five exact clusters, no passage, no document group', () => {
    expect(
      report.clusters.map((c) => [c.id, c.kind, c.minJaccard, c.members.map((m) => m.paragraph)]),
    ).toEqual([
      [0, 'exact', 1, [2, 7]],
      [1, 'exact', 1, [3, 8]],
      [2, 'exact', 1, [4, 9]],
      [3, 'exact', 1, [5, 10]],
      [4, 'exact', 1, [6, 11]],
    ]);
    for (const cluster of report.clusters) {
      expect(cluster.representative).toEqual({ doc: 'article-1', paragraph: cluster.members[0].paragraph });
      expect(cluster.members[1]).toEqual({
        doc: 'article-1',
        paragraph: cluster.members[0].paragraph + 5,
        jaccard: 1,
        copyOf: 0,
      });
    }
    expect(report.passages).toEqual([]);
    expect(report.documentGroups).toEqual([]);
  });

  it('reports the quoted passages with offsets that slice back to the words in both texts', () => {
    const expected: Record<number, string> = {
      5: 'stressing the importance of enhancing cooperation and coordination to confront these threats',
      6: 'readiness to fully coordinate with iraq to confront these groups',
    };
    for (const pair of across()) {
      const passage = expected[pair.b.paragraph];
      expect(pair.spans).toHaveLength(1);
      const [span] = pair.spans;
      expect(wordsOf(textOf[pair.a.doc], span.a)).toBe(passage);
      expect(wordsOf(textOf[pair.b.doc], span.b)).toBe(passage);
      expect(span.words).toBe(passage.split(' ').length);
      // The span lies inside the paragraphs it names.
      const pa = report.documents[0].paragraphs[pair.a.paragraph];
      const pb = report.documents[1].paragraphs[pair.b.paragraph];
      expect(span.a[0]).toBeGreaterThanOrEqual(pa.start);
      expect(span.a[1]).toBeLessThanOrEqual(pa.end);
      expect(span.b[0]).toBeGreaterThanOrEqual(pb.start);
      expect(span.b[1]).toBeLessThanOrEqual(pb.end);
    }
  });

  it('does not flag shared names or stock phrases', () => {
    const shared = report.pairs.flatMap((p) => p.spans.map((s) => wordsOf(textOf[p.a.doc], s.a)));
    for (const phrase of [
      "hay'at tahrir al sham",
      'chief hamid al shatri',
      'the security of the two countries',
    ]) {
      expect(shared.some((s) => s === phrase)).toBe(false);
    }
    // article-1 ¶7 (Hamid al-Shatri) and article-2 ¶8 share only names.
    expect(across().some((p) => p.a.paragraph === 6 || p.b.paragraph === 7)).toBe(false);
  });

  it('has the report shape of DESIGN.md and survives a JSON round trip', () => {
    expect(report.version).toBe(2);
    expect(report.stats).toMatchObject({ documents: 2, paragraphs: 22, pairs: report.pairs.length });
    // Candidates are pairs of distinct texts; the copies' pairs come from grouping, not from candidates.
    expect(report.stats.candidates).toBeGreaterThanOrEqual(
      report.pairs.filter((p) => p.kind === 'overlap').length,
    );
    expect(report.options).toMatchObject({
      threshold: 0.7,
      numHashes: 128,
      minOverlapWords: 10,
      bands: 20,
      rows: 5,
    });
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });

  it('lists pairs strongest first', () => {
    const rank = { exact: 0, near: 1, overlap: 2 };
    for (let i = 1; i < report.pairs.length; i++) {
      const [x, y] = [report.pairs[i - 1], report.pairs[i]];
      expect(rank[x.kind] < rank[y.kind] || (rank[x.kind] === rank[y.kind] && x.jaccard >= y.jaccard)).toBe(
        true,
      );
    }
  });

  it('renders a text report with 1-based paragraph numbers and quoted passages', () => {
    const text = renderText(report, textOf);
    expect(text).toContain('article-1:3 ¶3–7  ⇄  article-1:8 ¶8–12');
    expect(text).toContain('[overlap] article-1:4 ¶4  ⇄  article-2:6 ¶6');
    expect(text).toContain('“readiness to fully coordinate with Iraq to confront these groups”');
    expect(text).not.toContain('\x1b[');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(
      /^neardup: 2 document\(s\), 22 paragraph\(s\): 7 flagged pair\(s\) \(5 exact, 0 near, 2 overlap\) in 1 block\(s\), 5 cluster\(s\) of copies, [\d.]+ ms\. Lines and paragraph numbers are 1-based\.$/,
    );
    expect(renderText(report, textOf, { color: true })).toContain('\x1b[36m[overlap]\x1b[0m');
  });

  it('gives the same pairs for the documents in the other order, with a and b in input order', async () => {
    const reversed = await findDuplicates([...docs].reverse());
    const canonical = (r: Report) =>
      r.pairs
        .map((p) => [`${p.a.doc}#${p.a.paragraph}`, `${p.b.doc}#${p.b.paragraph}`].sort().join('~') + p.kind)
        .sort();
    expect(canonical(reversed)).toEqual(canonical(report));
    for (const p of reversed.pairs.filter((q) => q.a.doc !== q.b.doc)) expect(p.a.doc).toBe('article-2');
  });
});

describe('blocks across separators', () => {
  it('keeps one block when the copied section contains a paragraph without words', async () => {
    const section = [
      'The council met on Monday to discuss the budget for the coming year in detail.',
      'Members raised concerns about the cost of repairing the old bridge over the river.',
      '* * *',
      'A vote on the new library was postponed until the next meeting in the spring.',
      'The mayor thanked the volunteers who organised the summer festival in the park.',
    ].join('\n\n');
    const report = await findDuplicates([
      `Intro paragraph of one.\n\n${section}`,
      `${section}\n\nClosing words here.`,
    ]);
    expect(report.blocks).toEqual([
      { a: { doc: 'doc-1', from: 1, to: 5 }, b: { doc: 'doc-2', from: 0, to: 4 }, pairs: 4, jaccard: 1 },
    ]);
  });
});

describe('documents from a stream (findDuplicates on an iterable, detector.findStream)', () => {
  async function* slowly<T>(items: T[]): AsyncGenerator<T> {
    for (const item of items) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield item;
    }
  }
  const withoutTime = (r: Report) => ({ ...r, stats: { ...r.stats, ms: 0 } });

  it('gives the same report from an async generator, a Set and an array', async () => {
    const docs = seedArticles();
    const expected = withoutTime(await findDuplicates(docs));
    expect(withoutTime(await findDuplicates(slowly(docs)))).toEqual(expected);
    expect(withoutTime(await findDuplicates(new Set(docs)))).toEqual(expected);
    const detector = await createDetector();
    expect(withoutTime(await detector.findStream(slowly(docs)))).toEqual(expected);
  });

  it('rejects a bad document or a repeated id met mid-stream, naming its position', async () => {
    await expect(findDuplicates(slowly(['fine', 42 as unknown as string]))).rejects.toMatchObject({
      code: 'INVALID_DOCUMENT',
      message: expect.stringContaining('document 1 (0-based)'),
    });
    await expect(
      findDuplicates(
        slowly([
          { id: 'x', text: 'a' },
          { id: 'x', text: 'b' },
        ]),
      ),
    ).rejects.toMatchObject({
      code: 'DUPLICATE_ID',
    });
  });

  it('still rejects what is neither an array nor an iterable (a string is not a corpus)', async () => {
    for (const bad of ['just a string', 42, null, { text: 'x' }]) {
      await expect(findDuplicates(bad as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    const detector = await createDetector();
    await expect(detector.findStream(42 as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
