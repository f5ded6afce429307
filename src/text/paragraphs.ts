import { describeValue, NearDupError } from '../errors.js';
import type { ParagraphMode } from '../types.js';

/** A paragraph's place in its document: [start, end) offsets into the original text. */
export interface ParagraphSpan {
  index: number;
  start: number;
  end: number;
}

/** Custom splitting: return [start, end) ranges into the text, in order, not overlapping. */
export type ParagraphSplitter = (text: string) => ReadonlyArray<readonly [number, number]>;

// A lone CR never takes the CR of a CRLF, so one Windows line break is never read as two.
const BREAK = String.raw`(?:\r\n|\r(?!\n)|\n|\u2028)`;
const INLINE_SPACE = String.raw`[^\S\r\n\u2028\u2029]*`;
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/g;
const LINE_SPLIT = /\r\n|\r|\n|\u2028|\u2029/;
// A line break followed by one or more whitespace-only lines, or a Unicode paragraph separator.
const BLANK_LINE = new RegExp(`${BREAK}(?:${INLINE_SPACE}${BREAK})+|\\u2029`, 'g');
const HAS_BLANK_LINE = new RegExp(`${BREAK}${INLINE_SPACE}${BREAK}|\\u2029`);
const SPACE = /\s/;

/**
 * Cuts a text into paragraphs with offsets into the original text, surrounding whitespace excluded.
 * 'line': one paragraph per line. 'blank-line': paragraphs are separated by blank lines. 'document': the
 * whole text is one paragraph (document-level deduplication).
 * 'auto': one per line when the text has no blank line; otherwise blank-line blocks, except that a
 * block of two or more lines that all end a sentence is one paragraph per line (a title, a blank line,
 * then one paragraph per line, as scraped articles often are; hard-wrapped prose rarely ends every line
 * with a sentence end). Whitespace-only stretches are not paragraphs.
 */
export function splitParagraphs(
  text: string,
  mode: ParagraphMode | ParagraphSplitter = 'auto',
): ParagraphSpan[] {
  if (typeof mode === 'function') return fromSplitter(text, mode);
  const spans: ParagraphSpan[] = [];
  if (mode === 'document') {
    pushTrimmed(text, 0, text.length, spans);
    return spans;
  }
  if (mode === 'line' || (mode === 'auto' && !HAS_BLANK_LINE.test(text))) {
    splitInto(text, 0, text.length, LINE_BREAK, spans);
    return spans;
  }
  const blocks: ParagraphSpan[] = [];
  splitInto(text, 0, text.length, BLANK_LINE, blocks);
  for (const block of blocks) {
    if (mode === 'auto' && isOneParagraphPerLine(text, block))
      splitInto(text, block.start, block.end, LINE_BREAK, spans);
    else pushTrimmed(text, block.start, block.end, spans);
  }
  return spans;
}

/** Pieces of text[from, to) between matches of `separator`, trimmed, appended to `out`. */
function splitInto(text: string, from: number, to: number, separator: RegExp, out: ParagraphSpan[]): void {
  separator.lastIndex = from;
  let start = from;
  for (let m = separator.exec(text); m !== null && m.index < to; m = separator.exec(text)) {
    pushTrimmed(text, start, m.index, out);
    start = m.index + m[0].length;
  }
  pushTrimmed(text, start, to, out);
}

const SENTENCE_END = /[.!?…]["'”’)\]]*$/;

function isOneParagraphPerLine(text: string, block: ParagraphSpan): boolean {
  const lines = text.slice(block.start, block.end).split(LINE_SPLIT);
  return lines.length > 1 && lines.every((line) => SENTENCE_END.test(line.trim()));
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
