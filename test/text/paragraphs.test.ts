import { describe, expect, it } from 'vitest';
import { NearDupError, type ParagraphSplitter, splitParagraphs } from '../../src/index.js';

/** The paragraph texts, sliced from the original with the reported offsets. */
function texts(text: string, mode?: Parameters<typeof splitParagraphs>[1]): string[] {
  return splitParagraphs(text, mode).map((p) => text.slice(p.start, p.end));
}

function splitterError(text: string, splitter: ParagraphSplitter): NearDupError {
  try {
    splitParagraphs(text, splitter);
  } catch (error) {
    expect(error).toBeInstanceOf(NearDupError);
    return error as NearDupError;
  }
  throw new Error('expected splitParagraphs to throw');
}

describe('splitParagraphs: auto mode', () => {
  it('splits on blank lines when the text has any, keeping single line breaks inside a paragraph', () => {
    const text = 'First line\nstill first.\n\nSecond paragraph.\n\n\nThird\nparagraph.';
    expect(texts(text)).toEqual(['First line\nstill first.', 'Second paragraph.', 'Third\nparagraph.']);
  });

  it('treats lines holding only spaces or tabs as blank', () => {
    expect(texts('one\n   \t\ntwo\n \n \nthree')).toEqual(['one', 'two', 'three']);
  });

  it('splits on every line break when there is no blank line', () => {
    expect(texts('alpha\nbeta\ngamma')).toEqual(['alpha', 'beta', 'gamma']);
  });

  it("'document' makes the whole text one paragraph, trimmed; whitespace alone is none", () => {
    const text = '  Title\n\nFirst paragraph.\nSecond line.\n\n';
    expect(splitParagraphs(text, 'document')).toEqual([{ index: 0, start: 2, end: text.trimEnd().length }]);
    expect(splitParagraphs(' \n\t ', 'document')).toEqual([]);
  });

  it('gives one paragraph for a single line', () => {
    expect(splitParagraphs('just one paragraph')).toEqual([{ index: 0, start: 0, end: 18 }]);
  });

  it('numbers paragraphs 0, 1, 2, … in order', () => {
    const spans = splitParagraphs('a\n\nb\n\nc');
    expect(spans.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(spans.map((s) => s.start)).toEqual([0, 3, 6]);
  });

  it('agrees with explicit modes', () => {
    const withBlank = 'a\nb\n\nc';
    expect(splitParagraphs(withBlank)).toEqual(splitParagraphs(withBlank, 'blank-line'));
    const withoutBlank = 'a\nb\nc';
    expect(splitParagraphs(withoutBlank)).toEqual(splitParagraphs(withoutBlank, 'line'));
  });
});

describe('splitParagraphs: explicit modes', () => {
  it("'line' splits every line even when blank lines exist", () => {
    expect(texts('a\nb\n\nc', 'line')).toEqual(['a', 'b', 'c']);
  });

  it("'blank-line' keeps a text without blank lines as one paragraph", () => {
    expect(texts('a\nb\nc', 'blank-line')).toEqual(['a\nb\nc']);
  });
});

describe('splitParagraphs: line-break flavours', () => {
  it('handles CR-only blank lines', () => {
    expect(texts('one\rtwo\r\rthree')).toEqual(['one\rtwo', 'three']);
  });

  it('splits CRLF text without blank lines into lines', () => {
    expect(texts('one\r\ntwo\r\nthree')).toEqual(['one', 'two', 'three']);
  });

  it('splits CRLF blank lines', () => {
    expect(texts('one\r\n\r\ntwo\r\n\r\nthree')).toEqual(['one', 'two', 'three']);
  });

  // BUG: HAS_BLANK_LINE / BLANK_LINE can match a single CRLF as "\r" followed by "\n", so every CRLF
  // counts as a blank line and Windows text with real blank lines is cut into one paragraph per line.
  it('keeps single CRLF breaks inside a paragraph when the text has CRLF blank lines', () => {
    const text = 'one\r\ntwo\r\n\r\nthree\r\nfour';
    expect(texts(text)).toEqual(['one\r\ntwo', 'three\r\nfour']);
  });

  it('treats U+2029 PARAGRAPH SEPARATOR as a paragraph break', () => {
    expect(texts('first\u2029second\u2029third')).toEqual(['first', 'second', 'third']);
  });

  it('treats U+2029 as a blank-line break, so plain newlines stay inside paragraphs', () => {
    expect(texts('a\nb\u2029c\nd')).toEqual(['a\nb', 'c\nd']);
  });

  it('treats U+2028 LINE SEPARATOR as a line break', () => {
    expect(texts('a\u2028b', 'line')).toEqual(['a', 'b']);
  });
});

describe('splitParagraphs: whitespace and offsets', () => {
  it('trims surrounding whitespace and points the offsets at the trimmed text', () => {
    const text = '  \t Hello there.  \n\n\u00a0 General Kenobi! \t\n';
    const spans = splitParagraphs(text);
    expect(spans).toHaveLength(2);
    expect(text.slice(spans[0].start, spans[0].end)).toBe('Hello there.');
    expect(text.slice(spans[1].start, spans[1].end)).toBe('General Kenobi!');
    expect(spans[0].start).toBe(4);
  });

  it('returns [] for empty and whitespace-only text', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('   ')).toEqual([]);
    expect(splitParagraphs('\n\n \t\r\n\u2029\u00a0')).toEqual([]);
    expect(splitParagraphs(' \n ', 'line')).toEqual([]);
    expect(splitParagraphs('\n\n', 'blank-line')).toEqual([]);
  });

  it('skips leading and trailing blank lines', () => {
    expect(texts('\n\n\nbody\n\n\n')).toEqual(['body']);
  });

  it('gives offsets that slice back to trimmed, non-empty, ordered paragraphs', () => {
    const text = ' One.\r\n\r\n  Two, still two.\n   \nThree\u2029 Four \n';
    const spans = splitParagraphs(text);
    let previousEnd = 0;
    for (const span of spans) {
      const slice = text.slice(span.start, span.end);
      expect(slice.length).toBeGreaterThan(0);
      expect(slice).toBe(slice.trim());
      expect(span.start).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = span.end;
    }
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      'One.',
      'Two, still two.',
      'Three',
      'Four',
    ]);
  });
});

