import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editedLine, hasWordsLeft, keptText, valueRange } from '../../src/cli/dedup-records.js';
import { splitParagraphs } from '../../src/index.js';
import type { ParagraphInfo } from '../../src/types.js';

/** Paragraph infos as the report gives them (words: 1 for any paragraph with a letter). */
function paragraphsOf(text: string): ParagraphInfo[] {
  return splitParagraphs(text).map((p) => ({
    ...p,
    words: /\p{L}/u.test(text.slice(p.start, p.end)) ? 1 : 0,
  }));
}

describe('keptText', () => {
  const text = 'Title\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n';
  const paragraphs = paragraphsOf(text);

  it('cuts removed paragraphs with the separator after them, keeping the rest byte for byte', () => {
    expect(keptText(text, paragraphs, new Set())).toBe(text);
    expect(keptText(text, paragraphs, new Set([1]))).toBe('Title\n\nSecond paragraph.\n\nThird paragraph.\n');
    expect(keptText(text, paragraphs, new Set([0]))).toBe(
      'First paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n',
    );
    expect(keptText(text, paragraphs, new Set([3]))).toBe('Title\n\nFirst paragraph.\n\nSecond paragraph.\n');
    expect(keptText(text, paragraphs, new Set([1, 2, 3]))).toBe('Title\n');
    expect(keptText(text, paragraphs, new Set([0, 1, 2, 3]))).toBe('\n');
  });

  it('keeps leading text and the separators that preceded kept paragraphs (CRLF, indents)', () => {
    const crlf = '  \r\nA one.\r\n\r\n\tB two.\r\n\r\n\r\nC three.';
    const ps = paragraphsOf(crlf);
    expect(ps).toHaveLength(3);
    expect(keptText(crlf, ps, new Set([1]))).toBe('  \r\nA one.\r\n\r\n\r\nC three.');
  });

  it('says whether words are left', () => {
    const withSeparator = paragraphsOf('A copy.\n\n* * *\n\nAnother copy.');
    expect(withSeparator.map((p) => p.words)).toEqual([1, 0, 1]);
    expect(hasWordsLeft(withSeparator, new Set([0, 2]))).toBe(false);
    expect(hasWordsLeft(withSeparator, new Set([0]))).toBe(true);
  });
});

describe('editedLine', () => {
  it('replaces the text, appends the field, and keeps every other byte (number spellings, escapes, order)', () => {
    const line =
      '{"id": 12345678901234567890, "score": 1e3, "text": "A.\\n\\nB.", "tag": "\\u00e9", "n": [1, {"x": "}"}]}';
    expect(editedLine(line, 'text', 'B.', 'removed', '[0]')).toBe(
      '{"id": 12345678901234567890, "score": 1e3, "text": "B.", "tag": "\\u00e9", "n": [1, {"x": "}"}],"removed":[0]}',
    );
  });

  it('edits the last occurrence of a repeated key, the one JSON.parse takes', () => {
    const line = '{"text": "old", "text": "newer"}';
    expect(JSON.parse(editedLine(line, 'text', 'cut', 'r', '1'))).toEqual({ text: 'cut', r: 1 });
    expect(editedLine(line, 'text', 'cut', 'r', '1')).toBe('{"text": "old", "text": "cut","r":1}');
  });

  it('finds keys written with escapes', () => {
    const line = '{"te\\u0078t": 5, "a": 1}';
    expect(valueRange(line, 'text')).toEqual([line.indexOf('5'), line.indexOf('5') + 1]);
  });

  it('gives what JSON.parse of the record, edited, gives: for any record and spacing', () => {
    const key = fc.string().filter((k) => k !== '__proto__' && k !== 'text' && k !== 'added');
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.jsonValue(), { maxKeys: 6 }),
        fc.string(),
        fc.string(),
        fc.nat(),
        fc.boolean(),
        (fields, text, replacement, at, spaced) => {
          const entries = Object.entries(fields);
          entries.splice(at % (entries.length + 1), 0, ['text', text]);
          const record = Object.fromEntries(entries);
          const line = spaced ? JSON.stringify(record, null, 1).replace(/\n/g, ' ') : JSON.stringify(record);
          const edited = editedLine(line, 'text', replacement, 'added', '{"n":[1,2]}');
          expect(JSON.parse(edited)).toEqual({
            ...JSON.parse(line),
            text: replacement,
            added: { n: [1, 2] },
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
