// The lasting index reports clusters, repeated passages and document groups as findDuplicates does:
// addAndCheck's Report, and check(), which gives that Report without adding (the cluster a new paragraph joins).
import { describe, expect, it } from 'vitest';
import { createIndex, findDuplicates, loadIndex, type Report } from '../../src/index.js';
import { boilerplateDocs } from '../report/boilerplate.js';

const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });

/** 60 distinct words, and the same with the words at `positions` replaced. */
const BASE = Array.from({ length: 60 }, (_, i) => `w${i}x`);
const substitute = (words: readonly string[], positions: number[], tag: string) =>
  words.map((w, i) => (positions.includes(i) ? `${tag}${i}` : w));

describe('clusters from the lasting index', () => {
  it('a new copy of indexed boilerplate joins its cluster: one pair against the representative, not one per copy', async () => {
    const files = boilerplateDocs(21);
    const index = await createIndex();
    index.add(files.slice(0, 20));
    const newcomer = files[20];
    const checked = index.check([newcomer]);
    const report = index.addAndCheck([newcomer]);
    expect(withoutTime(checked)).toEqual(withoutTime(report));
    // Two licence paragraphs: two exact clusters of 21 members each, pkg-0 the representative.
    expect(report.clusters.map((c) => [c.kind, c.representative.doc, c.members.length])).toEqual([
      ['exact', 'pkg-0/copyright', 21],
      ['exact', 'pkg-0/copyright', 21],
    ]);
    const last = report.clusters[0].members.at(-1);
    expect(last).toEqual({ doc: 'pkg-20/copyright', paragraph: 0, jaccard: 1, copyOf: 0 });
    expect(report.pairs.map((p) => `${p.a.doc}¶${p.a.paragraph} ${p.b.doc}¶${p.b.paragraph}`)).toEqual([
      'pkg-0/copyright¶0 pkg-20/copyright¶0',
      'pkg-0/copyright¶1 pkg-20/copyright¶1',
    ]);
    // The clusters with the new document are those findDuplicates gives over all 21 files.
    const all = await findDuplicates(files);
    expect(report.clusters).toEqual(all.clusters);
    expect(report.documentGroups).toEqual([]); // each file has a line of its own: 2 of 3 paragraphs shared
    expect(withoutTime(index.report())).toEqual(withoutTime(all));
  });

  it('check() adds nothing and refuses an indexed id unless replace', async () => {
    const index = await createIndex();
    index.add([{ id: 'A', text: BASE.join(' ') }]);
    const draft = { id: 'B', text: substitute(BASE, [15, 40], 'b').join(' ') };
    const checked = index.check([draft, 'an unnamed draft']);
    expect(checked.clusters.map((c) => c.members.map((m) => m.doc))).toEqual([['A', 'B']]);
    // Named as add would name it (the third document), reserving nothing.
    expect(checked.documents.map((d) => d.id)).toEqual(['A', 'B', 'doc-3']);
    expect(index.ids()).toEqual(['A']);
    expect(index.query(draft)).toEqual(checked.pairs.filter((p) => p.b.doc === 'B'));
    expect(() => index.check([{ id: 'A', text: 'x' }])).toThrow(/already/);
    const replaced = index.check([{ id: 'A', text: draft.text }], { replace: true });
    expect(replaced.clusters).toEqual([]);
    expect(() => index.check('A' as never)).toThrow(/^neardup: check\(\) takes an array of documents/);
    index.add([draft, 'an unnamed draft']);
    expect(index.ids()).toEqual(['A', 'B', 'doc-3']);
  });

  it('the chaining guard holds across batches: A, B indexed (A~B); C~B, C≁A starts no cluster with them', async () => {
    const A = BASE;
    const B = substitute(A, [15, 40], 'b');
    const C = substitute(B, [5, 28, 50], 'c');
    const index = await createIndex();
    index.add([
      { id: 'A', text: A.join(' ') },
      { id: 'B', text: B.join(' ') },
    ]);
    const report = index.addAndCheck([{ id: 'C', text: C.join(' ') }]);
    expect(report.clusters.map((c) => c.members.map((m) => m.doc))).toEqual([]);
    // One pair between the group {A, B} and C: their near pair B–C (the A–C overlap is not listed beside it).
    expect(report.pairs.map((p) => `${p.a.doc}-${p.b.doc}:${p.kind}`)).toEqual(['B-C:near']);
    expect(index.report().clusters.map((c) => c.members.map((m) => m.doc))).toEqual([['A', 'B']]);
  });

  it('a new member of an indexed cluster brings the pair listed between that cluster and another', async () => {
    // {A, B} and C, linked by B–C; N joins {A, B} (near A), and N–C is only an overlap.
    const A = BASE;
    const B = substitute(A, [15, 40], 'b');
    const C = substitute(B, [5, 28, 50], 'c');
    const N = substitute(A, [58], 'n');
    const docs = [A, B, C, N].map((words, i) => ({ id: 'ABCN'[i], text: words.join(' ') }));
    const index = await createIndex();
    index.add(docs.slice(0, 3));
    const report = index.check([docs[3]]);
    expect(report.clusters.map((c) => c.members.map((m) => m.doc))).toEqual([['A', 'B', 'N']]);
    expect(report.pairs.map((p) => `${p.a.doc}-${p.b.doc}:${p.kind}`)).toEqual(['A-N:near', 'B-C:near']);
    // As findDuplicates lists them over all four, less A–B (inside the cluster, no side in N).
    const all = await findDuplicates(docs);
    expect(report.pairs).toEqual(all.pairs.filter((p) => `${p.a.doc}-${p.b.doc}` !== 'A-B'));
  });

  it('a repeated passage in indexed documents and a new one: one passage, its occurrences in both', async () => {
    const passage = Array.from({ length: 42 }, (_, i) => `pass${i}q`).join(' ');
    const own = (d: number) => Array.from({ length: 30 }, (_, j) => `d${d}w${j}z`).join(' ');
    const docs = Array.from({ length: 13 }, (_, d) => ({
      id: `n${d}`,
      text: `${own(d)} ${passage} ${own(d + 50)}`,
    }));
    const index = await createIndex();
    index.add(docs.slice(0, 12));
    const report = index.addAndCheck([docs[12]]);
    expect(report.pairs).toEqual([]);
    expect(report.passages.map((p) => [p.words, p.occurrences.length])).toEqual([[42, 13]]);
    expect(report.passages).toEqual((await findDuplicates(docs)).passages);
  });

  it('a saved and loaded index checks the same, document groups included', async () => {
    const files = boilerplateDocs(6).map((f) => ({ ...f, text: f.text.replace(/Files: .*\n/, '') }));
    const index = await createIndex();
    index.add(files.slice(0, 5));
    const loaded = await loadIndex(index.save());
    const report = loaded.addAndCheck([files[5]]);
    expect(withoutTime(report)).toEqual(withoutTime(index.addAndCheck([files[5]])));
    expect(report.documentGroups.map((g) => [g.kind, g.members.length])).toEqual([['exact', 6]]);
  });
});
