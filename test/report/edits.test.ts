import { describe, expect, it } from 'vitest';
import { findDuplicates, renderHtml, renderText, toSarif } from '../../src/index.js';

// A quotation with one changed word: one bridged passage (docs/passages.md), shown with its edit.
const QUOTED =
  'the minister stressed the importance of enhancing cooperation and coordination to confront these threats on both sides of the border';
const texts = {
  'a.txt': `In a phone call on Monday, ${QUOTED}, the statement said.`,
  'b.txt': `Officials repeated that ${QUOTED.replace('enhancing', 'improving')}, according to a readout.`,
};

describe('renderers: a passage bridged across an edit', () => {
  it('says how many words it shares and how many edits it spans', async () => {
    const report = await findDuplicates(Object.entries(texts).map(([id, text]) => ({ id, text })));
    expect(report.pairs[0].spans).toMatchObject([{ words: 19, edits: 1 }]);
    expect(renderText(report, texts)).toContain(`    19 shared words, 1 edit: “${QUOTED}”`);
    expect(renderHtml(report, texts)).toContain('>19 shared words, 1 edit</a>');
    const [result] = toSarif(report, texts).runs[0].results!;
    expect(result.message.text).toMatch(
      /^The paragraph 1 of a\.txt shares a passage \(19 words, 1 edit\) with/,
    );
    expect(result.relatedLocations![0].message!.text).toBe('shared passage (19 words, 1 edit)');
  });
});
