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

/** Arrays longer than this are written element by element wherever they are (and objects holding one). */
const LONG_ARRAY = 256;

/**
 * `JSON.stringify(value, null, indent)` in chunks of about 64 K characters, the same text byte for
 * byte (property tests check). The value and its members are opened and written member by member, and
 * so is any long array (a Report's pairs, a paragraph list, a SARIF log's results) and any object holding
 * one. Everything else goes through JSON.stringify: runs of array elements together (about 32 K
 * characters a call, so chunked JSON costs little more than one JSON.stringify), other values whole, and
 * anything whose text would pass the longest string is opened after all. LazyArrays are written as arrays.
 */
export function* jsonChunks(value: unknown, indent: number | string = 2): Generator<string> {
  const gap = gapOf(indent);
  const out = new ChunkBuffer();
  if (opens(value, 0)) {
    yield* writeContainer(value as object, '', 0, gap, out);
  } else {
    const text = leaf(value, '', gap);
    if (text === undefined) return; // undefined, a function or a symbol: JSON.stringify gives no text
    out.add(text);
  }
  if (!out.empty) yield out.take();
}

/** The indentation step JSON.stringify uses for `indent` (numbers clamped to 10, strings cut to 10). */
function gapOf(indent: number | string): string {
  const probe = JSON.stringify([0], null, indent);
  return probe === '[0]' ? '' : probe.slice(2, probe.length - 3);
}

/** Whether `value`, at `depth`, is written member by member rather than by one JSON.stringify. */
function opens(value: unknown, depth: number): boolean {
  if (!isContainer(value)) return false;
  if (depth <= 1 || isLongArray(value)) return true;
  if (Array.isArray(value)) return false;
  for (const key in value) {
    if (Object.hasOwn(value, key) && isLongArray((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** A long array, or a LazyArray (always opened: JSON.stringify cannot write one). */
function isLongArray(value: unknown): boolean {
  return value instanceof LazyArray || (Array.isArray(value) && value.length > LONG_ARRAY);
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

/** JSON.stringify of a value written whole at indentation `at`; undefined where JSON leaves it out. */
function leaf(value: unknown, at: string, gap: string): string | undefined {
  const text = JSON.stringify(value, null, gap);
  return text === undefined || gap === '' || at === '' ? text : text.replace(/\n/g, `\n${at}`);
}

function* writeContainer(
  value: object,
  at: string,
  depth: number,
  gap: string,
  out: ChunkBuffer,
): Generator<string> {
  if (Array.isArray(value) || value instanceof LazyArray) yield* writeArray(value, at, depth, gap, out);
  else yield* writeObject(value as Record<string, unknown>, at, depth, gap, out);
}

/** Writes one value whole, re-indented to `at`; false when JSON leaves it out (undefined, functions). */
function writeLeaf(value: unknown, at: string, gap: string, out: ChunkBuffer): boolean {
  const text = leaf(value, at, gap);
  if (text === undefined) return false;
  out.add(text);
  return true;
}

/** Characters aimed at per JSON.stringify call over a run of elements none of which is opened. */
const BATCH_CHARS = 1 << 15;

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
  const opener = (i: number) => (i === 0 ? '[' : ',');
  const lead = gap === '' ? '' : `\n${inner}`; // before each element
  const get = array instanceof LazyArray ? array.at : (i: number) => array[i];
  // A run of elements stringified as one array `depth` arrays deep (so JSON.stringify indents it as it
  // stands here, with no re-indenting), cut out of those arrays and out of its own brackets, is
  // "\n<inner>e1,\n<inner>e2…" (or "e1,e2…" without a gap): the elements as written here after a "[" or ",".
  const [before, after] = nesting(depth, gap);
  const closing = gap === '' ? 1 : at.length + 2;
  let batch: unknown[] = [];
  let first = 0;
  let batchSize = 16; // elements, adjusted after each call to come near BATCH_CHARS
  function* flush(): Generator<string> {
    if (batch.length === 0) return;
    let wrapped: unknown = batch;
    for (let d = 0; d < depth; d++) wrapped = [wrapped];
    const text = stringifyOrUndefined(wrapped, gap);
    if (text !== undefined) {
      out.add(opener(first));
      out.add(text.slice(before + 1, text.length - after - closing));
      batchSize = Math.max(1, Math.min(4096, Math.round((batch.length * BATCH_CHARS) / text.length)));
    } else {
      // Too long for one string together: one element at a time, opened if even one is too long.
      for (const [k, element] of batch.entries()) {
        out.add(opener(first + k));
        out.add(lead);
        yield* writeWhole(element, inner, depth + 1, gap, out, 'null');
      }
      batchSize = 1;
    }
    batch = [];
  }
  for (let i = 0; i < array.length; i++) {
    const element = get(i);
    if (!opens(element, depth + 1)) {
      if (batch.length === 0) first = i;
      batch.push(element);
      if (batch.length >= batchSize) yield* flush();
    } else {
      yield* flush();
      out.add(opener(i));
      out.add(lead);
      yield* writeContainer(element as object, inner, depth + 1, gap, out);
    }
    if (out.full) yield out.take();
  }
  yield* flush();
  out.add(gap === '' ? ']' : `\n${at}]`);
}

/** JSON.stringify, or undefined when the text would be longer than any string can be. */
function stringifyOrUndefined(value: unknown, gap: string): string | undefined {
  try {
    return JSON.stringify(value, null, gap);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Writes one value whole with JSON.stringify, or opened when its text is too long for one string (a
 * RangeError: then only a container can be split). `missing` is written when JSON leaves it out.
 */
function* writeWhole(
  value: unknown,
  at: string,
  depth: number,
  gap: string,
  out: ChunkBuffer,
  missing: string,
): Generator<string> {
  let written: boolean;
  try {
    written = writeLeaf(value, at, gap, out);
  } catch (error) {
    if (!(error instanceof RangeError) || !isContainer(value)) throw error;
    yield* writeContainer(value, at, depth, gap, out);
    written = true;
  }
  if (!written) out.add(missing);
  if (out.full) yield out.take();
}

/** Characters JSON.stringify writes before and after an array nested `depth` arrays deep. */
function nesting(depth: number, gap: string): [number, number] {
  let before = 0;
  let after = 0;
  for (let d = 0; d < depth; d++) {
    before += gap === '' ? 1 : 2 + gap.length * (d + 1); // "[\n" and the next level's indent
    after += gap === '' ? 1 : 2 + gap.length * d; // "\n", this level's indent and "]"
  }
  return [before, after];
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
    if (opens(member, depth + 1)) yield* writeContainer(member as object, inner, depth + 1, gap, out);
    else yield* writeWhole(member, inner, depth + 1, gap, out, '');
    if (out.full) yield out.take();
    first = false;
  }
  out.add(first ? '{}' : gap === '' ? '}' : `\n${at}}`);
}
