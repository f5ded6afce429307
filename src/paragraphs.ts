import { describeValue, NearDupError } from './errors.js';

/** A paragraph's place in its document: [start, end) offsets into the original text. */
export interface ParagraphSpan {
  index: number;
  start: number;
  end: number;
}

export type ParagraphMode = 'auto' | 'blank-line' | 'line';

/** Custom splitting: return [start, end) ranges into the text, in order, not overlapping. */
export type ParagraphSplitter = (text: string) => ReadonlyArray<readonly [number, number]>;

// A lone CR never takes the CR of a CRLF, so one Windows line break is never read as two.
const BREAK = String.raw`(?:\r\n|\r(?!\n)|\n|\u2028)`;
const INLINE_SPACE = String.raw`[^\S\r\n\u2028\u2029]*`;
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;
// A line break followed by one or more whitespace-only lines, or a Unicode paragraph separator.
const BLANK_LINE = new RegExp(`${BREAK}(?:${INLINE_SPACE}${BREAK})+|\\u2029`, 'g');
const HAS_BLANK_LINE = new RegExp(`${BREAK}${INLINE_SPACE}${BREAK}|\\u2029`);
const SPACE = /\s/;

/**
 * Cuts a text into paragraphs with offsets into the original text, surrounding whitespace excluded.
 * 'auto' splits on blank lines when the text has any, otherwise on line breaks (one paragraph per line).
 * Whitespace-only stretches are not paragraphs.
 */
export function splitParagraphs(
  text: string,
  mode: ParagraphMode | ParagraphSplitter = 'auto',
): ParagraphSpan[] {
  if (typeof mode === 'function') return fromSplitter(text, mode);
  const effective = mode === 'auto' ? (HAS_BLANK_LINE.test(text) ? 'blank-line' : 'line') : mode;
  const separator = effective === 'blank-line' ? BLANK_LINE : LINE_BREAK;
  const spans: ParagraphSpan[] = [];
  let from = 0;
  separator.lastIndex = 0;
  for (let m = separator.exec(text); m !== null; m = separator.exec(text)) {
    pushTrimmed(text, from, m.index, spans);
    from = m.index + m[0].length;
  }
  pushTrimmed(text, from, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: ParagraphSpan[]): void {
  while (start < end && SPACE.test(text[start])) start++;
  while (end > start && SPACE.test(text[end - 1])) end--;
  if (end > start) out.push({ index: out.length, start, end });
}

function fromSplitter(text: string, splitter: ParagraphSplitter): ParagraphSpan[] {
  const ranges = splitter(text);
  if (!Array.isArray(ranges)) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: the paragraphs splitter must return an array of [start, end] pairs, got ${describeValue(ranges)}`,
    );
  }
  const spans: ParagraphSpan[] = [];
  let previousEnd = 0;
  for (const range of ranges) {
    const [start, end] = Array.isArray(range) ? range : [Number.NaN, Number.NaN];
    const ok =
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      start >= previousEnd &&
      end >= start &&
      end <= text.length;
    if (!ok) {
      const shown = Array.isArray(range)
        ? `[${range.map((v) => describeValue(v)).join(', ')}]`
        : describeValue(range);
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: the paragraphs splitter returned ${shown}; ranges must be integer [start, end] pairs, in order, not overlapping, within 0..${text.length}`,
      );
    }
    // Trimmed like the built-in modes; a whitespace-only range is not a paragraph.
    pushTrimmed(text, start, end, spans);
    previousEnd = end;
  }
  return spans;
}
