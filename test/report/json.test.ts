import { describe, expect, it } from 'vitest';
import { findDuplicates, type Report, renderJson } from '../../src/index.js';
import { seedArticles } from '../helpers.js';

describe('renderJson', () => {
  it('is the Report, whole: parsing it gives back a strictly equal object (nothing dropped)', async () => {
    const report = await findDuplicates(seedArticles());
    const parsed = JSON.parse(renderJson(report)) as Report;
    expect(parsed).toStrictEqual(report);
    expect(parsed.pairs).toHaveLength(7); // 5 exact, 2 overlaps each standing for 2 (¶4 and its copy ¶9)
  });

  it('keeps the order of DESIGN.md: version, options, documents, pairs, blocks, clusters, passages, document groups, stats', async () => {
    const report = await findDuplicates(['same words here', 'same words here']);
    expect(Object.keys(JSON.parse(renderJson(report)))).toEqual([
      'version',
      'options',
      'documents',
      'pairs',
      'blocks',
      'clusters',
      'passages',
      'documentGroups',
      'stats',
    ]);
  });

  it('indents by 2 spaces by default, as asked otherwise, and ends with one newline', async () => {
    const report = await findDuplicates(['one text', 'another text']);
    const text = renderJson(report);
    expect(text).toMatch(/^\{\n {2}"version": 2,\n {2}"options": \{\n {4}"threshold": 0\.7,/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    const flat = renderJson(report, 0);
    expect(flat.split('\n')).toEqual([JSON.stringify(report), '']);
    expect(renderJson(report, 4)).toContain('\n    "version": 2,');
  });

  it('writes offsets and figures as plain numbers, and a custom splitter as "custom"', async () => {
    const report = await findDuplicates(['a b c d|a b c d'], {
      paragraphs: (text) => [
        [0, text.indexOf('|')],
        [text.indexOf('|') + 1, text.length],
      ],
    });
    const parsed = JSON.parse(renderJson(report)) as Report;
    expect(parsed.options.paragraphs).toBe('custom');
    expect(parsed.pairs[0]).toMatchObject({ kind: 'exact', jaccard: 1, spans: [{ a: [0, 7], b: [8, 15] }] });
  });
});
