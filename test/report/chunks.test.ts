import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findDuplicates,
  NearDupError,
  type Report,
  renderJson,
  renderJsonChunks,
  renderText,
  renderTextChunks,
} from '../../src/index.js';
import { CHUNK_CHARS } from '../../src/report/chunks.js';
import { jsonChunks, LazyArray } from '../../src/report/json-chunks.js';
import { seedArticles } from '../helpers.js';
import { quotingDocs } from './boilerplate.js';
import { FORMATS as BASE_FORMATS, type FormatRenderers, type Texts } from './formats.js';

/** Each format as [string renderer, chunked renderer], with the JSON and text variants. */
const FORMATS: Record<string, FormatRenderers> = {
  ...BASE_FORMATS,
  'json (indent 0)': [(r) => renderJson(r, 0), (r) => renderJsonChunks(r, 0)],
  'text (colour)': [
    (r, t) => renderText(r, t, { color: true }),
    (r, t) => renderTextChunks(r, t, { color: true }),
  ],
};

let big: { report: Report; texts: Texts };
beforeAll(async () => {
  // 3,600 overlap pairs spread over 100 groups of 9 paragraphs (a cluster of copies would put every pair
  // on one paragraph, its representative).
  const docs = quotingDocs(60, 15);
  big = { report: await findDuplicates(docs), texts: new Map(docs.map((d) => [d.id, d.text])) };
  expect(big.report.pairs).toHaveLength(3600);
});

describe('jsonChunks', () => {
  it('joins to exactly JSON.stringify(value, null, indent), for any JSON value and indent', () => {
    const indents = fc.constantFrom<number | string>(
      0,
      1,
      2,
      4,
      10,
      11,
      -3,
      2.7,
      '',
      '\t',
      '--',
      'abcdefghijklm',
    );
    // Plain data with the values JSON drops or turns to null (undefined, functions) mixed in.
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        fc.constant(undefined),
        fc.constant(() => 1),
        fc.array(tie('value'), { maxLength: 6 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 6 }),
      ),
    }));
    fc.assert(
      fc.property(value, indents, (v, indent) => {
        const chunks = [...jsonChunks(v, indent)];
        const expected = JSON.stringify(v, null, indent);
        if (expected === undefined) expect(chunks).toEqual([]);
        else expect(chunks.join('')).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('does so for long arrays (written in batches) at any depth, in arrays and objects', () => {
    const indents = fc.constantFrom<number | string>(0, 2, 3, '\t', 'ab');
    const long = fc.array(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)), {
      minLength: 250,
      maxLength: 700,
    });
    // The long array wrapped in up to 5 arrays or objects, beside other members.
    const wrappers = fc.array(
      fc.tuple(fc.boolean(), fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
      {
        maxLength: 5,
      },
    );
    fc.assert(
      fc.property(long, wrappers, indents, (inner, wraps, indent) => {
        let v: unknown = inner;
        for (const [inArray, key, other] of wraps) v = inArray ? [other, v, other] : { x: other, [key]: v };
        expect([...jsonChunks(v, indent)].join('')).toBe(JSON.stringify(v, null, indent));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a LazyArray as the array of its elements, made one at a time', () => {
    const made: number[] = [];
    const lazy = new LazyArray(3, (i) => {
      made.push(i);
      return { n: i, list: [i, i * 2] };
    });
    const text = [...jsonChunks({ head: 1, items: lazy, tail: [] }, 2)].join('');
    expect(text).toBe(
      JSON.stringify({ head: 1, items: [0, 1, 2].map((n) => ({ n, list: [n, n * 2] })), tail: [] }, null, 2),
    );
    expect(made).toEqual([0, 1, 2]);
  });
});

describe('chunked renderers', () => {
  it.each(Object.keys(FORMATS))('%s: the chunks joined equal the string, byte for byte', async (format) => {
    const [whole, chunked] = FORMATS[format];
    const docs = seedArticles();
    const cases: { report: Report; texts: Texts }[] = [
      { report: await findDuplicates(docs), texts: new Map(docs.map((d) => [d.id, d.text])) },
      { report: await findDuplicates(['nothing here', 'or here']), texts: new Map() },
      big,
    ];
    for (const { report, texts } of cases)
      expect([...chunked(report, texts)].join('')).toBe(whole(report, texts));
  });

  it.each(Object.keys(FORMATS))(
    '%s: a large report comes in many chunks of about 64 K characters',
    (format) => {
      const [, chunked] = FORMATS[format];
      let count = 0;
      let longest = 0;
      for (const chunk of chunked(big.report, big.texts)) {
        count++;
        longest = Math.max(longest, chunk.length);
      }
      expect(count).toBeGreaterThan(10);
      expect(longest).toBeLessThan(2 * CHUNK_CHARS);
    },
  );

  it('the JSON chunks parse to the Report', () => {
    expect(JSON.parse([...renderJsonChunks(big.report)].join(''))).toStrictEqual(big.report);
  });

  it('validate their options when called, before the first chunk is asked for', () => {
    expect(() => renderTextChunks(big.report, big.texts, { maxQuote: 5 })).toThrow(NearDupError);
  });
});
