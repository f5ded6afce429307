// Seeded synthetic corpus: paragraphs of Zipf-distributed pseudo-words, with planted near duplicates
// (a few word substitutions) and planted overlaps (a passage pasted into another paragraph).
// Deterministic for a given seed; nothing is written to disk.

export function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vocabulary(random, size) {
  if (size > 50_000) throw new Error(`vocabulary: at most 50,000 words, asked for ${size}`);
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ne',
    'tu',
    'ra',
    'shi',
    'po',
    'el',
    'an',
    'or',
    'is',
    've',
    'du',
    'gen',
  ];
  const words = new Set();
  while (words.size < size) {
    const n = 1 + Math.floor(random() * 4); // 15 + 15² + 15³ + 15⁴ = 54,240 possible words
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    words.add(w);
  }
  return [...words];
}

/**
 * @param {{ paragraphs: number, seed?: number, nearRate?: number, overlapRate?: number, docSize?: number }} o
 * @returns {{ documents: {id: string, text: string}[], planted: {near: number, overlaps: number} }}
 */
export function generateCorpus({ paragraphs, seed = 1, nearRate = 0.05, overlapRate = 0.02, docSize = 20 }) {
  const random = rng(seed);
  const vocab = vocabulary(random, 20_000);
  // Zipf-like: index = floor(V^u) - 1 puts most mass on the first words.
  const word = () => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length ** random()) - 1)];
  const sentence = () => {
    const n = 8 + Math.floor(random() * 14);
    const w = Array.from({ length: n }, word);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return `${w.join(' ')}.`;
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' ');
  const all = [];
  let near = 0;
  let overlaps = 0;
  for (let i = 0; i < paragraphs; i++) {
    if (all.length > 0 && random() < nearRate) {
      const words = all[Math.floor(random() * all.length)].split(' ');
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) words[Math.floor(random() * words.length)] = word();
      all.push(words.join(' '));
      near++;
    } else if (all.length > 0 && random() < overlapRate) {
      const source = all[Math.floor(random() * all.length)].split(' ');
      const length = Math.min(source.length, 12 + Math.floor(random() * 20));
      const from = Math.floor(random() * (source.length - length + 1));
      all.push(`${sentence()} ${source.slice(from, from + length).join(' ')} ${sentence()}`);
      overlaps++;
    } else {
      all.push(paragraph());
    }
  }
  const documents = [];
  for (let d = 0; d * docSize < all.length; d++) {
    documents.push({ id: `doc-${d + 1}`, text: all.slice(d * docSize, (d + 1) * docSize).join('\n\n') });
  }
  return { documents, planted: { near, overlaps } };
}
