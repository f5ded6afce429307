// Every pair of paragraphs sharing a run of minOverlapWords words is reported in some form (docs/groups.md,
// "Every shared run is reported"): listed, in one cluster, or two occurrences of one repeated passage. The
// reference here is the planted word arrays themselves, compared as strings: no tokeniser, no hashing.
import { describe, expect, it } from 'vitest';
import { reportKeys } from '../../bench/measure.js';
import { type Random, seededRandom, shuffle } from '../../bench/random.js';
import { findDuplicates, type Options, type Report } from '../../src/index.js';

const M = 10; // minOverlapWords (the default)

/** Paragraphs given as word arrays, in documents of `perDoc` paragraphs. */
function documents(paragraphs: readonly string[][], perDoc: number): string[] {
  const docs: string[] = [];
  for (let i = 0; i < paragraphs.length; i += perDoc)
    docs.push(
      paragraphs
        .slice(i, i + perDoc)
        .map((words) => words.join(' '))
        .join('\n\n'),
    );
  return docs;
}

/** Pairs (a < b, global paragraph numbers) sharing a run of ≥ m words: every m-gram, as a string. */
function pairsSharing(paragraphs: readonly string[][], m: number): [number, number][] {
  const holders = new Map<string, Set<number>>();
  paragraphs.forEach((words, p) => {
    for (let i = 0; i + m <= words.length; i++) {
      const gram = words.slice(i, i + m).join(' ');
      const set = holders.get(gram) ?? new Set();
      if (set.size === 0) holders.set(gram, set);
      set.add(p);
    }
  });
  const pairs = new Map<string, [number, number]>();
  for (const set of holders.values()) {
    const list = [...set];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) pairs.set(`${list[i]},${list[j]}`, [list[i], list[j]]);
  }
  return [...pairs.values()];
}

/** The pairs of `paragraphs` sharing ≥ M words that `report` covers in no form. */
function uncovered(report: Report, paragraphs: readonly string[][], perDoc: number): string[] {
  const n = paragraphs.length;
  const index = (doc: string, paragraph: number) => (Number(doc.slice(4)) - 1) * perDoc + paragraph;
  const flagged = reportKeys(report, index, n);
  const passagesOf = new Map<number, Set<number>>();
  report.passages.forEach((passage, id) => {
    for (const o of passage.occurrences)
      for (const p of flagged.copiesOf(index(o.doc, o.paragraph))) {
        const set = passagesOf.get(p) ?? new Set();
        if (set.size === 0) passagesOf.set(p, set);
        set.add(id);
      }
  });
  const samePassage = (a: number, b: number) =>
    [...(passagesOf.get(a) ?? [])].some((id) => passagesOf.get(b)?.has(id));
  return pairsSharing(paragraphs, M)
    .filter(([a, b]) => {
      const key = a * n + b;
      return !flagged.near.has(key) && !flagged.overlap.has(key) && !flagged.together(a, b);
    })
    .filter(([a, b]) => !samePassage(a, b))
    .map(([a, b]) => `¶${a} ~ ¶${b}`);
}

/** Every occurrence of a passage holds the same words, as many as the passage says. */
function expectSameWords(report: Report, docs: readonly string[]): void {
  for (const passage of report.passages) {
    const texts = passage.occurrences.map((o) => docs[Number(o.doc.slice(4)) - 1].slice(...o.span));
    for (const text of texts) expect(text).toBe(texts[0]);
    expect(texts[0].split(' ')).toHaveLength(passage.words);
  }
}

const own = (tag: string, count: number) => Array.from({ length: count }, (_, i) => `${tag}x${i}`);

