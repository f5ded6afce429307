import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import {
  findDuplicates,
  findDuplicates as findDuplicatesWith,
  NearDupError,
  type Report,
} from '../../src/index.js';
import { createIndex, createIndex as createIndexWith } from '../../src/store/lasting-index.js';
import { pairsInvolving, quotingParagraphs, seedArticles } from '../helpers.js';

const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });
const small = generateCorpus({ paragraphs: 600, seed: 11 }).documents;

describe('createIndex', () => {
  it('reports what findDuplicates reports, documents added one by one or in batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }),
        async (cuts) => {
          const index = await createIndex();
          let at = 0;
          for (const size of cuts) {
            index.add(small.slice(at, at + size));
            at += size;
          }
          const docs = small.slice(0, at);
          expect(index.size).toBe(docs.length);
          expect(withoutTime(index.report())).toEqual(withoutTime(await findDuplicates(docs)));
        },
      ),
      { numRuns: 15 },
    );
  }, 60_000);

  it('answers a query with exactly the pairs findDuplicates finds for the new document, without adding it', async () => {
    const index = await createIndex();
    const docs = small.slice(0, 30);
    index.add(docs.slice(0, 29));
    const newcomer = docs[29];
    const pairs = index.query(newcomer);
    const expected = pairsInvolving(await findDuplicates(docs), new Set([newcomer.id]));
    expect(expected.length).toBeGreaterThan(0);
    expect(pairs).toEqual(expected);
    expect(index.size).toBe(29);
    const seed = seedArticles();
    const articles = await createIndex();
    articles.add([seed[0]]);
    const found = articles.query(seed[1]);
    // ¶4 and its copy ¶9 are one text: each overlap is listed once, standing for both (memberPairs).
    expect(found.map((p) => `${p.a.paragraph}-${p.b.paragraph}×${p.memberPairs}`).sort()).toEqual([
      '3-5×2',
      '3-6×2',
    ]);
  });

  it('forgets removed documents and still agrees with findDuplicates on the rest', async () => {
    const index = await createIndex();
    const docs = small.slice(0, 20);
    index.add(docs);
    expect(index.remove(docs[3].id)).toBe(true);
    expect(index.remove(docs[3].id)).toBe(false);
    const rest = docs.filter((_, i) => i !== 3);
    expect(withoutTime(index.report())).toEqual(withoutTime(await findDuplicates(rest)));
    const query = docs[3];
    const expected = pairsInvolving(await findDuplicates([...rest, query]), new Set([query.id]));
    expect(expected.length).toBeGreaterThan(0);
    expect(index.query(query)).toEqual(expected);
  });

  it('refuses repeated ids and bad documents, and then holds nothing of the failed batch', async () => {
    const index = await createIndex();
    index.add([{ id: 'a', text: 'one' }]);
    expect(() =>
      index.add([
        { id: 'b', text: 'two' },
        { id: 'a', text: 'again' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_ID' }));
    expect(() =>
      index.add([
        { id: 'c', text: 'x' },
        { id: 'c', text: 'y' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_ID' }));
    expect(() => index.add([{ id: 'd', text: 42 as unknown as string }])).toThrow(
      expect.objectContaining({ code: 'INVALID_DOCUMENT' }),
    );
    expect(() => index.add('text' as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => index.query({ id: 'a', text: 'one' })).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_ID' }),
    );
    expect(index.ids()).toEqual(['a']);
    index.add(['plain text']);
    expect(index.ids()).toEqual(['a', 'doc-2']);
  });
});

describe('addAndCheck', () => {
  it('reports exactly the pairs and blocks that involve the new documents, run after run', async () => {
    const docs = small.slice(0, 24);
    const index = await createIndex();
    const first = index.addAndCheck(docs.slice(0, 12));
    const whole12 = await findDuplicates(docs.slice(0, 12));
    expect(first.pairs).toEqual(whole12.pairs);
    expect(first.blocks).toEqual(whole12.blocks);
    const second = index.addAndCheck(docs.slice(12));
    const whole = await findDuplicates(docs);
    const fresh = new Set(docs.slice(12).map((d) => d.id));
    const involves = (x: { a: { doc: string }; b: { doc: string } }) =>
      fresh.has(x.a.doc) || fresh.has(x.b.doc);
    expect(second.pairs.length).toBeGreaterThan(0);
    expect(second.pairs).toEqual(pairsInvolving(whole, fresh));
    expect(second.blocks).toEqual(whole.blocks.filter(involves));
    for (const doc of second.documents) expect(index.document(doc.id)?.text).toBeDefined();
    expect(index.size).toBe(24);
  });

  it('adds nothing when it fails', async () => {
    const index = await createIndex({ maxPairs: 3 });
    const quoting = quotingParagraphs(6).map((text, i) => ({ id: `c${i}`, text }));
    expect(() => index.addAndCheck(quoting)).toThrow(expect.objectContaining({ code: 'TOO_MANY_PAIRS' }));
    expect(index.size).toBe(0);
    // Nor are their numbers used up: the next unnamed document is doc-1, as after a failed add().
    index.add(['a first unnamed document']);
    expect(index.ids()).toEqual(['doc-1']);
  });
});

describe('query buckets', () => {
  it('answer like findDuplicates while documents are added and removed between queries', async () => {
    const docs = small.slice(0, 30);
    const index = await createIndex();
    index.add(docs.slice(0, 10));
    const kept = docs.slice(0, 10);
    for (let i = 10; i < 30; i++) {
      const expected = pairsInvolving(await findDuplicates([...kept, docs[i]]), new Set([docs[i].id]));
      expect(index.query(docs[i])).toEqual(expected);
      index.add([docs[i]]);
      kept.push(docs[i]);
      if (i % 7 === 0) {
        const gone = kept.splice(i % kept.length, 1)[0];
        index.remove(gone.id);
      }
    }
    expect(withoutTime(index.report())).toEqual(withoutTime(await findDuplicates(kept)));
  });

  it('skip removed documents without a rebuild, and rebuild once a quarter is removed, with the same answers', async () => {
    // 1,400 one-paragraph documents, every 7th a copy of the one before: enough paragraphs that removing
    // some marks them dead, and removing most crosses the rebuild point.
    const base = small.map((d) => d.text.split('\n')[0]);
    const docs = Array.from({ length: 1400 }, (_, i) => ({
      id: `d${i}`,
      text: `${base[Math.floor(i / 7) % base.length]} number ${i % 7 === 6 ? i - 1 : i}`,
    }));
    const index = await createIndex();
    index.add(docs);
    const kept = [...docs];
    const probe = { id: 'probe', text: docs[700].text };
    const expectSame = async () => {
      const expected = pairsInvolving(await findDuplicates([...kept, probe]), new Set(['probe']));
      expect(index.query(probe)).toEqual(expected);
    };
    await expectSame();
    for (const step of [3, 5, 2, 2]) {
      for (let i = kept.length - 1; i >= 0; i -= step) index.remove(kept.splice(i, 1)[0].id);
      await expectSame();
    }
    expect(kept.length).toBeLessThan(400);
    expect(withoutTime(index.report())).toEqual(withoutTime(await findDuplicates(kept)));
  }, 60_000);
});

describe('maxPairs bounds a batch as it bounds one findDuplicates call', () => {
  // Different paragraphs quoting one sentence (kept as pairs: passageParagraphs raised): overlap pairs,
  // which maxPairs bounds; copies would be one cluster, which it does not.
  const copies = (n: number, from = 0) =>
    quotingParagraphs(n, from).map((text, i) => ({ id: `copy-${from + i}`, text }));
  const createIndex = (options: { maxPairs: number }) =>
    createIndexWith({ ...options, passageParagraphs: 1_000_000 });
  const findDuplicates = (docs: { id: string; text: string }[], options: { maxPairs: number }) =>
    findDuplicatesWith(docs, { ...options, passageParagraphs: 1_000_000 });
  const refusal = async (run: () => unknown): Promise<NearDupError> => {
    try {
      await run();
    } catch (error) {
      expect(error).toBeInstanceOf(NearDupError);
      return error as NearDupError;
    }
    throw new Error('expected TOO_MANY_PAIRS');
  };

  it('addAndCheck refuses a batch whose flagged pairs exceed maxPairs, though no one document has that many', async () => {
    // 20 copies: 190 flagged pairs in all, at most 19 for any one document.
    const docs = copies(20);
    const expected = await refusal(() => findDuplicates(docs, { maxPairs: 50 }));
    expect(expected.message).toContain('more than 50 overlap pairs');
    const index = await createIndex({ maxPairs: 50 });
    const error = await refusal(() => index.addAndCheck(docs));
    expect(error.code).toBe('TOO_MANY_PAIRS');
    expect(error.message).toBe(expected.message);
    expect(index.size).toBe(0);
  });

  it('addAndCheck refuses too many candidates before verifying any, with the message findDuplicates gives', async () => {
    // 300 copies: 44,850 candidate pairs, over 20 × maxPairs; findDuplicates stops before verification.
    const docs = copies(300);
    const expected = await refusal(() => findDuplicates(docs, { maxPairs: 100 }));
    expect(expected.message).toMatch(/^neardup: 44850 candidate pairs, over the limit of 2000/);
    const index = await createIndex({ maxPairs: 100 });
    expect((await refusal(() => index.addAndCheck(docs))).message).toBe(expected.message);
    expect(index.size).toBe(0);
    // Against documents already indexed (add() checks nothing), the batch's candidates count all the same.
    index.add(copies(150, 1000));
    const against = await refusal(() => index.addAndCheck(copies(150)));
    expect(against.message).toMatch(
      /^neardup: \d+ candidate pairs, over the limit of 2000 \(maxPairs = 100\)/,
    );
    expect(index.size).toBe(150);
  });

  it('a batch within the limits reports what findDuplicates reports', async () => {
    const docs = copies(12);
    const index = await createIndex({ maxPairs: 66 });
    const report = index.addAndCheck(docs);
    expect(report.pairs).toEqual((await findDuplicates(docs, { maxPairs: 66 })).pairs);
    expect(report.pairs).toHaveLength(66);
  });
});
