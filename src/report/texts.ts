import { lastAtOrBelow } from '../util/bisect.js';

/** The documents' original texts by id, as renderers receive them. */
export type DocumentTexts = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/** The text of document `id` ('' when it is not given). */
export function textOf(texts: DocumentTexts, id: string): string {
  const text = texts instanceof Map ? texts.get(id) : (texts as Readonly<Record<string, string>>)[id];
  return typeof text === 'string' ? text : '';
}

/** 1-based line and column (in UTF-16 code units, as SARIF's default columnKind) of an offset. */
export interface Position {
  line: number;
  column: number;
}

/** Maps offsets of one text to lines and columns; built once per text (binary search per lookup). */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10) || c === 0x2028 || c === 0x2029) {
      starts.push(i + 1);
    }
  }
  return (offset) => {
    const line = lastAtOrBelow(starts, offset);
    return { line: line + 1, column: offset - starts[line] + 1 };
  };
}
