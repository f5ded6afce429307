// What `neardup dedup` keeps, decided from the Report alone: which documents are dropped as copies
// (--level document) or which paragraphs are removed from each document (--level paragraph), and the
// group each decision came from, for --clusters.
import type { PairSide, Report } from '../types.js';
import type { DedupKeep, DedupLevel, DedupMatch } from './dedup-args.js';

/** A paragraph removed from a document: a copy of the paragraph kept, in group `group`. */
export interface Removal {
  paragraph: number;
  group: number;
  kept: PairSide;
}

/** One group of copies as --clusters writes it: the report's cluster or document group, and the copy kept. */
export interface PlannedGroup {
  /** The JSON object of the line, without its `kept` field. */
  value: object;
  kept: PairSide | string;
}

export interface DedupPlan {
  /** 1 for each document (by its position in report.documents) dropped whole as a copy. */
  dropped: Uint8Array;
  /** --level paragraph: each document's removed paragraphs (by position), in paragraph order. */
  removals: Map<number, Removal[]>;
  /** Groups with something removed, in report order. */
  groups: PlannedGroup[];
  /** Documents, or paragraphs, removed as copies. */
  removed: number;
}

/**
 * Decides what goes. Each group keeps one member: the first in input order (the representative), or with
 * --keep longest the one with the most words (the first of those). --level document --match whole reads
 * the clusters of a report made with paragraphs 'document' (one unit a document); --match paragraphs its
 * document groups; --level paragraph its clusters of paragraphs.
 */
export function planDedup(report: Report, level: DedupLevel, match: DedupMatch, keep: DedupKeep): DedupPlan {
  const position = new Map(report.documents.map((d, i) => [d.id, i]));
  const at = (doc: string) => position.get(doc) as number;
  const wordsOf = (side: PairSide) => report.documents[at(side.doc)].paragraphs[side.paragraph]?.words ?? 0;
  const docWords = (doc: string) => report.documents[at(doc)].paragraphs.reduce((sum, p) => sum + p.words, 0);
  const plan: DedupPlan = {
    dropped: new Uint8Array(report.documents.length),
    removals: new Map(),
    groups: [],
    removed: 0,
  };
  if (level === 'document' && match === 'paragraphs') {
    for (const group of report.documentGroups) {
      const kept = chooseKept(group.members, (m) => docWords(m.doc), keep).doc;
      for (const member of group.members) if (member.doc !== kept) drop(plan, at(member.doc));
      plan.groups.push({ value: group, kept });
    }
    return plan;
  }
  for (const cluster of report.clusters) {
    const kept = chooseKept(cluster.members, wordsOf, keep);
    if (level === 'document') {
      for (const member of cluster.members) if (member.doc !== kept.doc) drop(plan, at(member.doc));
      plan.groups.push({ value: wholeDocumentCluster(cluster), kept: kept.doc });
      continue;
    }
    for (const member of cluster.members) {
      if (member.doc === kept.doc && member.paragraph === kept.paragraph) continue;
      const d = at(member.doc);
      let list = plan.removals.get(d);
      if (list === undefined) {
        list = [];
        plan.removals.set(d, list);
      }
      list.push({
        paragraph: member.paragraph,
        group: cluster.id,
        kept: { doc: kept.doc, paragraph: kept.paragraph },
      });
      plan.removed++;
    }
    plan.groups.push({ value: cluster, kept: { doc: kept.doc, paragraph: kept.paragraph } });
  }
  for (const list of plan.removals.values()) list.sort((x, y) => x.paragraph - y.paragraph);
  return plan;
}

function drop(plan: DedupPlan, d: number): void {
  if (plan.dropped[d] === 1) return; // in two groups: dropped once
  plan.dropped[d] = 1;
  plan.removed++;
}

/** The member kept: the first, or the first of those with the most words. */
function chooseKept<T>(members: readonly T[], words: (member: T) => number, keep: DedupKeep): T {
  if (keep === 'first') return members[0];
  let best = members[0];
  let most = words(best);
  for (const member of members) {
    const w = words(member);
    if (w > most) {
      best = member;
      most = w;
    }
  }
  return best;
}

/** A cluster of whole documents (paragraphs 'document': every member is paragraph 0) as documents. */
function wholeDocumentCluster(cluster: Report['clusters'][number]): object {
  return {
    id: cluster.id,
    kind: cluster.kind,
    representative: cluster.representative.doc,
    members: cluster.members.map((m) => ({ doc: m.doc, jaccard: m.jaccard })),
    minJaccard: cluster.minJaccard,
  };
}

/** The --clusters file: one group a line, with the copy kept. */
export function* groupLines(plan: DedupPlan): Generator<string> {
  for (const group of plan.groups) yield `${JSON.stringify({ ...group.value, kept: group.kept })}\n`;
}
