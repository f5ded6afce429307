// Classic MinHash over ready shingle sets: k independent permutations, one fmix32 per shingle and slot.
// neardup signed this way until scheme v2; kept to measure the one-permutation signer against.
export function signKPermutations(set, count, keys, out) {
  const k = keys.length;
  out.fill(0xffffffff);
  for (let s = 0; s < count; s++) {
    const x = set[s];
    for (let i = 0; i < k; i++) {
      let h = x ^ keys[i];
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < out[i]) out[i] = h;
    }
  }
}