describe('every pair sharing a run of minOverlapWords words is reported', () => {
  it('runs that reach a word past a repeated passage (the shape the accuracy corpus missed)', async () => {
    // An 11-word salutation in 14 paragraphs (a repeated passage), 8 of them going on with "the", 4 with
    // "in"; 3 paragraphs hold its last 9 words then "the" (10 shared words with one another and with
    // the 8: a frequent window that is no occurrence of the salutation), 1 its last 9 then "in".
    const salutation = 'fellow citizens of the senate and of the house of representatives'.split(' ');
    const paragraphs: string[][] = [];
    for (let i = 0; i < 14; i++) {
      const next = i < 8 ? ['the'] : i < 12 ? ['in'] : [];
      paragraphs.push([...own(`a${i}`, 12), ...salutation, ...next, ...own(`b${i}`, 12)]);
    }
    for (let i = 0; i < 3; i++)
      paragraphs.push([...own(`c${i}`, 12), 'members', ...salutation.slice(2), 'the', ...own(`d${i}`, 12)]);
    paragraphs.push([...own('e', 12), 'senators', ...salutation.slice(2), 'in', ...own('f', 12)]);
    const docs = documents(paragraphs, 1);
    const report = await findDuplicates(docs);
    expect(uncovered(report, paragraphs, 1)).toEqual([]);
    expectSameWords(report, docs);
    // The paragraph with "senators … in" shares 10 words with each salutation going on with "in", and
    // nothing with the others: listed as 4 overlaps whose span is the whole shared run.
    const senators = report.pairs.filter((p) => p.b.doc === 'doc-18' || p.a.doc === 'doc-18');
    expect(senators.map((p) => p.a.doc)).toEqual(['doc-9', 'doc-10', 'doc-11', 'doc-12']);
    for (const pair of senators) {
      expect(pair.spans).toHaveLength(1);
      expect(docs[17].slice(...pair.spans[0].b)).toBe(`${salutation.slice(2).join(' ')} in`);
    }
    // Not the 91 pairs of the 14 occurrences, nor their runs into "the" and "in".
    expect(report.pairs).toHaveLength(4);
  });

  it('a passage in K paragraphs whose occurrences go on alike stays one passage, with no pairs', async () => {
    const passage = own('p', 20);
    const paragraphs = Array.from({ length: 40 }, (_, i) => [
      ...own(`a${i}`, 15),
      ...(i % 2 === 0 ? ['lead', 'in'] : []),
      ...passage,
      ...(i % 3 === 0 ? ['and', 'so', 'on'] : []),
      ...own(`b${i}`, 15),
    ]);
    const docs = documents(paragraphs, 4);
    const report = await findDuplicates(docs);
    expect(uncovered(report, paragraphs, 4)).toEqual([]);
    expect(report.passages.map((p) => [p.words, p.occurrences.length])).toEqual([[20, 40]]);
    expect(report.pairs).toEqual([]);
  });

  for (const seed of [1, 2, 3, 4, 5, 6])
    it(`planted passages and runs straddling them, against the word arrays (property, seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const paragraphs = plantedParagraphs(random);
      const docs = documents(paragraphs, 3);
      for (const options of [{}, { bridgeGap: 0 }] as Options[]) {
        const report = await findDuplicates(docs, options);
        expect(uncovered(report, paragraphs, 3), JSON.stringify(options)).toEqual([]);
        expectSameWords(report, docs);
        expect(report.passages.length).toBeGreaterThan(0);
      }
      // With exact runs only, no overlap is listed that shares no run of M words.
      const exact = await findDuplicates(docs, { bridgeGap: 0 });
      const sharing = new Set(pairsSharing(paragraphs, M).map(([a, b]) => `${a},${b}`));
      for (const pair of exact.pairs) {
        const [a, b] = [pair.a, pair.b].map((s) => (Number(s.doc.slice(4)) - 1) * 3 + s.paragraph);
        expect(sharing.has(`${a},${b}`), `¶${a} ~ ¶${b}`).toBe(true);
      }
    });
});

/**
 * Three passages of 11–25 words, each with a head and a tail of 6 words it can be met with, held in
 * 12–17 paragraphs each, whole or cut (a prefix or a suffix, sometimes shorter than M), often with part
 * of its head before it or its tail after it; among 30 paragraphs of other words. Shuffled.
 */
function plantedParagraphs(random: Random): string[][] {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const paragraphs: string[][] = [];
  for (let k = 0; k < 3; k++) {
    const passage = own(`p${k}`, int(M + 1, 25));
    const head = own(`h${k}`, 6);
    const tail = own(`t${k}`, 6);
    const holders = int(12, 17);
    for (let i = 0; i < holders; i++) {
      const cut = random();
      const from = cut < 0.2 ? int(1, passage.length - 3) : 0;
      const to = cut > 0.8 ? int(3, passage.length - 1) : passage.length;
      const before = random() < 0.4 ? head.slice(6 - int(1, 6)) : [];
      const after = random() < 0.5 ? tail.slice(0, int(1, 6)) : [];
      const tag = `o${k}n${i}`;
      paragraphs.push([
        ...own(`${tag}a`, int(3, 15)),
        ...before,
        ...passage.slice(from, to),
        ...after,
        ...own(`${tag}b`, int(3, 15)),
      ]);
    }
  }
  for (let i = 0; i < 30; i++) paragraphs.push(own(`u${i}`, int(20, 40)));
  return shuffle(random, paragraphs);
}
