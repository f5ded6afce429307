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
  const paragraph = (doc: string, index: number) => {
    const found = documents.find((d) => d.id === doc)?.paragraphs[index];
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
