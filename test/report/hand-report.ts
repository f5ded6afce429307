// Version 2 reports built by hand (clusters, repeated passages, document groups), for testing renderers
// and `neardup dedup` independently of the grouping that makes them.
import { resolveOptions, splitParagraphs } from '../../src/index.js';
import type {
  Cluster,
  DocumentGroup,
  Pair,
  ParagraphMode,
  RepeatedPassage,
  Report,
} from '../../src/types.js';

/** [doc, paragraph, jaccard to the representative]; the first member is the representative. */
export type Member = [doc: string, paragraph: number, jaccard?: number];

export interface HandReport {
  docs: { id: string; text: string }[];
  clusters?: { kind: 'exact' | 'near'; members: Member[] }[];
  /** Each occurrence as [doc, paragraph, the passage's text] (its span is found in the paragraph). */
  passages?: [doc: string, paragraph: number, passage: string][][];
  documentGroups?: Omit<DocumentGroup, 'id'>[];
  /** Further pairs (overlaps, near pairs across clusters). */
  pairs?: Pair[];
  paragraphs?: ParagraphMode;
}

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;

/**
 * The report: documents split as the library splits them, the clusters given (with a pair from the
 * representative to each other member, its one span the whole paragraph), passages, groups and pairs.
 */
export function handReport(spec: HandReport): { report: Report; texts: Map<string, string> } {
  const mode = spec.paragraphs ?? 'auto';
  const documents = spec.docs.map((d) => ({
    id: d.id,
    paragraphs: splitParagraphs(d.text, mode).map((p) => ({
      ...p,
      words: words(d.text.slice(p.start, p.end)),
    })),
  }));
  const byId = new Map(documents.map((d) => [d.id, d]));
  const paragraph = (doc: string, index: number) => {
    const found = byId.get(doc)?.paragraphs[index];
    if (!found) throw new Error(`no paragraph ${index} in ${doc}`);
    return found;
  };
  const pairs: Pair[] = [];
  const clusters: Cluster[] = (spec.clusters ?? []).map((c, id) => {
    const members = c.members.map(([doc, p, jaccard = c.kind === 'exact' ? 1 : 0.8], i) => ({
      doc,
      paragraph: p,
      jaccard: i === 0 ? 1 : jaccard,
    }));
    const [rep] = members;
    const a = paragraph(rep.doc, rep.paragraph);
    for (const m of members.slice(1)) {
      const b = paragraph(m.doc, m.paragraph);
      pairs.push({
        a: { doc: rep.doc, paragraph: rep.paragraph },
        b: { doc: m.doc, paragraph: m.paragraph },
        kind: m.jaccard === 1 && c.kind === 'exact' ? 'exact' : 'near',
        jaccard: m.jaccard,
        containment: m.jaccard,
        similarity: m.jaccard,
        spans: [{ a: [a.start, a.end], b: [b.start, b.end], words: Math.min(a.words, b.words) }],
      });
    }
    return {
      id,
      kind: c.kind,
      representative: { doc: rep.doc, paragraph: rep.paragraph },
      members,
      minJaccard: Math.min(...members.map((m) => m.jaccard)),
    };
  });
  const texts = new Map(spec.docs.map((d) => [d.id, d.text]));
  const passages: RepeatedPassage[] = (spec.passages ?? []).map((occurrences) => ({
    words: words(occurrences[0][2]),
    occurrences: occurrences.map(([doc, p, passage]) => {
      const info = paragraph(doc, p);
      const start = (texts.get(doc) ?? '').indexOf(passage, info.start);
      if (start < 0 || start + passage.length > info.end) throw new Error(`passage not in ${doc} ¶${p}`);
      return { doc, paragraph: p, span: [start, start + passage.length] as [number, number] };
    }),
  }));
  pairs.push(...(spec.pairs ?? []));
  const report: Report = {
    version: 2,
    options: resolveOptions({ paragraphs: mode }).resolved,
    documents,
    pairs,
    blocks: [],
    clusters,
    passages,
    documentGroups: (spec.documentGroups ?? []).map((g, id) => ({ id, ...g })),
    stats: {
      documents: documents.length,
      paragraphs: documents.reduce((n, d) => n + d.paragraphs.length, 0),
      candidates: pairs.length,
      pairs: pairs.length,
      ms: 1,
    },
  };
  return { report, texts };
}

