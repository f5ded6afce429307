import { describe, expect, it } from 'vitest';
import { findDuplicates, NearDupError, type Report, renderText } from '../../src/index.js';
import { quotable } from '../../src/report/quote.js';
import { seedArticles, terminalControls, withoutOwnColours } from '../helpers.js';
import { boilerplate } from './boilerplate.js';
import { pairsOnly } from './hand-report.js';

const Q1 = 'the committee will publish its final report on the new bridge before the end of the summer';
const Q2 = 'residents can comment on the plans at the town hall every weekday morning until the vote';
const COUNCIL =
  'The council met on Monday to discuss the budget for the coming year in great detail and at length.';

/** Two stories whose consecutive paragraphs quote the same two passages (b has a separator between). */
const quoting = {
  'a.txt': `Title of the first\n\nThe mayor said that ${Q1}, according to a statement.\n\nShe added that ${Q2}, and thanked the volunteers.`,
  'b.txt': `Other paper\n\nIn a brief note, officials wrote that ${Q1} and declined to comment further on costs.\n\n* * *\n\nA spokesman confirmed ${Q2} while critics remained unconvinced.`,
};

async function reportOf(texts: Record<string, string>): Promise<Report> {
  return findDuplicates(Object.entries(texts).map(([id, text]) => ({ id, text })));
}

describe('renderText: blocks', () => {
  it('lists the pairs of a copied block, each with places, kind, figures and its passage shortened', async () => {
    const docs = seedArticles();
    const texts = Object.fromEntries(docs.map((d) => [d.id, d.text]));
    const report = await findDuplicates(docs);
    // Report v2: the five copied paragraphs are five exact clusters, each shown once by the grouped text.
    const grouped = renderText(report, texts);
    expect(grouped).toContain('  article-1:3 ¶3–7  ⇄  article-1:8 ¶8–12   5 pairs, exact, mean Jaccard 1.00');
    expect(
      grouped.match(
        /\[exact\] this paragraph appears in one document \(2 times\)|\[exact\] this paragraph appears 2 times in one document/g,
      ),
    ).toHaveLength(5);
    expect(grouped).not.toContain('    [exact] article-1:3 ¶3  ⇄  article-1:8 ¶8');
    // The pair lines, as shown for pairs outside clusters:
    const text = renderText(pairsOnly(report), texts);
    const lines = text.split('\n');
    const heading = lines.indexOf(
      'Copied blocks (runs of consecutive paragraphs repeated as exact or near duplicates):',
    );
    expect(heading).toBe(0);
    expect(lines[1]).toBe('  article-1:3 ¶3–7  ⇄  article-1:8 ¶8–12   5 pairs, exact, mean Jaccard 1.00');
    for (let k = 0; k < 5; k++) {
      expect(lines[2 + 2 * k]).toBe(
        `    [exact] article-1:${3 + k} ¶${3 + k}  ⇄  article-1:${8 + k} ¶${8 + k}   Jaccard 1.00, containment 1.00, similarity 1.00`,
      );
      expect(lines[3 + 2 * k]).toMatch(/^ {8}\d+ shared words: “.+”$/);
    }
    // ¶4 is 305 characters: its beginning and its end, cut between words, within maxQuote.
    const quote = /“(.*)”$/.exec(lines[5])![1];
    expect(quote.length).toBeLessThanOrEqual(240);
    expect(quote).toMatch(
      /^During the meeting, Hussein “addressed the recent movements .+ \S+ … \S+ .+ to confront these groups$/,
    );
    const [head, tail] = quote.split(' … ');
    const paragraph = texts['article-1'].split('\n')[3];
    expect(paragraph.startsWith(`${head} `)).toBe(true);
    expect(paragraph.includes(` ${tail}`)).toBe(true);
    // pairs listed in a block are not listed again
    expect(text.match(/article-1:4 ¶4 {2}⇄ {2}article-1:9 ¶9/g)).toHaveLength(1);
    expect(text).toContain('Other flagged pairs:\n  [overlap] article-1:4 ¶4  ⇄  article-2:6 ¶6');
  });

  it('heads a run of paragraphs sharing passages as such, with every pair and its quotes', async () => {
    const text = renderText(await reportOf(quoting), quoting);
    expect(text).not.toContain('Copied blocks');
    expect(text).not.toContain('Other flagged pairs');
    expect(text.split('\n').slice(0, 7)).toEqual([
      'Blocks of shared passages (runs of consecutive paragraphs that share passages, not copies):',
      '  a.txt:3 ¶2–3  ⇄  b.txt:3 ¶2–4   2 pairs, overlap, mean Jaccard 0.47',
      // An overlap's similarity is the linear lower bound from its passages (Levenshtein gave 0.67, 0.68).
      '    [overlap] a.txt:3 ¶2  ⇄  b.txt:3 ¶2   Jaccard 0.44, containment 0.70, similarity 0.57',
      `        18 shared words: “that ${Q1}”`,
      // across the separator "* * *" (¶3 of b.txt, no words): line 7, paragraph 4
      '    [overlap] a.txt:5 ¶3  ⇄  b.txt:7 ¶4   Jaccard 0.50, containment 0.67, similarity 0.61',
      `        16 shared words: “${Q2}”`,
      '',
    ]);
  });

  it('heads a block of copies and shared passages as mixed', async () => {
    const texts = {
      c: `x\n\n${COUNCIL}\n\nThe mayor said that ${Q1}, according to a statement.`,
      d: `y\n\n${COUNCIL}\n\nIn a brief note, officials wrote that ${Q1} and declined to comment further on costs.`,
    };
    const report = await reportOf(texts);
    const grouped = renderText(report, texts);
    expect(grouped).toContain('  c:3 ¶2–3  ⇄  d:3 ¶2–3   2 pairs, exact/overlap, mean Jaccard 0.72\n');
    expect(grouped).toContain(
      `  [exact] this paragraph appears in 2 documents: “${COUNCIL}”\n      c:3 ¶2, d:3 ¶2\n`,
    );
    expect(grouped).not.toContain('    [exact] c:3 ¶2  ⇄  d:3 ¶2');
    expect(grouped).toContain('    [overlap] c:5 ¶3  ⇄  d:5 ¶3   Jaccard 0.44');
    const text = renderText(pairsOnly(report), texts);
    expect(text).toMatch(
      /^Mixed blocks \(runs of consecutive paragraphs, some copied, some sharing passages\):\n/,
    );
    expect(text).toContain('  c:3 ¶2–3  ⇄  d:3 ¶2–3   2 pairs, exact/overlap, mean Jaccard 0.72\n');
    expect(text).toContain('    [exact] c:3 ¶2  ⇄  d:3 ¶2   Jaccard 1.00');
    expect(text).toContain('    [overlap] c:5 ¶3  ⇄  d:5 ¶3   Jaccard 0.44');
  });
});

