/**
 * A map that keeps at most `capacity` entries, dropping the least recently used first: the verifier's
 * per-paragraph caches (candidates come sorted by their first paragraph, so most lookups hit).
 */
export class LruCache<V> {
  private readonly entries = new Map<number, V>();

  constructor(private readonly capacity: number) {}

  /** The value under `key`, made by `make` (and kept) when there is none. */
  get(key: number, make: () => V): V {
    let value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key); // re-inserted below: a Map iterates in insertion order, oldest first
    } else {
      value = make();
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as number);
    }
    this.entries.set(key, value);
    return value;
  }
}
