import { ChunkBuffer } from './chunks.js';

/**
 * An array whose elements are made one at a time as they are written (the results of a SARIF log), so a
 * large one is never held whole. Written as a JSON array of `at(0)`, …, `at(length - 1)`.
 */
export class LazyArray<T> {
  constructor(
    readonly length: number,
    readonly at: (index: number) => T,
  ) {}
}

/** Containers this deep or shallower are written element by element; deeper ones by JSON.stringify. */
const OPENED_DEPTH = 3;

/**
 * `JSON.stringify(value, null, indent)` in chunks of about 64 K characters, the same text byte for
 * byte (a property test checks). Objects and arrays down to OPENED_DEPTH are opened and written member
 * by member (a Report's pairs, a paragraph list, a SARIF log's results); what lies deeper is small and
 * goes through JSON.stringify, re-indented to its place. LazyArrays are written as arrays.
 */
export function* jsonChunks(value: unknown, indent: number | string = 2): Generator<string> {
  const gap = gapOf(indent);
  const out = new ChunkBuffer();
  const written = yield* writeValue(value, '', 0, gap, out);
  if (!written) return; // undefined, a function or a symbol: JSON.stringify gives undefined, no text
  if (!out.empty) yield out.take();
}

/** The indentation step JSON.stringify uses for `indent` (numbers clamped to 10, strings cut to 10). */
function gapOf(indent: number | string): string {
  const probe = JSON.stringify([0], null, indent);
  return probe === '[0]' ? '' : probe.slice(2, probe.length - 3);
}

/** Writes one value; false when JSON leaves it out (undefined, functions, symbols). */
function* writeValue(
  value: unknown,
  at: string,
  depth: number,
  gap: string,
  out: ChunkBuffer,
): Generator<string, boolean> {
  const opened = depth <= OPENED_DEPTH && isContainer(value);
  if (!opened) {
    const text = JSON.stringify(value, null, gap);
    if (text === undefined) return false;
    out.add(gap === '' || at === '' ? text : text.replace(/\n/g, `\n${at}`));
  } else if (Array.isArray(value) || value instanceof LazyArray) {
    yield* writeArray(value, at, depth, gap, out);
  } else {
    yield* writeObject(value as Record<string, unknown>, at, depth, gap, out);
  }
  if (out.full) yield out.take();
  return true;
}

/** An array or object JSON.stringify would write member by member (no toJSON, not a boxed primitive). */
function isContainer(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function' &&
    !(value instanceof Number || value instanceof String || value instanceof Boolean)
  );
}

function* writeArray(
  array: readonly unknown[] | LazyArray<unknown>,
  at: string,
  depth: number,
  gap: string,
  out: ChunkBuffer,
): Generator<string> {
  if (array.length === 0) {
    out.add('[]');
    return;
  }
  const inner = at + gap;
  const open = gap === '' ? '[' : `[\n${inner}`;
  const between = gap === '' ? ',' : `,\n${inner}`;
  const get = array instanceof LazyArray ? array.at : (i: number) => array[i];
  for (let i = 0; i < array.length; i++) {
    out.add(i === 0 ? open : between);
    if (!(yield* writeValue(get(i), inner, depth + 1, gap, out))) out.add('null');
  }
  out.add(gap === '' ? ']' : `\n${at}]`);
}

function* writeObject(
  object: Record<string, unknown>,
  at: string,
  depth: number,
  gap: string,
  out: ChunkBuffer,
): Generator<string> {
  const inner = at + gap;
  const colon = gap === '' ? ':' : ': ';
  let first = true;
  for (const key of Object.keys(object)) {
    const member = object[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    out.add(first ? (gap === '' ? '{' : `{\n${inner}`) : gap === '' ? ',' : `,\n${inner}`);
    out.add(`${JSON.stringify(key)}${colon}`);
    yield* writeValue(member, inner, depth + 1, gap, out);
    first = false;
  }
  out.add(first ? '{}' : gap === '' ? '}' : `\n${at}}`);
}
