// Batches far larger than a function call can take as spread arguments (about 120,000 in V8).
import { describe, expect, it } from 'vitest';
import { createIndex } from '../../src/index.js';
import { quotingParagraphs } from '../helpers.js';

describe('a lasting index given one document with over 120,000 pairs', () => {
  it('adds it and reports every pair (no stack overflow gathering them)', async () => {
    // C(520, 2) = 134,940 overlap pairs, all within the one document (copies would be one cluster, and a
    // passage in 520 paragraphs one repeated passage: passageParagraphs raised keeps them pairs).
    const paragraphs = 520;
    const text = quotingParagraphs(paragraphs).join('\n\n');
    const index = await createIndex({ passageParagraphs: 1_000_000 });
    const report = index.addAndCheck([{ id: 'repeats.txt', text }]);
    expect(report.pairs).toHaveLength((paragraphs * (paragraphs - 1)) / 2);
    expect(new Set(report.pairs.map((p) => p.kind))).toEqual(new Set(['overlap']));
    expect(index.ids()).toEqual(['repeats.txt']);
  }, 60_000);
});
