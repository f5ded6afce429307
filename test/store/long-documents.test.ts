// Batches far larger than a function call can take as spread arguments (about 120,000 in V8).
import { describe, expect, it } from 'vitest';
import { createIndex } from '../../src/index.js';

describe('a lasting index given one document with over 120,000 pairs', () => {
  it('adds it and reports every pair (no stack overflow gathering them)', async () => {
    const copies = 520; // C(520, 2) = 134,940 exact pairs, all within the one document
    const text = Array.from({ length: copies }, () => 'The same short paragraph again, word for word.').join(
      '\n\n',
    );
    const index = await createIndex();
    const report = index.addAndCheck([{ id: 'repeats.txt', text }]);
    expect(report.pairs).toHaveLength((copies * (copies - 1)) / 2);
    expect(new Set(report.pairs.map((p) => p.kind))).toEqual(new Set(['exact']));
    expect(index.ids()).toEqual(['repeats.txt']);
  }, 60_000);
});
