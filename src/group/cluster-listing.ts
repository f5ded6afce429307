import type { Cluster, ClusterMember, Pair } from '../types.js';
import type { Assignment, Clustered, ClusterInputs, NumberedPair } from './cluster-inputs.js';

/**
 * The Report's clusters and pairs from the assignment: each cluster's representative with each other
 * member (figures and spans against the representative, one pair per member, exact copies included), and
 * one pair per link between two groups, with `memberPairs` (the copies of its own two paragraphs) and
 * `linkedPairs` (every pair of the link's kind found between the two groups) when it stands for more.
 */
export function listClusters(at: Assignment, inputs: ClusterInputs): Clustered {
  const { exact, verify, exactCopy, place } = inputs;
  const { cluster, reps, joined, links } = at;
  // Clusters with more than their representative: near members (in input order), or copies. The others
  // (a paragraph in no cluster is a cluster of one during clustering) are not listed.
  const members = new Map<number, number[]>();
  const listOf = (c: number) => {
    let list = members.get(c);
    if (list === undefined) {
      list = [reps[c]];
      members.set(c, list);
    }
    return list;
  };
  for (const q of joined.keys()) listOf(cluster[q]).push(q);
  for (const r of exact.copiesOf.keys()) {
    if (cluster[r] < 0) cluster[r] = reps.push(r) - 1;
    listOf(cluster[r]);
  }
  const pairs: NumberedPair[] = [];
  const order = [...members.keys()].sort((x, y) => reps[x] - reps[y]);
  const clusters: Cluster[] = [];
  const representatives: number[] = [];
  const clusterOf = new Int32Array(exact.repOf.length).fill(-1);
  for (const c of order) {
    const r = reps[c];
    const list: ClusterMember[] = [];
    const all: [number, number][] = []; // [paragraph, jaccard]
    let near = false;
    for (const m of members.get(c) as number[]) {
      const jaccard = m === r ? 1 : (joined.get(m) ?? 1);
      if (m !== r) {
        near = true;
        pairs.push({ pair: verifiedNear(verify, r, m), p: r, q: m });
      }
      all.push([m, jaccard]);
      for (const copy of exact.copiesOf.get(m) ?? []) {
        all.push([copy, jaccard]);
        const pair = m === r ? exactCopy(r, copy) : verify(r, copy);
        if (pair !== undefined) pairs.push({ pair, p: r, q: copy });
      }
    }
    if (all.length < 2) continue;
    all.sort((x, y) => x[0] - y[0]);
    const id = clusters.length;
    let minJaccard = 1;
    const position = new Map<number, number>(); // paragraph → its position in the list
    for (const [p, jaccard] of all) {
      const first = exact.repOf[p] === p ? undefined : position.get(exact.repOf[p]);
      position.set(p, list.length);
      list.push(first === undefined ? { ...place(p), jaccard } : { ...place(p), jaccard, copyOf: first });
      clusterOf[p] = id;
      minJaccard = Math.min(minJaccard, jaccard);
    }
    clusters.push({ id, kind: near ? 'near' : 'exact', representative: place(r), members: list, minJaccard });
    representatives.push(r);
  }
  for (const link of links.values()) {
    const { p, q, count } = link;
    const pair = link.pair ?? verifiedNear(verify, p, q);
    const copies = exact.size(p) * exact.size(q);
    pairs.push({
      p,
      q,
      pair: {
        ...pair,
        ...(copies > 1 && { memberPairs: copies }),
        ...(count > copies && { linkedPairs: count }),
      },
    });
  }
  return { clusters, clusterOf, representatives, pairs };
}

/** The full verification of a pair clustering found near (nearJaccard and verify agree on it). */
function verifiedNear(verify: ClusterInputs['verify'], p: number, q: number): Pair {
  const pair = verify(p, q);
  if (pair === undefined || pair.kind === 'overlap')
    throw new Error(`neardup: internal error: paragraphs ${p} and ${q} were near, verification disagrees`);
  return pair;
}
