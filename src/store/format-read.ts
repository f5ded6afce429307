import { describeValue, NearDupError } from '../errors.js';
import type { ParagraphInfo } from '../types.js';
import { Xxh32Stream, xxh32 } from '../util/xxh32.js';
import type { IndexEntry } from './entries.js';
import { INDEX_FORMAT_VERSION, LITTLE_ENDIAN, MAGIC, type SavedIndex } from './format.js';
import { checkEntry, checkHeader, fail, type SavedHeader } from './format-checks.js';
import type { IndexParameters } from './parameters.js';
import { runAsync, runSync, type Steps, wait } from './steps.js';

// Reading a saved index (format.ts writes it): from one Uint8Array, or from chunks as they arrive. The
// record layout is read by one set of steps (steps.ts) over either source: synchronously over bytes in
// memory, asynchronously over chunks.

/** Where a reader takes its bytes from, in order. */
interface ByteReader {
  /** The next `count` bytes, or a promise of them when they have not all arrived yet; INDEX_FORMAT past the end. */
  take(count: number): Uint8Array | Promise<Uint8Array>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads bytes written by encodeIndex; throws INDEX_FORMAT on anything else, never returns part of an index. */
export function decodeIndex(bytes: Uint8Array): SavedIndex {
  if (!(bytes instanceof Uint8Array)) fail('loadIndex takes the Uint8Array that save() returned');
  if (bytes.length < 20) fail('these bytes are not a neardup index (no NEARDUPX magic)');
  checkStart(bytes);
  const body = bytes.length - 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(body, true) !== xxh32(bytes, body, 0))
    fail('the index is damaged or cut short (checksum mismatch)');
  const reader = new BufferReader(bytes, 12, body);
  const saved = runSync(readRecords(reader));
  if (reader.at !== body) fail('the index has bytes after its last document');
  return saved;
}

/**
 * Reads the bytes of encodeIndex arriving in chunks of any sizes (an async or sync iterable of
 * Uint8Array, such as a Node read stream), holding at most one record's bytes beyond the index built so
 * far. The checksum comes last: bytes that fail to read are read to the end, and a wrong checksum is
 * reported before what failed to read.
 */
export async function decodeIndexFrom(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<SavedIndex> {
  const reader = new ChunkReader(chunks);
  let start: Uint8Array;
  try {
    start = await reader.take(12);
  } catch (error) {
    if (reader.badChunk) throw error;
    fail('these bytes are not a neardup index (no NEARDUPX magic)');
  }
  checkStart(start);
  let saved: SavedIndex;
  try {
    saved = await runAsync(readRecords(reader));
  } catch (error) {
    const format = error instanceof NearDupError && error.code === 'INDEX_FORMAT' && !reader.badChunk;
    if (format && !(await reader.finish().catch(() => ({ matches: false }))).matches)
      fail('the index is damaged or cut short (checksum mismatch)');
    throw error;
  }
  const { matches, extra } = await reader.finish();
  if (!matches) fail('the index is damaged or cut short (checksum mismatch)');
  if (extra > 0) fail('the index has bytes after its last document');
  return saved;
}

/** Reads one record written by encodeEntry; throws INDEX_FORMAT when it is not exactly one. */
export function decodeEntry(bytes: Uint8Array, bands: number): IndexEntry {
  const reader = new BufferReader(bytes, 0, bytes.length);
  const entry = runSync(readEntry(reader, bands));
  if (reader.at !== bytes.length) fail('a stored document record has bytes after its end');
  checkEntry(entry, new Set());
  return entry;
}

/** The magic and the format version, in the first 12 bytes. */
function checkStart(bytes: Uint8Array): void {
  if (MAGIC.some((b, i) => bytes[i] !== b)) fail('these bytes are not a neardup index (no NEARDUPX magic)');
  const version = new DataView(bytes.buffer, bytes.byteOffset, 12).getUint32(8, true);
  if (version !== INDEX_FORMAT_VERSION) {
    const fix =
      version < INDEX_FORMAT_VERSION
        ? 'an older neardup wrote it: build the index again from the documents'
        : 'a newer neardup wrote it';
    fail(`index format version ${version}; this neardup reads version ${INDEX_FORMAT_VERSION} (${fix})`);
  }
}

/** The header and every document record after it, checked. */
function* readRecords(reader: ByteReader): Steps<SavedIndex> {
  const header: SavedHeader = checkHeader(text(yield* wait(reader.take(yield* u32(reader)))));
  const bands = header.parameters.bands as number;
  const entries: IndexEntry[] = [];
  const ids = new Set<string>();
  for (let d = 0; d < header.documents; d++) {
    const entry = yield* readEntry(reader, bands);
    checkEntry(entry, ids);
    entries.push(entry);
  }
  return {
    options: header.options,
    parameters: header.parameters as unknown as IndexParameters,
    serial: header.serial,
    entries,
  };
}

function* readEntry(reader: ByteReader, bands: number): Steps<IndexEntry> {
  const id = text(yield* wait(reader.take(yield* u32(reader))));
  const encoding = yield* u32(reader);
  if (encoding > 1) fail(`the index has text encoding ${encoding} (0 is UTF-8, 1 UTF-16)`);
  const raw = yield* wait(reader.take(yield* u32(reader)));
  const docText = encoding === 1 ? fromUtf16(raw) : text(raw);
  const n = yield* u32(reader);
  const infos = yield* u32array(reader, n * 4);
  const paragraphs: ParagraphInfo[] = Array.from({ length: n }, (_, i) => ({
    index: infos[i * 4],
    start: infos[i * 4 + 1],
    end: infos[i * 4 + 2],
    words: infos[i * 4 + 3],
  }));
  const setOffsets = yield* u32array(reader, n + 1);
  const setValues = yield* u32array(reader, setOffsets[n]);
  const bandKeys = yield* u32array(reader, n * bands);
  const f = yield* u32(reader);
  return {
    doc: { id, text: docText },
    paragraphs,
    setOffsets,
    setValues,
    bandKeys,
    fingerprints: yield* u32array(reader, f),
    fingerprintsHigh: yield* u32array(reader, f),
    fingerprintParagraphs: yield* u32array(reader, f),
  };
}

function* u32(reader: ByteReader): Steps<number> {
  const b = yield* wait(reader.take(4));
  return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
}

function* u32array(reader: ByteReader, count: number): Steps<Uint32Array> {
  const slice = yield* wait(reader.take(count * 4));
  if (LITTLE_ENDIAN) return new Uint32Array(new Uint8Array(slice).buffer); // a copy: aligned even when the input view is not
  const out = new Uint32Array(count);
  const data = new DataView(slice.buffer, slice.byteOffset, slice.byteLength);
  for (let i = 0; i < count; i++) out[i] = data.getUint32(i * 4, true);
  return out;
}

/** Bytes[at, end) of one array in memory. */
class BufferReader implements ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {}

  take(count: number): Uint8Array {
    if (count > this.end - this.at) fail('the index is cut short');
    const slice = this.bytes.subarray(this.at, this.at + count);
    this.at += count;
    return slice;
  }
}

