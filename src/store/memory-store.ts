import { allTables, blockTables, paragraphsIn } from '../candidates/collect.js';
import { KeyLookup } from '../candidates/lookup.js';
import { KeyedIds } from '../candidates/radix-groups.js';
import { withRoom } from '../util/grow.js';
import type { IndexEntry } from './entries.js';
import type { EntryChange, Indexed, Store, Stored } from './store.js';

/** Rebuilds wait until this many paragraphs have changed, whatever the size (small indexes rebuild rarely). */
const REBUILD_FLOOR = 4096;

/**
 * The documents of an in-memory lasting index, and the lookup its queries find candidates in (KeyLookup:
 * per band, band key → paragraphs; fingerprint → paragraphs). The lookup is built flat from every
 * document on the first query, radix-sorted; documents added later are filed into its small delta at
 * the next query, until they are a quarter as many paragraphs as the base and the next query rebuilds. A
 * removed document keeps its paragraph numbers and is only marked dead (skipped), so a removal costs no
 * rebuild until the dead paragraphs reach a quarter of all. Every answer is immediate (no promise).
 */
export class MemoryStore implements Store<Stored> {
  private readonly live: IndexEntry[];
  private readonly byId: Map<string, IndexEntry>;
  /** The last doc-N number given out. */
  private serial: number;
  /** Undefined until a query needs it, and after removals have left too much of it dead. */
  private lookup: KeyLookup | undefined;
  /** The documents the lookup numbers (dead ones included), where each one's paragraphs start, and their count. */
  private numbered: IndexEntry[] = [];
  private readonly firstOf = new Map<IndexEntry, number>();
  private paragraphs = 0;
  private baseParagraphs = 0;
  /** Added since the lookup was built, not filed in it yet. */
  private pending: IndexEntry[] = [];
  /** 1 for each paragraph of a dead document. */
  private dead = new Uint8Array(0);
  private deadParagraphs = 0;

  constructor(
    private readonly bands: number,
    entries: IndexEntry[] = [],
    serial = entries.length,
  ) {
    this.live = entries;
    this.byId = new Map(entries.map((e) => [e.doc.id, e]));
    this.serial = serial;
  }

  /** The documents in the order added and the last doc-N number given out (what save() writes). */
  contents(): { entries: readonly IndexEntry[]; serial: number } {
    return { entries: this.live, serial: this.serial };
  }

  size(): number {
    return this.live.length;
  }

  reserve(count: number): number {
    this.serial += count;
    return this.serial - count + 1;
  }

  release(first: number, count: number): void {
    if (this.serial === first + count - 1) this.serial = first - 1;
  }

  next(): number {
    return this.serial + 1;
  }

  get(ids: readonly string[]): (Stored | undefined)[] {
    return ids.map((id) => {
      const entry = this.byId.get(id);
      return entry && { entry };
    });
  }

  near(_fresh: readonly IndexEntry[], skip: ReadonlySet<string>): Indexed {
    const lookup = this.refresh();
    let hidden = this.dead;
    for (const id of skip) {
      const entry = this.byId.get(id);
      if (entry === undefined) continue;
      if (hidden === this.dead) hidden = this.dead.slice();
      const first = this.firstOf.get(entry) as number;
      hidden.fill(1, first, first + entry.paragraphs.length);
    }
    return {
      entries: this.numbered,
      lookup: {
        pairWith: (t, key, high, id, into) => lookup.pairWith(t, key, high, id, into, hidden),
        visit: (t, key, high, found) => lookup.visit(t, key, high, found, hidden),
      },
    };
  }

  write(changes: readonly EntryChange<Stored>[]): void {
    for (const { from } of changes) if (from) this.forget(from.entry);
    for (const { to } of changes) {
      if (to === undefined) continue;
      this.live.push(to);
      this.byId.set(to.doc.id, to);
      if (this.lookup) this.pending.push(to);
    }
  }

  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (entry) this.forget(entry);
    return entry !== undefined;
  }

  all(): IndexEntry[] {
    return [...this.live];
  }

  ids(): string[] {
    return this.live.map((e) => e.doc.id);
  }

  private forget(entry: IndexEntry): void {
    this.byId.delete(entry.doc.id);
    this.live.splice(this.live.indexOf(entry), 1);
    const first = this.firstOf.get(entry);
    if (first === undefined) {
      const at = this.pending.indexOf(entry);
      if (at >= 0) this.pending.splice(at, 1);
      return;
    }
    this.firstOf.delete(entry);
    this.dead.fill(1, first, first + entry.paragraphs.length);
    this.deadParagraphs += entry.paragraphs.length;
    if (this.deadParagraphs * 4 > Math.max(this.paragraphs, REBUILD_FLOOR)) this.drop();
  }

  /** The lookup with every live document filed: rebuilt when missing or too much changed, else the new ones added. */
  private refresh(): KeyLookup {
    const pendingParagraphs = this.pending.reduce((sum, e) => sum + e.paragraphs.length, 0);
    const added = this.paragraphs - this.baseParagraphs + pendingParagraphs;
    if (this.lookup === undefined || added * 4 > Math.max(this.baseParagraphs, REBUILD_FLOOR))
      return this.rebuild();
    const narrow = new KeyedIds(256);
    const wide = new KeyedIds(256, true);
    for (const entry of this.pending) {
      const tables = blockTables([entry], this.paragraphs, this.bands);
      for (let t = 0; t < tables.count; t++) {
        const scratch = tables.wide?.(t) ? wide : narrow;
        scratch.clear();
        const { keys, ids, highs, length } = tables.table(t, scratch);
        for (let i = 0; i < length; i++) this.lookup.add(t, keys[i], ids[i], highs?.[i]);
      }
      this.number(entry);
    }
    this.pending = [];
    this.dead = withRoom(this.dead, this.paragraphs, this.dead.length);
    return this.lookup;
  }

  private rebuild(): KeyLookup {
    this.drop();
    for (const entry of this.live) this.number(entry);
    this.lookup = new KeyLookup(allTables(blockTables(this.numbered, 0, this.bands)));
    this.baseParagraphs = this.paragraphs;
    this.dead = new Uint8Array(this.paragraphs + 1024);
    return this.lookup;
  }

  private number(entry: IndexEntry): void {
    this.numbered.push(entry);
    this.firstOf.set(entry, this.paragraphs);
    this.paragraphs += paragraphsIn(entry);
  }

  /** Lets the lookup and its numbering go (the removed documents with them): the next query rebuilds. */
  private drop(): void {
    this.lookup = undefined;
    this.numbered = [];
    this.firstOf.clear();
    this.paragraphs = 0;
    this.baseParagraphs = 0;
    this.pending = [];
    this.deadParagraphs = 0;
  }
}
