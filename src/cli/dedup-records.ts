// The records `neardup dedup` writes: a kept JSONL line as it was read, or with its text cut and the
// removed paragraphs listed; a text file as a new {id, text} record.
import type { ParagraphInfo } from '../types.js';
import type { Removal } from './dedup-plan.js';

/**
 * The text without the removed paragraphs (`removed` by index). What is between paragraphs stays as it
 * was: each kept paragraph is preceded by the separator that preceded it in the original, the first kept
 * one by the text before the first paragraph, and the text after the last paragraph ends it.
 */
export function keptText(
  text: string,
  paragraphs: readonly ParagraphInfo[],
  removed: ReadonlySet<number>,
): string {
  if (paragraphs.length === 0) return text;
  const parts = [text.slice(0, paragraphs[0].start)];
  let first = true;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    if (removed.has(p.index)) continue;
    if (!first) parts.push(text.slice(paragraphs[i - 1].end, p.start));
    parts.push(text.slice(p.start, p.end));
    first = false;
  }
  parts.push(text.slice(paragraphs[paragraphs.length - 1].end));
  return parts.join('');
}

/** Whether any paragraph left after the removal has words (a document left without any is dropped). */
export function hasWordsLeft(paragraphs: readonly ParagraphInfo[], removed: ReadonlySet<number>): boolean {
  return paragraphs.some((p) => p.words > 0 && !removed.has(p.index));
}

/** The removed paragraphs as the JSON value of the removed field: where each was, and the copy kept. */
export function removedJson(paragraphs: readonly ParagraphInfo[], removals: readonly Removal[]): string {
  return JSON.stringify(
    removals.map((r) => ({
      paragraph: r.paragraph,
      start: paragraphs[r.paragraph].start,
      end: paragraphs[r.paragraph].end,
      cluster: r.group,
      kept: r.kept,
    })),
  );
}

/**
 * A JSONL line with its text field's value replaced by `text` and the field `added` appended with the
 * JSON value `addedJson`. Everything else is kept byte for byte (other fields, their order, number
 * spellings such as 1e3 or 12345678901234567890, escapes), so a record changes only where it must.
 * `line` is a JSON object that parsed; the text field's last occurrence is the one JSON.parse took.
 */
export function editedLine(
  line: string,
  textField: string,
  text: string,
  added: string,
  addedJson: string,
): string {
  const range = valueRange(line, textField);
  if (range === undefined)
    throw new Error(`neardup: internal: no field ${JSON.stringify(textField)} in a record`);
  const edited = `${line.slice(0, range[0])}${JSON.stringify(text)}${line.slice(range[1])}`;
  const close = edited.lastIndexOf('}');
  let end = close;
  while (end > 0 && /\s/.test(edited[end - 1])) end--;
  return `${edited.slice(0, end)},${JSON.stringify(added)}:${addedJson}${edited.slice(end)}`;
}

/** The [start, end) of the value of `key` (its last occurrence) in the JSON object text `json`. */
export function valueRange(json: string, key: string): [number, number] | undefined {
  let found: [number, number] | undefined;
  let i = skipSpace(json, json.indexOf('{') + 1);
  while (i < json.length && json[i] !== '}') {
    const keyEnd = stringEnd(json, i);
    const raw = json.slice(i, keyEnd);
    const name = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    const start = skipSpace(json, skipSpace(json, keyEnd) + 1); // past the colon
    const end = valueEnd(json, start);
    if (name === key) found = [start, end];
    i = skipSpace(json, end);
    if (json[i] === ',') i = skipSpace(json, i + 1);
  }
  return found;
}

function skipSpace(json: string, i: number): number {
  while (i < json.length && (json[i] === ' ' || json[i] === '\t' || json[i] === '\n' || json[i] === '\r'))
    i++;
  return i;
}

/** The end of the string that opens at `i` (past its closing quote). */
function stringEnd(json: string, i: number): number {
  let j = i + 1;
  while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** The end of the value that starts at `i`: a string, an object or array (nested), or a literal. */
function valueEnd(json: string, i: number): number {
  const c = json[i];
  if (c === '"') return stringEnd(json, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = i;
    while (j < json.length) {
      const d = json[j];
      if (d === '"') {
        j = stringEnd(json, j);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return j;
  }
  let j = i;
  while (j < json.length && !',}] \t\n\r'.includes(json[j])) j++;
  return j;
}
