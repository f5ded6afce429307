// npm `minhash` (0.0.9), used as its README shows: one Minhash per paragraph, update() per shingle string.
import minhash from 'minhash';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

export function npmMinhashSigner({ shingleSize = 3 } = {}) {
  return (text) => {
    const words = text.toLowerCase().match(WORD) ?? [];
    const m = new minhash.Minhash();
    const count = Math.max(1, words.length - shingleSize + 1);
    for (let s = 0; s < count; s++) m.update(words.slice(s, s + shingleSize).join(' '));
    return m.hashvalues;
  };
}
