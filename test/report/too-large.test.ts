import { describe, expect, it } from 'vitest';
import { NearDupError, type Report, resolveOptions } from '../../src/index.js';
import { FORMATS } from './formats.js';

// Slow by nature (each case writes over 512 MB of text twice, ~4-16 s), so in a file of its own.

describe('reports longer than any string', () => {
  // One document whose id is 2^26 characters, named in `pairs` pairs: just enough places naming it for
  // each format to pass V8's longest string (2^29 − 24 characters) while no chunk comes near it.
  const id = 'x'.repeat(2 ** 26);
  const hugeReport = (pairs: number): Report => ({
    version: 2,
    options: resolveOptions().resolved,
    documents: [
      {
        id,
        paragraphs: Array.from({ length: pairs + 1 }, (_, i) => ({
          index: i,
          start: i,
          end: i + 1,
          words: 1,
        })),
      },
    ],
    pairs: Array.from({ length: pairs }, (_, i) => ({
      a: { doc: id, paragraph: 0 },
      b: { doc: id, paragraph: i + 1 },
      kind: 'exact' as const,
      jaccard: 1,
      containment: 1,
      similarity: 1,
      spans: [],
    })),
    blocks: [],
    clusters: [],
    passages: [],
    documentGroups: [],
    stats: { documents: 1, paragraphs: pairs + 1, candidates: pairs, pairs, ms: 1 },
  });
  // Places naming the id: JSON 1 + 2 a pair, text 2 a pair, HTML 1 + 2 a pair, SARIF 1 + 4 a pair.
  const PAIRS = { json: 4, text: 5, html: 4, sarif: 2 };

  it.each(Object.entries(PAIRS))(
    '%s: the string renderer throws REPORT_TOO_LARGE naming the chunked one; the chunks still come',
    (format, pairs) => {
      const [whole, chunked] = FORMATS[format as keyof typeof FORMATS];
      const report = hugeReport(pairs);
      let error: unknown;
      try {
        whole(report, new Map());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(NearDupError);
      expect((error as NearDupError).code).toBe('REPORT_TOO_LARGE');
      expect((error as NearDupError).message).toMatch(
        /^neardup: render\w+: the report is .* use render\w+Chunks/,
      );
      let length = 0;
      for (const chunk of chunked(report, new Map())) {
        length += chunk.length;
        if (length > 2 ** 29) break; // past the longest string: enough to show it streams on
      }
      expect(length).toBeGreaterThan(2 ** 29);
    },
    120_000,
  );
});
