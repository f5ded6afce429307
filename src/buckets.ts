/**
 * Key → ids, for the lasting index's query buckets: a Map split into 256 by the key's low byte, because
 * one JavaScript Map holds at most 2²⁴ entries and a million paragraphs have some 45 million fingerprints.
 */
export class Buckets {
  private readonly shards = Array.from({ length: 256 }, () => new Map<number, number[]>());

  get(key: number): number[] | undefined {
    return this.shards[key & 255].get(key);
  }

  /** Adds `id` under `key` (not twice in a row: ids arrive in order). */
  add(key: number, id: number): void {
    const shard = this.shards[key & 255];
    const list = shard.get(key);
    if (list === undefined) shard.set(key, [id]);
    else if (list[list.length - 1] !== id) list.push(id);
  }
}