export const GRANT =
  'Permission is hereby granted, free of charge, to any person obtaining a copy of this software.';
export const NOTICE =
  'The above copyright notice and this permission notice shall be included in all copies.';
export const QUOTE =
  'the ministers stressed the importance of enhancing cooperation and coordination to confront threats';

/**
 * `files` licence files sharing two paragraphs (two exact clusters) and a quoted passage (a repeated
 * passage), blocks from the first file's range to each other file's; plus two byte-identical files
 * (an exact document group) and two near copies (a near document group with one near cluster).
 */
export function groupedCorpus(files: number): { report: Report; texts: Map<string, string> } {
  const docs = Array.from({ length: files }, (_, i) => ({
    id: `pkg-${i}/copyright`,
    text: `Format: https://example.org/${i}\n\n${GRANT}\n\n${NOTICE}\n\nFiles of package ${i}: ${QUOTE} in ${i}.\n\nLast words of ${i}.`,
  }));
  docs.push(
    { id: 'libc-bin', text: 'Alpha paragraph one here.\n\nBeta paragraph two here.' },
    { id: 'libc6', text: 'Alpha paragraph one here.\n\nBeta paragraph two here.' },
    { id: 'a.md', text: 'Gamma one two three four.\n\nDelta five six seven.' },
    { id: 'b.md', text: 'Gamma one two three four five.\n\nDelta five six seven.\n\nNew one.' },
  );
  const licences = docs.slice(0, files);
  const built = handReport({
    docs,
    clusters: [
      { kind: 'exact', members: licences.map((d): Member => [d.id, 1]) },
      { kind: 'exact', members: licences.map((d): Member => [d.id, 2]) },
      {
        kind: 'exact',
        members: [
          ['libc-bin', 0],
          ['libc6', 0],
        ],
      },
      {
        kind: 'exact',
        members: [
          ['libc-bin', 1],
          ['libc6', 1],
        ],
      },
      {
        kind: 'near',
        members: [
          ['a.md', 0],
          ['b.md', 0, 0.75],
        ],
      },
      {
        kind: 'exact',
        members: [
          ['a.md', 1],
          ['b.md', 1],
        ],
      },
    ],
    passages: [licences.map((d): [string, number, string] => [d.id, 3, QUOTE])],
    documentGroups: [
      {
        kind: 'exact',
        representative: 'libc-bin',
        members: ['libc-bin', 'libc6'].map((doc) => ({ doc, exact: 2, near: 0, added: 0, removed: 0 })),
      },
      {
        kind: 'near',
        representative: 'a.md',
        members: [
          { doc: 'a.md', exact: 2, near: 0, added: 0, removed: 0 },
          { doc: 'b.md', exact: 1, near: 1, added: 1, removed: 0 },
        ],
      },
    ],
  });
  built.report.blocks = [
    ...licences.slice(1).map((d) => ({
      a: { doc: licences[0].id, from: 1, to: 2 },
      b: { doc: d.id, from: 1, to: 2 },
      pairs: 2,
      jaccard: 1,
    })),
    { a: { doc: 'libc-bin', from: 0, to: 1 }, b: { doc: 'libc6', from: 0, to: 1 }, pairs: 2, jaccard: 1 },
  ];
  built.report.stats.paragraphs = built.report.documents.reduce((n, d) => n + d.paragraphs.length, 0);
  return built;
}

/**
 * The report without its groups (clusters, repeated passages, document groups): every pair is then shown
 * as a pair, as renderers show pairs outside clusters (near pairs across clusters, overlaps). Tests of the
 * pair lines use it since the library groups exact and near copies into clusters (Report version 2).
 */
export function pairsOnly(report: Report): Report {
  return { ...report, clusters: [], passages: [], documentGroups: [] };
}
