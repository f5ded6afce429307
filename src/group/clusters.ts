import { GrowableUint32 } from '../util/grow.js';
import { sortByKey } from '../util/radix-sort.js';
import type { Assignment, Clustered, ClusterInputs } from './cluster-inputs.js';
import { ClusterLinks } from './cluster-links.js';
import { listClusters } from './cluster-listing.js';

export type { Clustered, ClusterInputs, NumberedPair } from './cluster-inputs.js';

/**
 * Clusters of the candidate pairs (keys p × total + q, p < q, ascending, among exact-group
 * representatives), and the pairs the Report lists (docs/groups.md). Candidates are settled in two passes:
 *
 * 1. Those the 32-bit filter lets through (mayBeNear), in the order of their later paragraph q: q joins the
 *    cluster of an earlier paragraph it was paired with only if its exact Jaccard to that cluster's
 *    representative reaches the threshold (the guard against chaining: A~B, B~C, A≁C gives {A, B} and
 *    {C}), the best such cluster; otherwise it starts one. Then each of its pairs across two groups (a
 *    group: a cluster, or a paragraph in none) that is near on the words is counted in the near link
 *    of those two groups. Pairs inside a cluster are not looked at: they are implied.
 * 2. The others (overlap candidates), between groups not linked as near: verified in full, counted in
 *    the overlap link of their groups.
 *
 * Only one pair per link is verified in full for listing (near) or kept (overlap); near pairs are counted
 * on their exact Jaccard alone, so K near variants of one paragraph cost one full verification per member
 * and per link, plus a merge of two shingle sets per candidate.
 */
export function clusterPairs(candidates: Float64Array, inputs: ClusterInputs): Clustered {
  const total = inputs.exact.repOf.length;
  // Per candidate: 0 waits for the overlap pass, 1 is settled, 2 is a near candidate that was not near.
  const state = new Uint8Array(candidates.length);
  const assigned = assign(candidates, total, state, inputs);
  overlapPass(candidates, total, state, assigned, inputs);
  return listClusters(assigned, inputs);
}

/** Pass 1: the near candidates, by their later paragraph (see clusterPairs). */
function assign(
  candidates: Float64Array,
  total: number,
  state: Uint8Array,
  inputs: ClusterInputs,
): Assignment {
  const { mayBeNear, nearJaccard, exact, onCandidate } = inputs;
  const later = new GrowableUint32();
  const index = new GrowableUint32();
  for (let i = 0; i < candidates.length; i++) {
    const p = Math.floor(candidates[i] / total);
    const q = candidates[i] - p * total;
    if (!mayBeNear(p, q)) continue;
    later.push(q);
    index.push(i);
  }
  const count = later.length;
  const laterOf = later.view();
  const indexes = index.view();
  // Stable: the candidates of one q stay in the order of their p.
  sortByKey(laterOf, indexes, count, new Uint32Array(0));
  const cluster = new Int32Array(total).fill(-1);
  const reps: number[] = [];
  const joined = new Map<number, number>();
  const links = new ClusterLinks(total);
  const clusterOf = (p: number) => {
    if (cluster[p] < 0) cluster[p] = reps.push(p) - 1;
    return cluster[p];
  };
  const pairsOf = (p: number, q: number) => exact.size(p) * exact.size(q);
  for (let s = 0; s < count; ) {
    const q = laterOf[s];
    let e = s;
    while (e < count && laterOf[e] === q) e++;
    const tried = new Set<number>();
    for (let k = s; k < e; k++) tried.add(clusterOf(Math.floor(candidates[indexes[k]] / total)));
    // The representatives compared with q, with q's exact Jaccard to each (undefined: not near).
    const compared = new Map<number, number | undefined>();
    let best = -1;
    let bestJaccard = 0;
    for (const c of [...tried].sort((x, y) => reps[x] - reps[y])) {
      const jaccard = nearJaccard(reps[c], q);
      compared.set(reps[c], jaccard);
      if (jaccard !== undefined && jaccard > bestJaccard) {
        best = c;
        bestJaccard = jaccard;
      }
    }
    if (best >= 0) {
      cluster[q] = best;
      joined.set(q, bestJaccard);
    } else {
      clusterOf(q);
    }
    for (let k = s; k < e; k++) {
      const i = indexes[k];
      const p = Math.floor(candidates[i] / total);
      onCandidate?.();
      if (cluster[p] === cluster[q]) {
        state[i] = 1;
        continue;
      }
      const jaccard = compared.has(p) ? compared.get(p) : nearJaccard(p, q);
      compared.delete(p);
      if (jaccard === undefined) {
        state[i] = 2;
        continue;
      }
      links.addNear(cluster[p], cluster[q], p, q, jaccard, pairsOf(p, q));
      state[i] = 1;
    }
    // Representatives compared with q that were not its candidates: their near pairs are found pairs too.
    for (const [r, jaccard] of compared) {
      if (jaccard !== undefined && cluster[r] !== cluster[q])
        links.addNear(cluster[r], cluster[q], r, q, jaccard, pairsOf(r, q));
    }
    s = e;
  }
  return { cluster, reps, joined, links };
}

/**
 * Pass 2: the candidates left (overlap candidates, and near candidates that were not near), verified in
 * full unless both paragraphs are in one cluster or their groups are linked as near. A paragraph in no
 * cluster yet is a group of its own: a cluster of one (listed only if it has exact copies).
 */
function overlapPass(
  candidates: Float64Array,
  total: number,
  state: Uint8Array,
  assigned: Assignment,
  inputs: ClusterInputs,
): void {
  const { verify, exact, onOverlap, onCandidate } = inputs;
  const { cluster, reps, links } = assigned;
  const unit = (p: number) => {
    if (cluster[p] < 0) cluster[p] = reps.push(p) - 1;
    return cluster[p];
  };
  for (let i = 0; i < candidates.length; i++) {
    if (state[i] === 1) continue;
    if (state[i] === 0) onCandidate?.();
    const p = Math.floor(candidates[i] / total);
    const q = candidates[i] - p * total;
    const u = unit(p);
    const v = unit(q);
    if (u === v || links.isNear(u, v)) continue;
    const pair = verify(p, q);
    if (pair === undefined) continue;
    const pairs = exact.size(p) * exact.size(q);
    if (pair.kind === 'overlap') {
      onOverlap?.();
      links.addOverlap(u, v, p, q, pair, pairs);
    } else {
      // Near on its words although its 32-bit shingle sets were not (collisions): near all the same.
      links.addNear(u, v, p, q, pair.jaccard, pairs, pair);
    }
  }
}