describe('renderText: pairs, colour and the summary', () => {
  it('prints only the summary, still saying numbers are 1-based, when nothing is flagged', async () => {
    const texts = { one: 'Nothing in common here.', two: 'Entirely different words.' };
    expect(renderText(await reportOf(texts), texts)).toMatch(
      /^neardup: 2 document\(s\), 2 paragraph\(s\): no near duplicates or overlaps, [\d.]+ ms\. Lines and paragraph numbers are 1-based\.\n$/,
    );
  });

  it('colours kinds, headings and quotes only when asked', async () => {
    const report = await reportOf(quoting);
    expect(renderText(report, quoting)).not.toContain('\x1b[');
    const coloured = renderText(report, new Map(Object.entries(quoting)), { color: true });
    expect(coloured).toContain('\x1b[1mBlocks of shared passages');
    expect(coloured).toContain('\x1b[36m[overlap]\x1b[0m a.txt:3 ¶2');
    expect(coloured).toContain(`\x1b[2m“that ${Q1}”\x1b[0m`);
  });

  it('quotes at most three passages of a near duplicate and says how many more there are', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const edited = words.map((w, i) => (i % 12 === 11 ? `x${i}` : w));
    const texts = { a: words.join(' '), b: edited.join(' ') };
    const report = await findDuplicates(
      Object.entries(texts).map(([id, text]) => ({ id, text })),
      // Exact runs only: bridged, the edits would join the runs into one passage.
      { threshold: 0.5, bridgeGap: 0 },
    );
    expect(report.pairs[0].spans.length).toBeGreaterThan(3);
    // In one near cluster, the pair is shown by its cluster (b with its Jaccard to a), passages unquoted.
    expect(renderText(report, texts)).toContain(`a:1 ¶1, b:1 ¶1 (${report.pairs[0].jaccard.toFixed(2)})`);
    // A near pair outside clusters quotes three passages:
    const text = renderText(pairsOnly(report), texts);
    expect(text.match(/shared words: /g)).toHaveLength(3);
    expect(text).toContain(`  … and ${report.pairs[0].spans.length - 3} more shared passages`);
  });

  it('rejects a maxQuote that is not an integer of at least 20, naming the value', async () => {
    const report = await reportOf(quoting);
    for (const bad of [0, 19, 2.5, Number.NaN, '80']) {
      const error = (() => {
        try {
          renderText(report, quoting, { maxQuote: bad as number });
        } catch (e) {
          return e as NearDupError;
        }
      })();
      expect(error).toBeInstanceOf(NearDupError);
      expect(error?.code).toBe('INVALID_OPTION');
      expect(error?.message).toContain(`got ${typeof bad === 'string' ? `"${bad}"` : String(bad)}`);
    }
  });
});

