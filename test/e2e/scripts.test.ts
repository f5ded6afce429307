import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/index.js';

// Scripts written without spaces are shingled per character, so small edits still leave near duplicates.
describe('non-Latin scripts end to end', () => {
  it('finds a near-duplicate Chinese paragraph with one character changed', async () => {
    const a = '外交部长周一与叙利亚外长通电话讨论边境安全问题并同意加强合作应对威胁';
    const b = '外交部长周二与叙利亚外长通电话讨论边境安全问题并同意加强合作应对威胁';
    const report = await findDuplicates([a, b, '今天天气很好我们去公园散步吧']);
    expect(report.pairs.map((p) => [p.a.doc, p.b.doc, p.kind])).toEqual([['doc-1', 'doc-2', 'near']]);
    expect(report.pairs[0].jaccard).toBeGreaterThan(0.8);
  });

  it('finds a Japanese passage quoted inside another paragraph', async () => {
    const quote = '両国の安全保障は相互に結びついていると強調した';
    const a = `外務省によると、大臣は電話会談で${quote}。`;
    const b = `声明は最後に、${quote}と述べ、協力の継続を確認した。`;
    const report = await findDuplicates([a, b]);
    expect(report.pairs).toHaveLength(1);
    const [pair] = report.pairs;
    expect(pair.kind).toBe('overlap');
    expect(a.slice(...pair.spans[0].a)).toContain('安全保障は相互に結びついている');
    expect(b.slice(...pair.spans[0].b)).toBe(a.slice(...pair.spans[0].a));
  });

  it('treats Greek (final sigma included) and Cyrillic case variants as the same words', async () => {
    const report = await findDuplicates([
      'ΟΔΥΣΣΕΑΣ ΕΠΕΣΤΡΕΨΕ ΣΤΗΝ ΙΘΑΚΗ ΜΕΤΑ ΑΠΟ ΠΟΛΛΑ ΧΡΟΝΙΑ',
      'Οδυσσεας επεστρεψε στην Ιθακη μετα απο πολλα χρονια',
      'МОСКВА — Министр иностранных дел провёл переговоры с коллегой',
      'Москва — министр иностранных дел провёл переговоры с коллегой',
    ]);
    expect(report.pairs.map((p) => `${p.a.doc}~${p.b.doc}:${p.kind}`).sort()).toEqual([
      'doc-1~doc-2:exact',
      'doc-3~doc-4:exact',
    ]);
  });
});
