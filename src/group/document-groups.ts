import type { DocumentGroup, DocumentGroupMember } from '../types.js';
import { NO_GROUP } from './exact-groups.js';

/** What document grouping reads of a detection, per paragraph (global numbers) and per document. */
export interface DocumentGroupInputs {
  /** Per paragraph: its document's index. */
  docOf: Uint32Array;
  /** Per paragraph: its exact group's representative, or NO_GROUP when it has nothing to compare. */
  repOf: Uint32Array;
  /** Per paragraph: its cluster's position in report.clusters, or -1. */
  clusterOf: Int32Array;
  /** Per cluster: its representative paragraph. */
  clusterReps: readonly number[];
  docIds: readonly string[];
  /** The share of each document's paragraphs that must have a counterpart in the other (documentShare). */
  share: number;
}

/** Representative documents a document is compared with, at most: the ones sharing the most clusters. */
const CANDIDATES = 8;

/**
 * Documents that are copies of one another. In input order, a document joins the group of an earlier
 * document's representative when at least `share` of its paragraphs (those with words to compare) are
 * in a cluster with a paragraph of that representative, and at least `share` of the representative's are
 * in a cluster with one of its (the best such group: the highest lower share); otherwise it starts a
 * group of its own. As for clusters, it is compared with the representative, never chained through a
 * member. The representatives tried are those of the groups holding the representatives of its
 * paragraphs' clusters (at most 8, most clusters first), so a cluster of K copies costs K, not K².
 */
export function documentGroups(inputs: DocumentGroupInputs): DocumentGroup[] {
  const { docOf, repOf, clusterOf, clusterReps, docIds, share } = inputs;
  const paragraphsOf: number[][] = docIds.map(() => []);
  for (let p = 0; p < docOf.length; p++) if (repOf[p] !== NO_GROUP) paragraphsOf[docOf[p]].push(p);
  const profiles: (Profile | undefined)[] = [];
  const profile = (d: number) => {
    profiles[d] ??= profileOf(paragraphsOf[d], repOf, clusterOf);
    return profiles[d];
  };
  const groupOf = new Int32Array(docIds.length).fill(-1);
  const groups: { rep: number; members: DocumentGroupMember[]; exact: boolean }[] = [];
  for (let e = 0; e < docIds.length; e++) {
    const mine = paragraphsOf[e];
    if (mine.length === 0) continue;
    const tally = new Map<number, number>();
    for (const p of mine) {
      const c = clusterOf[p];
      if (c < 0) continue;
      const d = docOf[clusterReps[c]];
      if (d >= e || groupOf[d] < 0) continue;
      const r = groups[groupOf[d]].rep;
      tally.set(r, (tally.get(r) ?? 0) + 1);
    }
    const tried = [...tally].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, CANDIDATES);
    let best: { r: number; member: DocumentGroupMember; lower: number } | undefined;
    for (const [r] of tried) {
      const member = compare(e, mine, profile(e), paragraphsOf[r], profile(r), inputs);
      const ours = (member.exact + member.near) / mine.length;
      const theirs = (paragraphsOf[r].length - member.removed) / paragraphsOf[r].length;
      const lower = Math.min(ours, theirs);
      if (ours >= share && theirs >= share && (best === undefined || lower > best.lower))
        best = { r, member, lower };
    }
    if (best === undefined) {
      groupOf[e] = groups.length;
      const member = { doc: docIds[e], exact: mine.length, near: 0, added: 0, removed: 0 };
      groups.push({ rep: e, members: [member], exact: true });
      continue;
    }
    const group = groups[groupOf[best.r]];
    groupOf[e] = groupOf[best.r];
    group.members.push(best.member);
    group.exact &&= sameSequence(mine, paragraphsOf[best.r], repOf);
  }
  const out: DocumentGroup[] = [];
  for (const group of groups) {
    if (group.members.length < 2) continue;
    out.push({
      id: out.length,
      kind: group.exact ? 'exact' : 'near',
      representative: docIds[group.rep],
      members: group.members,
    });
  }
  return out;
}

/** A document's clusters and the exact groups of its paragraphs. */
interface Profile {
  clusters: Set<number>;
  exact: Set<number>;
}

function profileOf(paragraphs: readonly number[], repOf: Uint32Array, clusterOf: Int32Array): Profile {
  const profile: Profile = { clusters: new Set(), exact: new Set() };
  for (const p of paragraphs) {
    profile.exact.add(repOf[p]);
    if (clusterOf[p] >= 0) profile.clusters.add(clusterOf[p]);
  }
  return profile;
}

/** Document e against a representative: its paragraphs with an exact or near counterpart, and the rest. */
function compare(
  e: number,
  mine: readonly number[],
  ours: Profile,
  theirs: readonly number[],
  rep: Profile,
  { repOf, clusterOf, docIds }: DocumentGroupInputs,
): DocumentGroupMember {
  let exact = 0;
  let near = 0;
  for (const p of mine) {
    if (rep.exact.has(repOf[p])) exact++;
    else if (clusterOf[p] >= 0 && rep.clusters.has(clusterOf[p])) near++;
  }
  let removed = 0;
  for (const p of theirs) if (!(clusterOf[p] >= 0 && ours.clusters.has(clusterOf[p]))) removed++;
  return { doc: docIds[e], exact, near, added: mine.length - exact - near, removed };
}

/** Whether two documents' paragraphs are the same texts in the same order. */
function sameSequence(a: readonly number[], b: readonly number[], repOf: Uint32Array): boolean {
  return a.length === b.length && a.every((p, i) => repOf[p] === repOf[b[i]]);
}
