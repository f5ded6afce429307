import type { Pair } from '../types.js';

/**
 * What two groups of paragraphs (two clusters, a cluster and a paragraph in none, or two paragraphs in
 * none) are found to share: one pair stands for all the pairs between them that verification found of its
 * kind. `near` outranks overlap: once two groups are near, their overlaps are neither verified nor listed.
 */
export interface Link {
  near: boolean;
  /** The pair listed for the link (p < q): the highest Jaccard, the first in input order among equals. */
  p: number;
  q: number;
  jaccard: number;
  /** Overlaps only: the verified pair (a near link's pair is verified once, when it is listed). */
  pair?: Pair;
  /** Paragraph pairs between the two groups found of this kind, exact copies counted (at least: see docs). */
  count: number;
}

/**
 * The links between groups ("units": a cluster, or a paragraph in none), keyed by the two unit numbers.
 * Units are numbered below `units`, so a key u × units + v (u < v) is exact in a double.
 */
export class ClusterLinks {
  private readonly links = new Map<number, Link>();

  constructor(private readonly units: number) {}

  private key(u: number, v: number): number {
    return u < v ? u * this.units + v : v * this.units + u;
  }

  /** Whether units u and v are linked as near duplicates (their overlaps need no verification). */
  isNear(u: number, v: number): boolean {
    return this.links.get(this.key(u, v))?.near === true;
  }

  /** A near pair (p, q) between units u and v, standing for `pairs` paragraph pairs (its copies). */
  addNear(u: number, v: number, p: number, q: number, jaccard: number, pairs: number, pair?: Pair): void {
    const key = this.key(u, v);
    const link = this.links.get(key);
    if (link === undefined || !link.near) {
      this.links.set(key, { near: true, p, q, jaccard, pair, count: pairs });
      return;
    }
    link.count += pairs;
    if (
      jaccard > link.jaccard ||
      (jaccard === link.jaccard && (p < link.p || (p === link.p && q < link.q)))
    ) {
      Object.assign(link, { p, q, jaccard, pair });
    }
  }

  /** A verified overlap (p, q) between units u and v (ignored when they are near). */
  addOverlap(u: number, v: number, p: number, q: number, pair: Pair, pairs: number): void {
    const key = this.key(u, v);
    const link = this.links.get(key);
    if (link === undefined) {
      this.links.set(key, { near: false, p, q, jaccard: pair.jaccard, pair, count: pairs });
      return;
    }
    if (link.near) return;
    link.count += pairs;
    if (strongerOverlap(pair, p, q, link)) Object.assign(link, { p, q, jaccard: pair.jaccard, pair });
  }

  values(): IterableIterator<Link> {
    return this.links.values();
  }
}

/** Report order among overlaps: higher Jaccard, then longer shared passage, then input order. */
function strongerOverlap(pair: Pair, p: number, q: number, than: Link): boolean {
  const other = than.pair as Pair;
  if (pair.jaccard !== other.jaccard) return pair.jaccard > other.jaccard;
  const words = (pair.spans[0]?.words ?? 0) - (other.spans[0]?.words ?? 0);
  if (words !== 0) return words > 0;
  return p < than.p || (p === than.p && q < than.q);
}
