import type { Cluster, ClusterMember, Pair, PairSide } from '../types.js';
import type { ExactGroups } from './exact-groups.js';

/** A verified pair with the paragraph numbers it came from (p before q in input order). */
export interface NumberedPair {
  pair: Pair;
  p: number;
  q: number;
}

/** What clustering needs: the exact groups, verification of one more pair, and where a paragraph is. */
export interface ClusterInputs {
  exact: ExactGroups;
  /** Verifies (p, q), p < q: the Pair, or undefined when neither near nor overlapping. */
  verify(p: number, q: number): Pair | undefined;
  /** The exact pair of p and its copy q > p (what verify gives, built directly). */
  exactCopy(p: number, q: number): Pair;
  place(p: number): PairSide;
}

/** Clusters, each paragraph's cluster, and the pairs the Report lists. */
export interface Clustered {
  clusters: Cluster[];
  /** Per paragraph: its cluster's position in `clusters`, or -1 (in none). */
  clusterOf: Int32Array;
  /** Per cluster: its representative's paragraph number. */
  representatives: number[];
  pairs: NumberedPair[];
}

/**
 * Clusters from the verified pairs of exact-group representatives, with a guard against chaining: in
 * input order, a paragraph q joins the cluster of an earlier paragraph it is near only if its exact
 * Jaccard to that cluster's representative reaches the threshold (the representative is verified against
 * q when no candidate pair gave it), the best such cluster; otherwise q starts a cluster of its own. So
 * A~B, B~C, A≁C gives {A, B} and {C}, and the B–C pair stays listed as a near pair across clusters. Exact
 * copies join their representative's cluster with its Jaccard.
 *
 * The pairs listed: each cluster's representative with each other member (figures and spans against the
 * representative: one pair per member), near pairs across clusters, and overlaps across clusters; both
 * of the last kind once per pair of distinct texts, memberPairs counting the copies they stand for. The
 * other pairs inside a cluster are not listed.
 */
export function clusterPairs(found: readonly NumberedPair[], inputs: ClusterInputs): Clustered {
  const { exact, verify } = inputs;
  const total = exact.repOf.length;
  const span = total + 1;
  const nearPair = new Map<number, Pair>();
  const edges: NumberedPair[] = [];
  for (const f of found) {
    if (f.pair.kind === 'overlap') continue;
    nearPair.set(f.p * span + f.q, f.pair);
    edges.push(f);
  }
  edges.sort((x, y) => x.q - y.q || x.p - y.p);
  const cluster = new Int32Array(total).fill(-1); // per representative: its cluster number
  const reps: number[] = [];
  const joined = new Map<number, Pair>(); // near member → its pair with the cluster's representative
  const clusterOf = (p: number) => {
    if (cluster[p] < 0) cluster[p] = reps.push(p) - 1;
    return cluster[p];
  };
  for (let i = 0; i < edges.length; ) {
    const q = edges[i].q;
    const candidates = new Set<number>();
    for (; i < edges.length && edges[i].q === q; i++) candidates.add(clusterOf(edges[i].p));
    let best: { c: number; pair: Pair } | undefined;
    for (const c of [...candidates].sort((x, y) => reps[x] - reps[y])) {
      const r = reps[c];
      const pair = nearPair.get(r * span + q) ?? verify(r, q);
      if (pair?.kind === 'near' && (best === undefined || pair.jaccard > best.pair.jaccard))
        best = { c, pair };
    }
    if (best) {
      cluster[q] = best.c;
      joined.set(q, best.pair);
    } else {
      clusterOf(q);
    }
  }
  return listed(found, inputs, { cluster, reps, joined });
}

interface Assignment {
  cluster: Int32Array;
  reps: number[];
  joined: Map<number, Pair>;
}

/** The Report's clusters and pairs from the assignment of representatives to clusters. */
function listed(found: readonly NumberedPair[], inputs: ClusterInputs, at: Assignment): Clustered {
  const { exact, verify, exactCopy, place } = inputs;
  const { cluster, reps, joined } = at;
  const members: number[][] = reps.map((r) => [r]);
  for (const q of joined.keys()) members[cluster[q]].push(q);
  // Exact groups without near members are clusters too.
  for (const r of exact.copiesOf.keys()) {
    if (cluster[r] >= 0) continue;
    cluster[r] = reps.push(r) - 1;
    members[cluster[r]] = [r];
  }
  const pairs: NumberedPair[] = [];
  const order = reps.map((_, c) => c).sort((x, y) => reps[x] - reps[y]);
  const clusters: Cluster[] = [];
  const representatives: number[] = [];
  const clusterOf = new Int32Array(exact.repOf.length).fill(-1);
  for (const c of order) {
    const r = reps[c];
    const list: ClusterMember[] = [];
    const all: [number, number][] = []; // [paragraph, jaccard]
    let near = false;
    for (const m of members[c]) {
      const jaccard = m === r ? 1 : (joined.get(m)?.jaccard ?? 1);
      if (m !== r) {
        near = true;
        pairs.push({ pair: joined.get(m) as Pair, p: r, q: m });
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
  for (const f of found) {
    const x = cluster[f.p];
    if (x >= 0 && x === cluster[f.q]) continue; // inside a cluster: listed against the representative
    const stands = exact.size(f.p) * exact.size(f.q);
    pairs.push(stands > 1 ? { ...f, pair: { ...f.pair, memberPairs: stands } } : f);
  }
  return { clusters, clusterOf, representatives, pairs };
}
