// The text report of a version 2 report: groups shown once, places listed compactly (hand-built reports,
// independent of the grouping that makes them).
import { describe, expect, it } from 'vitest';
import { renderHtml, renderSarif, renderText, renderTextChunks } from '../../src/index.js';
import { GRANT, groupedCorpus, handReport, NOTICE, QUOTE } from './hand-report.js';

describe('renderText: groups', () => {
  const { report, texts } = groupedCorpus(300);
  const text = renderText(report, texts);
  const lines = text.split('\n');

  it('says duplicate documents first, in one sentence a group', () => {
    expect(lines.slice(0, 4)).toEqual([
      'Duplicate documents (2 groups of documents that are copies of one another):',
      '  [exact] libc-bin and libc6 are exact copies of one another (2 paragraphs each; their repeated paragraphs are not listed again below)',
      '  [near] a.md (2 paragraphs; their repeated paragraphs are not listed again below) and 1 copy of it:',
      '      b.md is a.md with 1 paragraph changed and 1 added',
    ]);
  });

  it('shows each cluster once, its first paragraph quoted, its members cut with a count', () => {
    const at = lines.indexOf(
      'Repeated paragraphs (3 clusters of exact or near copies, each listed once with its first paragraph quoted):',
    );
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe(`  [exact] this paragraph appears in 300 documents: “${GRANT}”`);
    expect(lines[at + 2]).toBe(
      `      ${Array.from({ length: 8 }, (_, i) => `pkg-${i}/copyright:3 ¶2`).join(', ')} … and 292 more`,
    );
    expect(lines[at + 3]).toBe(`  [exact] this paragraph appears in 300 documents: “${NOTICE}”`);
    expect(lines[at + 5]).toBe(
      '  [near] this paragraph and 1 near copy in 2 documents, Jaccard 0.75 or more to it: “Gamma one two three four.”',
    );
    expect(lines[at + 6]).toBe('      a.md:1 ¶1, b.md:1 ¶1 (0.75)');
    // the libc and a.md/b.md exact clusters are said by their document groups
    expect(text).not.toContain('Alpha paragraph one here.');
    expect(text).not.toContain('Delta five six seven.');
  });

  it('shows each repeated passage once', () => {
    const at = lines.findIndex((l) => l.startsWith('Repeated passages ('));
    expect(lines[at + 1]).toBe(
      `  [passage] a 13-word passage appears in 300 paragraphs of 300 documents: “${QUOTE}”`,
    );
    expect(lines[at + 2]).toMatch(/^ {6}pkg-0\/copyright:7 ¶4, .* … and 292 more$/);
  });

  it('folds the blocks of copies from one range into one line, and leaves those inside a group out', () => {
    const blocks = lines.filter((l) => l.includes('  ⇄  '));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatch(
      /^ {2}pkg-0\/copyright:3 ¶2–3 {2}⇄ {2}299 places: pkg-1\/copyright:3 ¶2–3, .* … and 291 more {3}598 pairs, exact, mean Jaccard 1\.00$/,
    );
  });

  it('lists no pair inside a cluster: the output grows with the groups, not with their pairs', () => {
    expect(report.pairs.length).toBeGreaterThan(600);
    expect(text).not.toMatch(/\[exact\] \S+ ¶\d+ {2}⇄/);
    expect(lines.length).toBeLessThan(30);
    const bigger = groupedCorpus(3000);
    expect(renderText(bigger.report, bigger.texts).split('\n')).toHaveLength(lines.length);
  });

  it('counts groups in the summary line', () => {
    expect(lines.at(-2)).toMatch(
      /flagged pair\(s\) \(\d+ exact, 1 near, 0 overlap\) in 300 block\(s\), 6 cluster\(s\) of copies, 1 repeated passage\(s\), 2 document group\(s\), 1 ms\./,
    );
  });

  it('gives the same text in chunks', () => {
    expect([...renderTextChunks(report, texts)].join('')).toBe(text);
  });

  it('lists pairs that are not inside one cluster, with how many pairs of copies they stand for', () => {
    const { report: small, texts: smallTexts } = handReport({
      docs: [
        { id: 'x', text: `${GRANT}\n\nThe mayor said ${QUOTE} today.` },
        { id: 'y', text: `${GRANT}\n\nA note: ${QUOTE} again.` },
      ],
      clusters: [
        {
          kind: 'exact',
          members: [
            ['x', 0],
            ['y', 0],
          ],
        },
      ],
      pairs: [
        {
          a: { doc: 'x', paragraph: 1 },
          b: { doc: 'y', paragraph: 1 },
          kind: 'overlap',
          jaccard: 0.5,
          containment: 0.7,
          similarity: 0.6,
          spans: [{ a: [0, 1], b: [0, 1], words: 13 }],
          memberPairs: 4,
        },
      ],
    });
    const out = renderText(small, smallTexts);
    expect(out).toContain(
      'Flagged pairs:\n  [overlap] x:3 ¶2  ⇄  y:3 ¶2   Jaccard 0.50, containment 0.70, similarity 0.60   (for 4 pairs of their copies)',
    );
    expect(out).not.toContain('[exact] x:1 ¶1  ⇄');
    expect(out).toContain('  [exact] this paragraph appears in 2 documents: “Permission');
  });

  it('lists one pair between two clusters with how many pairs between them it stands for (text, HTML, SARIF)', () => {
    const one = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi.';
    const two = 'Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron rho.';
    const { report: small, texts: smallTexts } = handReport({
      docs: [
        { id: 'x', text: `${one}\n\n${one} sigma` },
        { id: 'y', text: `${two}\n\n${two} tau` },
      ],
      clusters: [
        {
          kind: 'near',
          members: [
            ['x', 0],
            ['x', 1, 0.8],
          ],
        },
        {
          kind: 'near',
          members: [
            ['y', 0],
            ['y', 1, 0.8],
          ],
        },
      ],
      pairs: [
        {
          a: { doc: 'x', paragraph: 1 },
          b: { doc: 'y', paragraph: 0 },
          kind: 'near',
          jaccard: 0.75,
          containment: 0.8,
          similarity: 0.9,
          spans: [{ a: [0, 1], b: [0, 1], words: 15 }],
          linkedPairs: 1234,
        },
      ],
    });
    const said = 'for 1,234 near pairs between their clusters';
    expect(renderText(small, smallTexts)).toContain(
      `[near] x:3 ¶2  ⇄  y:1 ¶1   Jaccard 0.75, containment 0.80, similarity 0.90   (${said})`,
    );
    expect(renderHtml(small, smallTexts)).toContain(`similarity 0.90 (${said})</span>`);
    const sarif = JSON.parse(renderSarif(small, smallTexts));
    const result = sarif.runs[0].results.find(
      (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['neardupPair/v1'],
    );
    expect(result.properties.linkedPairs).toBe(1234);
    expect(result.message.text).toMatch(/It stands for 1,234 near pairs between their clusters\.$/);
  });
});
