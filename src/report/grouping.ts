// What the renderers share about a version 2 report's groups: which pairs a cluster stands for, which
// clusters a document group already says, and the sentences that describe a document group.
import type {
  Block,
  Cluster,
  DocumentGroup,
  DocumentGroupMember,
  Pair,
  PairSide,
  ParagraphInfo,
  Report,
} from '../types.js';

/** Members (or occurrences) listed by name before the rest are counted ("… and 1,990 more"). */
export const LISTED_MEMBERS = 8;

/** The clusters, passages and document groups of a report, looked up once for a renderer. */
export class ReportGroups {
  /** Pairs whose two paragraphs are in one cluster: the cluster shows them, once. */
  readonly clusterPairs = new Set<Pair>();
  /** Exact clusters whose members all sit in the documents of one document group (which says it all). */
  readonly coveredClusters = new Set<number>();
  /** The document group of each document in one. */
  readonly groupOf = new Map<string, DocumentGroup>();
  private readonly clusterOfPlace = new Map<string, number>();
  private readonly paragraphsOf: Map<string, ParagraphInfo[]>;
  private readonly covered = new Map<DocumentGroup, number>();

  constructor(readonly report: Report) {
    this.paragraphsOf = new Map(report.documents.map((d) => [d.id, d.paragraphs]));
    for (const cluster of report.clusters ?? []) {
      for (const m of cluster.members) this.clusterOfPlace.set(placeKey(m), cluster.id);
    }
    for (const pair of report.pairs) {
      const a = this.clusterOfPlace.get(placeKey(pair.a));
      if (a !== undefined && a === this.clusterOfPlace.get(placeKey(pair.b))) this.clusterPairs.add(pair);
    }
    for (const group of report.documentGroups ?? []) {
      for (const m of group.members) this.groupOf.set(m.doc, group);
    }
    for (const cluster of report.clusters ?? []) {
      if (cluster.kind !== 'exact') continue;
      const group = this.groupOf.get(cluster.members[0].doc);
      if (group && cluster.members.every((m) => this.groupOf.get(m.doc) === group)) {
        this.coveredClusters.add(cluster.id);
        this.covered.set(group, (this.covered.get(group) ?? 0) + 1);
      }
    }
  }

  /** A paragraph's offsets and words, if the report lists it. */
  paragraph(doc: string, index: number): ParagraphInfo | undefined {
    return this.paragraphsOf.get(doc)?.[index];
  }

  /** A document's paragraphs with words. */
  wordParagraphs(doc: string): number {
    return this.paragraphsOf.get(doc)?.filter((p) => p.words > 0).length ?? 0;
  }

  /** The cluster a paragraph is a member of, if any. */
  clusterOf(side: PairSide): Cluster | undefined {
    const id = this.clusterOfPlace.get(placeKey(side));
    return id === undefined ? undefined : this.report.clusters[id];
  }

  /** Whether both documents are in one document group (their blocks say nothing the group does not). */
  sameGroup(a: string, b: string): boolean {
    const group = this.groupOf.get(a);
    return group !== undefined && group === this.groupOf.get(b);
  }

  /** The clusters a renderer lists: those no document group already accounts for. */
  listedClusters(): Cluster[] {
    return (this.report.clusters ?? []).filter((c) => !this.coveredClusters.has(c.id));
  }

  /** Exact clusters a group accounts for, by group id (said on the group's line instead). */
  coveredBy(group: DocumentGroup): number {
    let n = 0;
    for (const id of this.coveredClusters)
      if (this.groupOf.get(this.report.clusters[id].members[0].doc) === group) n++;
    return n;
  }
}

function placeKey(side: PairSide): string {
  return `${side.paragraph}\u0000${side.doc}`;
}

/** Distinct documents among places. */
export function documentCount(places: readonly PairSide[]): number {
  return new Set(places.map((p) => p.doc)).size;
}

/** "a", "a and b", "a, b and c" (names already escaped by the caller). */
export function andList(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** 1234567 → "1,234,567" (the same on every locale). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * What a listed pair stands for beside itself, in words, or '' when nothing: the pairs between its two
 * clusters (linkedPairs; a paragraph in no cluster is a cluster of its own here), else its copies' pairs.
 */
export function standsFor(pair: Pair): string {
  if (pair.linkedPairs !== undefined && pair.linkedPairs > 1) {
    const kind = pair.kind === 'overlap' ? 'overlapping' : 'near';
    return `for ${thousands(pair.linkedPairs)} ${kind} pairs between their clusters`;
  }
  if (pair.memberPairs !== undefined && pair.memberPairs > 1)
    return `for ${thousands(pair.memberPairs)} pairs of their copies`;
  return '';
}

/** "1 copy", "3 copies". */
export function copies(n: number): string {
  return `${thousands(n)} ${n === 1 ? 'copy' : 'copies'}`;
}

/** "1 paragraph", "3 paragraphs". */
export function plural(n: number, noun: string): string {
  return `${thousands(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * How a member of a document group differs from the representative `rep` (a name as the caller shows
 * it): "an exact copy of a.md", or "a.md with 2 paragraphs changed and 1 added".
 */
export function memberSentence(member: DocumentGroupMember, rep: string): string {
  const difference = memberDifference(member);
  return difference === undefined ? `an exact copy of ${rep}` : `${rep} with ${difference}`;
}

function memberDifference(member: DocumentGroupMember): string | undefined {
  const parts: string[] = [];
  if (member.near > 0) parts.push(`${plural(member.near, 'paragraph')} changed`);
  if (member.added > 0)
    parts.push(
      parts.length === 0 ? `${plural(member.added, 'paragraph')} added` : `${thousands(member.added)} added`,
    );
  if (member.removed > 0) {
    parts.push(
      parts.length === 0
        ? `${plural(member.removed, 'paragraph')} removed`
        : `${thousands(member.removed)} removed`,
    );
  }
  return parts.length === 0 ? undefined : andList(parts);
}

/** What a cluster is, in words: "this paragraph appears 230 times in 230 documents". */
export function clusterHeadline(cluster: Cluster): string {
  const n = cluster.members.length;
  const docs = documentCount(cluster.members);
  const where = docs === 1 ? 'in one document' : `in ${thousands(docs)} documents`;
  if (cluster.kind === 'exact') {
    return n === docs
      ? `this paragraph appears ${where}`
      : `this paragraph appears ${thousands(n)} times ${where}`;
  }
  return `this paragraph and ${copies(n - 1).replace(' ', ' near ')} ${where}, Jaccard ${cluster.minJaccard.toFixed(2)} or more to it`;
}

/**
 * Blocks in runs to show on one line each: blocks made only of pairs inside clusters that start from the
 * same range (one range copied to many places) share a run; every other block is a run of its own.
 */
export function foldBlocks(
  blocks: readonly Block[],
  members: ReadonlyMap<Block, Pair[]>,
  groups: ReportGroups,
): Block[][] {
  const runs: Block[][] = [];
  const byRange = new Map<string, Block[]>();
  for (const block of blocks) {
    const pairs = members.get(block) ?? [];
    if (pairs.length === 0 || !pairs.every((p) => groups.clusterPairs.has(p))) {
      runs.push([block]);
      continue;
    }
    const key = `${block.a.from}\u0000${block.a.to}\u0000${block.a.doc}`;
    const run = byRange.get(key);
    if (run) run.push(block);
    else {
      const fresh = [block];
      byRange.set(key, fresh);
      runs.push(fresh);
    }
  }
  return runs;
}
