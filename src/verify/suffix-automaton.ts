/**
 * The suffix automaton of one sequence of symbol ids (Blumer et al., 1985): every run of consecutive
 * symbols of it is a path from the root (state 0). At most 2n states and 3n transitions, built in linear
 * time into flat typed arrays that are reused from one sequence to the next.
 *
 * A state stands for the runs that end at the same set of positions; `len` is the longest of them, `link`
 * the state of its longest suffix that ends elsewhere too, `firstEnd` the first position where they end.
 */
export class SuffixAutomaton {
  /** States built for the current sequence. */
  states = 0;
  len = new Int32Array(0);
  link = new Int32Array(0);
  firstEnd = new Int32Array(0);
  /** 1 for a state made by cloning (it owns no end position of its own). */
  cloned = new Uint8Array(0);
  // Transitions in an open-addressing table keyed by (state, symbol), sized for 3n: never resized.
  private slotState = new Int32Array(0);
  private slotSymbol = new Int32Array(0);
  private slotTarget = new Int32Array(0);
  private mask = 0;
  private shift = 32;
  /** Each state's own transitions, as a list through the slots, so a clone can copy them. */
  private firstSlot = new Int32Array(0);
  private nextSlot = new Int32Array(0);
  // The suffix-link tree (children lists), built only when end positions are enumerated.
  private childHead = new Int32Array(0);
  private childNext = new Int32Array(0);
  private hasChildren = false;

  /** Builds the automaton of symbols[0, length); every symbol is a non-negative id. */
  build(symbols: Int32Array, length: number): void {
    this.reserve(length);
    this.slotState.fill(-1, 0, this.mask + 1);
    this.states = 1;
    this.len[0] = 0;
    this.link[0] = -1;
    this.firstEnd[0] = -1;
    this.cloned[0] = 0;
    this.firstSlot[0] = -1;
    this.hasChildren = false;
    let last = 0;
    for (let i = 0; i < length; i++) {
      const c = symbols[i];
      const cur = this.newState(this.len[last] + 1, i, 0);
      let p = last;
      while (p >= 0 && this.next(p, c) < 0) {
        this.setNext(p, c, cur);
        p = this.link[p];
      }
      if (p < 0) {
        this.link[cur] = 0;
      } else {
        const q = this.next(p, c);
        if (this.len[p] + 1 === this.len[q]) {
          this.link[cur] = q;
        } else {
          const clone = this.newState(this.len[p] + 1, this.firstEnd[q], 1);
          this.link[clone] = this.link[q];
          for (let s = this.firstSlot[q]; s >= 0; s = this.nextSlot[s])
            this.setNext(clone, this.slotSymbol[s], this.slotTarget[s]);
          while (p >= 0 && this.next(p, c) === q) {
            this.setNext(p, c, clone);
            p = this.link[p];
          }
          this.link[q] = clone;
          this.link[cur] = clone;
        }
      }
      last = cur;
    }
  }

  /** The state reached from `state` by `symbol`, or −1. */
  next(state: number, symbol: number): number {
    for (let s = this.slotOf(state, symbol); ; s = (s + 1) & this.mask) {
      const owner = this.slotState[s];
      if (owner < 0) return -1;
      if (owner === state && this.slotSymbol[s] === symbol) return this.slotTarget[s];
    }
  }

  /**
   * Up to `most` end positions (ascending) of the runs of `state`: the first ends of the states below it
   * in the suffix-link tree that are not clones. Visits at most 4 × `most` states, so repetitive text
   * cannot make one call long; the positions found are then only some of them.
   */
  endPositions(state: number, most: number): number[] {
    if (!this.hasChildren) this.linkTree();
    const found: number[] = [];
    const stack = [state];
    for (let visits = 0; stack.length > 0 && found.length < most && visits < 4 * most; visits++) {
      const v = stack.pop()!;
      if (this.cloned[v] === 0) found.push(this.firstEnd[v]);
      for (let child = this.childHead[v]; child >= 0; child = this.childNext[child]) stack.push(child);
    }
    return found.sort((x, y) => x - y);
  }

  private linkTree(): void {
    this.childHead.fill(-1, 0, this.states);
    for (let v = 1; v < this.states; v++) {
      this.childNext[v] = this.childHead[this.link[v]];
      this.childHead[this.link[v]] = v;
    }
    this.hasChildren = true;
  }

  private newState(length: number, firstEnd: number, cloned: number): number {
    const v = this.states++;
    this.len[v] = length;
    this.firstEnd[v] = firstEnd;
    this.cloned[v] = cloned;
    this.firstSlot[v] = -1;
    return v;
  }

  /** Sets (or redirects) the transition of `state` on `symbol`. */
  private setNext(state: number, symbol: number, target: number): void {
    let s = this.slotOf(state, symbol);
    for (; this.slotState[s] >= 0; s = (s + 1) & this.mask) {
      if (this.slotState[s] === state && this.slotSymbol[s] === symbol) {
        this.slotTarget[s] = target;
        return;
      }
    }
    this.slotState[s] = state;
    this.slotSymbol[s] = symbol;
    this.slotTarget[s] = target;
    this.nextSlot[s] = this.firstSlot[state];
    this.firstSlot[state] = s;
  }

  private slotOf(state: number, symbol: number): number {
    const h = Math.imul(state, 0x9e3779b1) ^ Math.imul(symbol + 1, 0x85ebca77);
    return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> this.shift; // the top bits: the table is 2^(32 − shift)
  }

  /** Room for the automaton of `length` symbols: 2n states, 3n transitions in a table at most half full. */
  private reserve(length: number): void {
    const states = 2 * length + 2;
    if (this.len.length < states) {
      this.len = new Int32Array(states);
      this.link = new Int32Array(states);
      this.firstEnd = new Int32Array(states);
      this.cloned = new Uint8Array(states);
      this.firstSlot = new Int32Array(states);
      this.childHead = new Int32Array(states);
      this.childNext = new Int32Array(states);
    }
    let bits = 4;
    while (1 << bits < 6 * length + 8) bits++;
    if (this.slotState.length < 1 << bits) {
      this.slotState = new Int32Array(1 << bits);
      this.slotSymbol = new Int32Array(1 << bits);
      this.slotTarget = new Int32Array(1 << bits);
      this.nextSlot = new Int32Array(1 << bits);
    }
    // A table kept from a longer sequence is used only in its first 2^bits slots, so clearing it costs
    // what this sequence needs.
    this.mask = (1 << bits) - 1;
    this.shift = 32 - bits;
  }
}
