// The straightforward MinHash that neardup is measured against: tokenise, build each k-word shingle
// string, one xxhash-wasm h32 call per shingle string, then k independent permutations with Math.imul.

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function naiveSigner(h32, { numHashes = 128, shingleSize = 3, seed = 0 } = {}) {
  const a = new Uint32Array(numHashes);
  const b = new Uint32Array(numHashes);
  let state = seed + 1;
  for (let i = 0; i < numHashes; i++) {
    state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9;
    a[i] = (state | 1) >>> 0;
    state = Math.imul(state ^ (state >>> 12), 0x297a2d39) + 0x9e3779b9;
    b[i] = state >>> 0;
  }
  return (text) => {
    const words = text.toLowerCase().match(WORD) ?? [];
    const signature = new Uint32Array(numHashes).fill(0xffffffff);
    const count = Math.max(1, words.length - shingleSize + 1);
    for (let s = 0; s < count; s++) {
      const x = h32(words.slice(s, s + shingleSize).join(' '), seed);
      for (let i = 0; i < numHashes; i++) {
        const h = (Math.imul(a[i], x) + b[i]) >>> 0;
        if (h < signature[i]) signature[i] = h;
      }
    }
    return signature;
  };
}
