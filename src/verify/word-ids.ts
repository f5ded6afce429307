/** A sequence of words, or of their term hashes (which stand for them: compared by value). */
export type Words = ArrayLike<string | number>;

/**
 * Dense ids (0, 1, 2, …) for the distinct words of one sequence, looked up by their term hash in an
 * open-addressing table and confirmed by the word itself: two words whose hashes collide still get two
 * ids (the second through a Map, which only collisions ever reach).
 */
export class WordIds {
  /** Id of each word of the sequence given to `build`. */
  ids = new Int32Array(0);
  private slotHash = new Uint32Array(0);
  private slotId = new Int32Array(0);
  private shift = 32;
  private words: (string | number)[] = [];
  private collided: Map<string | number, number> | undefined;

  /** Numbers the words of a sequence (`hashes[i]` is the term hash of `words[i]`). */
  build(words: Words, hashes: Uint32Array): void {
    const n = words.length;
    let bits = 4;
    while (1 << bits < 2 * n) bits++;
    if (this.slotId.length < 1 << bits) {
      this.slotHash = new Uint32Array(1 << bits);
      this.slotId = new Int32Array(1 << bits);
    }
    if (this.ids.length < n) this.ids = new Int32Array(n);
    this.shift = 32 - bits;
    this.slotId.fill(-1, 0, 1 << bits);
    this.words = [];
    this.collided = undefined;
    for (let i = 0; i < n; i++) {
      const s = this.slotFor(hashes[i]);
      const id = this.slotId[s];
      if (id < 0) {
        this.slotHash[s] = hashes[i];
        this.slotId[s] = this.words.length;
        this.ids[i] = this.words.length;
        this.words.push(words[i]);
      } else if (this.words[id] === words[i]) {
        this.ids[i] = id;
      } else {
        this.collided ??= new Map();
        let other = this.collided.get(words[i]);
        if (other === undefined) {
          other = this.words.length;
          this.words.push(words[i]);
          this.collided.set(words[i], other);
        }
        this.ids[i] = other;
      }
    }
  }

  /** The id of `word` (whose term hash is `hash`) in the sequence built, or −1 when it is not there. */
  idOf(word: string | number, hash: number): number {
    const id = this.slotId[this.slotFor(hash)];
    if (id < 0) return -1;
    if (this.words[id] === word) return id;
    return this.collided?.get(word) ?? -1;
  }

  /** The slot holding `hash`, or the empty slot where it would go. */
  private slotFor(hash: number): number {
    const mask = (1 << (32 - this.shift)) - 1;
    let s = Math.imul(hash, 0x9e3779b1) >>> this.shift;
    while (this.slotId[s] >= 0 && this.slotHash[s] !== hash) s = (s + 1) & mask;
    return s;
  }
}