describe('quotable', () => {
  it('collapses whitespace and keeps a passage that fits whole', () => {
    expect(quotable('  one\n two\t\tthree  ', 20)).toBe('one two three');
  });

  it('joins the beginning and the end of a long passage at word boundaries, within the limit', () => {
    const text = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const short = quotable(text, 60);
    expect(short.length).toBeLessThanOrEqual(60);
    const [head, tail] = short.split(' … ');
    expect(text.startsWith(`${head} `)).toBe(true);
    expect(text.endsWith(` ${tail}`)).toBe(true);
    expect(head.length).toBeGreaterThan(tail.length);
  });

  it('never cuts a surrogate pair', () => {
    const short = quotable('😀'.repeat(100), 41);
    expect(short).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(short).toContain(' … ');
  });
});

describe('renderText: large reports', () => {
  it('renders 230 files holding two paragraphs 115 times (26,449 blocks, 52,898 pairs) without overflowing the stack', async () => {
    const { report, texts } = await boilerplate(230, 115);
    expect(report.pairs).toHaveLength(52_898);
    // Grouped (Report v2): one document group says it all, in a few lines.
    const grouped = renderText(report, texts).split('\n');
    expect(grouped[0]).toBe('Duplicate documents (1 group of documents that are copies of one another):');
    expect(grouped[1]).toBe(
      '  [near] pkg-0/copyright (231 paragraphs; their repeated paragraphs are not listed again below) and 229 copies of it:',
    );
    expect(grouped[2]).toBe('      pkg-1/copyright is pkg-0/copyright with 1 paragraph added and 1 removed');
    expect(grouped[10]).toBe('      … and 221 more');
    expect(grouped).toHaveLength(14);
    // Every block and pair as lines, as shown without groups: the stack must hold.
    const text = renderText(pairsOnly(report), texts);
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'Copied blocks (runs of consecutive paragraphs repeated as exact or near duplicates):',
    );
    expect(lines.filter((l) => /^ {2}pkg-0\/copyright:1 ¶1–2 {2}⇄ {2}pkg-/.test(l))).toHaveLength(26_449);
    expect(lines.filter((l) => l.startsWith('    [exact] '))).toHaveLength(52_898);
    expect(text).not.toContain('Other flagged pairs');
    expect(lines.at(-2)).toMatch(
      /^neardup: 230 document\(s\), 53130 paragraph\(s\): 52898 flagged pair\(s\) \(52898 exact, 0 near, 0 overlap\) in 26449 block\(s\)/,
    );
  });
});

describe('renderText: control characters', () => {
  it('escapes C0 and C1 controls in quoted passages and document ids, keeping its own colours', async () => {
    const evil =
      'Click \x1b]0;owned\x07 here \x1b[2J to clear \u009b31m the whole screen of the person reading it now.';
    const texts = { 'a\x1b[31m.txt': evil, 'b\u009b.txt\nfake line': evil };
    const report = await reportOf(texts);
    expect(report.pairs).toHaveLength(1);
    for (const color of [false, true]) {
      const text = renderText(report, texts, { color });
      expect(terminalControls(color ? withoutOwnColours(text) : text)).toEqual([]);
      // The two documents are one document group: their names, escaped, on its line.
      expect(text).toContain('a\\x1b[31m.txt and b\\u009b.txt\\x0afake line are exact copies');
      const pairs = renderText(pairsOnly(report), texts, { color });
      expect(terminalControls(color ? withoutOwnColours(pairs) : pairs)).toEqual([]);
      expect(pairs).toContain('a\\x1b[31m.txt:1 ¶1');
      expect(pairs).toContain('b\\u009b.txt\\x0afake line:1 ¶1');
      expect(pairs).toContain('Click \\x1b]0;owned\\x07 here \\x1b[2J to clear \\u009b31m the whole');
    }
  });
});
