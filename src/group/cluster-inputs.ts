// What clustering reads (its inputs) and gives (the clusters and the pairs listed), shared by its passes.
import type { Cluster, Pair, PairSide } from '../types.js';
import type { ClusterLinks } from './cluster-links.js';
import type { ExactGroups } from './exact-groups.js';

/** A verified pair with the paragraph numbers it came from (p before q in input order). */
export interface NumberedPair {
  pair: Pair;
  p: number;
  q: number;
}

/**
 * What clustering needs: the exact groups, the near test and verification of any pair p < q, and where a
 * paragraph is. `nearJaccard` and `verify` must agree (verify gives a near or exact Pair exactly when
 * nearJaccard gives a number, with that Jaccard, for pairs mayBeNear lets through).
 */
export interface ClusterInputs {
  exact: ExactGroups;
  /** Whether the 32-bit shingle sets of p and q reach the threshold: a filter, nearJaccard decides. */
  mayBeNear(p: number, q: number): boolean;
  /** Exact Jaccard of p and q on their words when mayBeNear and it reach the threshold; else undefined. */
  nearJaccard(p: number, q: number): number | undefined;
  /** Full verification of (p, q): the Pair, or undefined when neither near nor overlapping. */
  verify(p: number, q: number): Pair | undefined;
  /** The exact pair of p and its copy q > p (what verify gives, built directly). */
  exactCopy(p: number, q: number): Pair;
  place(p: number): PairSide;
  /** Told of each overlap verification finds (throws to stop the detection: maxPairs). */
  onOverlap?(): void;
  /** Told once per candidate pair, as it is settled (progress). */
  onCandidate?(): void;
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

/** Where clustering assigned the representatives of exact groups, and the links found between them. */
export interface Assignment {
  /** Per paragraph: its cluster number (a position in reps), or -1 (in none). */
  cluster: Int32Array;
  /** Per cluster number: its representative. */
  reps: number[];
  /** Near member → its exact Jaccard to its cluster's representative. */
  joined: Map<number, number>;
  links: ClusterLinks;
}