/**
 * Bytes arriving in chunks, each taken once and hashed as it is taken (the checksum covers every byte
 * before the last four). A take within the chunk at hand answers at once; a longer one waits for enough
 * chunks, which it holds as they are until it has them all, so a damaged length asks for no memory the
 * input does not hold.
 */
class ChunkReader implements ByteReader {
  private readonly chunks: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private chunk: Uint8Array = new Uint8Array(0);
  private at = 0;
  private readonly checksum = new Xxh32Stream(0);
  /** Set when a chunk was not bytes (a caller's mistake, not damage the checksum could show). */
  badChunk = false;

  constructor(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>) {
    const source = chunks as Partial<AsyncIterable<Uint8Array> & Iterable<Uint8Array>> | null;
    const asyncIterator = source?.[Symbol.asyncIterator];
    const iterator = source?.[Symbol.iterator];
    if (typeof asyncIterator === 'function') this.chunks = asyncIterator.call(source);
    else if (typeof iterator === 'function' && !(source instanceof Uint8Array))
      this.chunks = iterator.call(source);
    else
      fail(
        `loadIndexFrom takes an iterable of Uint8Array chunks (a read stream), got ${describeValue(chunks)}`,
      );
  }

  take(count: number): Uint8Array | Promise<Uint8Array> {
    if (count <= this.chunk.length - this.at) {
      const slice = this.chunk.subarray(this.at, this.at + count);
      this.at += count;
      this.checksum.update(slice);
      return slice;
    }
    return this.gather(count);
  }

  /**
   * Reads what is left: whether the last four bytes are the checksum of all before them, and how many
   * bytes lie between the reading position and them.
   */
  async finish(): Promise<{ matches: boolean; extra: number }> {
    let held: Uint8Array = new Uint8Array(0); // the last bytes seen, at most 4: the checksum once the input ends
    let left = 0;
    for (let piece: Uint8Array | undefined = this.rest(); piece !== undefined; piece = await this.next()) {
      left += piece.length;
      const all = held.length === 0 ? piece : concat([held, piece], held.length + piece.length);
      const cut = Math.max(0, all.length - 4);
      this.checksum.update(all.subarray(0, cut));
      held = all.slice(cut);
    }
    const stored =
      held.length === 4 ? (held[0] | (held[1] << 8) | (held[2] << 16) | (held[3] << 24)) >>> 0 : -1;
    return { matches: stored === this.checksum.digest(), extra: Math.max(0, left - 4) };
  }

  private async gather(count: number): Promise<Uint8Array> {
    const pieces = [this.rest()];
    let have = pieces[0].length;
    while (have < count) {
      const piece = await this.next();
      if (piece === undefined) fail('the index is cut short');
      pieces.push(piece);
      have += piece.length;
    }
    const last = pieces[pieces.length - 1];
    const usedOfLast = last.length - (have - count);
    pieces[pieces.length - 1] = last.subarray(0, usedOfLast);
    this.chunk = last;
    this.at = usedOfLast;
    const out = concat(pieces, count);
    this.checksum.update(out);
    return out;
  }

  /** The unread part of the chunk at hand (perhaps empty), marked read. */
  private rest(): Uint8Array {
    const rest = this.chunk.subarray(this.at);
    this.at = this.chunk.length;
    return rest;
  }

  /** The next non-empty chunk, or undefined at the end. */
  private async next(): Promise<Uint8Array | undefined> {
    for (;;) {
      const { value, done } = await this.chunks.next();
      if (done) return undefined;
      if (!(value instanceof Uint8Array)) {
        this.badChunk = true;
        fail(`loadIndexFrom takes chunks of bytes (Uint8Array), got ${describeValue(value)}`);
      }
      if (value.length > 0) return value;
    }
  }
}

function concat(pieces: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function text(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    fail('the index holds text that is not UTF-8');
  }
}

function fromUtf16(bytes: Uint8Array): string {
  if (bytes.length % 2 !== 0) fail('the index holds a damaged UTF-16 text');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) out += String.fromCharCode(view.getUint16(i, true));
  return out;
}