describe('splitParagraphs: custom splitter', () => {
  it('uses the ranges it returns, in order', () => {
    const text = 'aaa|bbb|ccc';
    const splitter: ParagraphSplitter = () => [
      [0, 3],
      [4, 7],
      [8, 11],
    ];
    expect(splitParagraphs(text, splitter)).toEqual([
      { index: 0, start: 0, end: 3 },
      { index: 1, start: 4, end: 7 },
      { index: 2, start: 8, end: 11 },
    ]);
  });

  it('passes the text to the splitter', () => {
    const seen: string[] = [];
    splitParagraphs('some text', (t) => {
      seen.push(t);
      return [[0, t.length]];
    });
    expect(seen).toEqual(['some text']);
  });

  it('accepts adjacent ranges and an empty list', () => {
    expect(
      splitParagraphs('abcdef', () => [
        [0, 3],
        [3, 6],
      ]),
    ).toHaveLength(2);
    expect(splitParagraphs('abc', () => [])).toEqual([]);
  });

  it('rejects a non-array return value', () => {
    const error = splitterError('abc', (() => 'nope') as unknown as ParagraphSplitter);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message.startsWith('neardup:')).toBe(true);
    expect(error.message).toContain('"nope"');
  });

  it('rejects ranges out of order', () => {
    const error = splitterError('abcdefgh', () => [
      [4, 6],
      [0, 2],
    ]);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message.startsWith('neardup:')).toBe(true);
    expect(error.message).toContain('[0, 2]');
  });

  it('rejects overlapping ranges', () => {
    const error = splitterError('abcdefgh', () => [
      [0, 4],
      [3, 6],
    ]);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toMatch(/^neardup:.*\[3, 6\]/);
  });

  it.each([
    ['past the end', [[0, 4]]],
    ['negative', [[-1, 2]]],
    ['reversed', [[3, 1]]],
    ['fractional', [[0, 1.5]]],
    ['NaN', [[0, Number.NaN]]],
    ['not a pair', ['0-2']],
  ])('rejects a range that is %s', (_label, ranges) => {
    const error = splitterError('abc', () => ranges as unknown as [number, number][]);
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message.startsWith('neardup:')).toBe(true);
    expect(error.message).toContain('0..3');
  });
});

describe("'auto' with a title block and one paragraph per line", () => {
  const slices = (text: string) => splitParagraphs(text).map((p) => text.slice(p.start, p.end));

  it('splits a blank-line block into lines when every line ends a sentence', () => {
    expect(slices('Title\n\nPara one is here.\nPara two is “quoted.”\nPara three is here!')).toEqual([
      'Title',
      'Para one is here.',
      'Para two is “quoted.”',
      'Para three is here!',
    ]);
  });

  it('keeps hard-wrapped prose whole: its lines do not all end a sentence', () => {
    expect(
      slices('A hard wrapped paragraph that goes\non over several lines until it ends.\n\nSecond one.'),
    ).toEqual(['A hard wrapped paragraph that goes\non over several lines until it ends.', 'Second one.']);
  });

  it("leaves 'blank-line' mode as it is", () => {
    const text = 'Title\n\nPara one is here.\nPara two is here.';
    expect(splitParagraphs(text, 'blank-line').map((p) => text.slice(p.start, p.end))).toEqual([
      'Title',
      'Para one is here.\nPara two is here.',
    ]);
  });
});
