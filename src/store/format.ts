import type { ParagraphInfo, ResolvedOptions } from '../types.js';
import { xxh32 } from '../util/xxh32.js';
import type { IndexEntry } from './entries.js';
import { checkEntry, checkHeader, fail } from './format-checks.js';
import type { IndexParameters } from './parameters.js';

// The binary format of a saved index; docs/index-format.md describes it byte by byte.
const MAGIC = [0x4e, 0x45, 0x41, 0x52, 0x44, 0x55, 0x50, 0x58]; // "NEARDUPX"
export const INDEX_FORMAT_VERSION = 1;

export interface SavedIndex {
  /** All resolved options at save time (the parameters above, plus threshold and the rest). */
  options: ResolvedOptions;
  parameters: IndexParameters;
  /** How many documents were ever added (numbers the next unnamed one). */
  serial: number;
  entries: IndexEntry[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The index as bytes: magic, format version, JSON header, documents, XXH32 checksum. */
export function encodeIndex(saved: SavedIndex): Uint8Array {
  const header = encoder.encode(
    JSON.stringify({
      options: saved.options,
      parameters: saved.parameters,
      serial: saved.serial,
      documents: saved.entries.length,
    }),
  );
  const parts: Uint8Array[] = [Uint8Array.from(MAGIC), u32s([INDEX_FORMAT_VERSION, header.length]), header];
  for (const entry of saved.entries) parts.push(...entryParts(entry));
  parts.push(new Uint8Array(4)); // the checksum, written below
  const bytes = concat(parts);
  const length = bytes.length - 4;
  new DataView(bytes.buffer).setUint32(length, xxh32(bytes, length, 0), true);
  return bytes;
}

/** One document record (the layout of docs/index-format.md), as parts to concatenate. */
function entryParts(entry: IndexEntry): Uint8Array[] {
  const id = encoder.encode(entry.doc.id);
  // UTF-8 when the text is well-formed; UTF-16 code units otherwise, so lone surrogates survive.
  const wellFormed = isWellFormed(entry.doc.text);
  const text = wellFormed ? encoder.encode(entry.doc.text) : utf16(entry.doc.text);
  const n = entry.paragraphs.length;
  const infos = new Uint32Array(n * 4);
  for (const [i, p] of entry.paragraphs.entries()) infos.set([p.index, p.start, p.end, p.words], i * 4);
  return [
    u32s([id.length]),
    id,
    u32s([wellFormed ? 0 : 1, text.length]),
    text,
    u32s([n]),
    bytesOf(infos),
    bytesOf(entry.setOffsets),
    bytesOf(entry.setValues),
    bytesOf(entry.bandKeys),
    u32s([entry.fingerprints.length]),
    bytesOf(entry.fingerprints),
    bytesOf(entry.fingerprintParagraphs),
  ];
}

/** One document record as bytes (what shared storage keeps per document). */
export function encodeEntry(entry: IndexEntry): Uint8Array {
  return concat(entryParts(entry));
}

/** Reads one record written by encodeEntry; throws INDEX_FORMAT when it is not exactly one. */
export function decodeEntry(bytes: Uint8Array, bands: number): IndexEntry {
  const reader = new RecordReader(bytes, 0, bytes.length);
  const entry = reader.entry(bands);
  if (reader.at !== bytes.length) fail('a stored document record has bytes after its end');
  checkEntry(entry, new Set());
  return entry;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Bounds-checked little-endian reads over bytes[at, end). */
class RecordReader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  take(count: number): Uint8Array {
    if (count > this.end - this.at) fail('the index is cut short');
    const slice = this.bytes.subarray(this.at, this.at + count);
    this.at += count;
    return slice;
  }

  u32(): number {
    this.take(4);
    return this.view.getUint32(this.at - 4, true);
  }

  u32array(count: number): Uint32Array {
    const slice = this.take(count * 4);
    if (LITTLE_ENDIAN) return new Uint32Array(new Uint8Array(slice).buffer); // a copy: aligned even when the input view is not
    const out = new Uint32Array(count);
    const data = new DataView(slice.buffer, slice.byteOffset, slice.byteLength);
    for (let i = 0; i < count; i++) out[i] = data.getUint32(i * 4, true);
    return out;
  }

  entry(bands: number): IndexEntry {
    const id = text(this.take(this.u32()));
    const encoding = this.u32();
    if (encoding > 1) fail(`the index has text encoding ${encoding} (0 is UTF-8, 1 UTF-16)`);
    const utf16Text = encoding === 1;
    const raw = this.take(this.u32());
    const docText = utf16Text ? fromUtf16(raw) : text(raw);
    const n = this.u32();
    const infos = this.u32array(n * 4);
    const paragraphs: ParagraphInfo[] = Array.from({ length: n }, (_, i) => ({
      index: infos[i * 4],
      start: infos[i * 4 + 1],
      end: infos[i * 4 + 2],
      words: infos[i * 4 + 3],
    }));
    const setOffsets = this.u32array(n + 1);
    const setValues = this.u32array(setOffsets[n]);
    const bandKeys = this.u32array(n * bands);
    const f = this.u32();
    return {
      doc: { id, text: docText },
      paragraphs,
      setOffsets,
      setValues,
      bandKeys,
      fingerprints: this.u32array(f),
      fingerprintParagraphs: this.u32array(f),
    };
  }
}

/** Reads bytes written by encodeIndex; throws INDEX_FORMAT on anything else, never returns part of an index. */
export function decodeIndex(bytes: Uint8Array): SavedIndex {
  if (!(bytes instanceof Uint8Array)) fail('loadIndex takes the Uint8Array that save() returned');
  if (bytes.length < 20 || MAGIC.some((b, i) => bytes[i] !== b))
    fail('these bytes are not a neardup index (no NEARDUPX magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version !== INDEX_FORMAT_VERSION) {
    fail(`index format version ${version}; this neardup reads version ${INDEX_FORMAT_VERSION}`);
  }
  const body = bytes.length - 4;
  if (view.getUint32(body, true) !== xxh32(bytes, body, 0))
    fail('the index is damaged or cut short (checksum mismatch)');
  const reader = new RecordReader(bytes, 12, body);
  const header = checkHeader(text(reader.take(reader.u32())));
  const bands = header.parameters.bands as number;
  const entries: IndexEntry[] = [];
  const ids = new Set<string>();
  for (let d = 0; d < header.documents; d++) {
    const entry = reader.entry(bands);
    checkEntry(entry, ids);
    entries.push(entry);
  }
  if (reader.at !== body) fail('the index has bytes after its last document');
  return {
    options: header.options,
    parameters: header.parameters as unknown as IndexParameters,
    serial: header.serial,
    entries,
  };
}

function text(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    fail('the index holds text that is not UTF-8');
  }
}

function u32s(values: number[]): Uint8Array {
  return bytesOf(Uint32Array.from(values));
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The bytes of 32-bit values, little-endian whatever the platform. */
function bytesOf(values: Uint32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) view.setUint32(i * 4, values[i], true);
  return out;
}

function utf16(value: string): Uint8Array {
  const out = new Uint8Array(value.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < value.length; i++) view.setUint16(i * 2, value.charCodeAt(i), true);
  return out;
}

function fromUtf16(bytes: Uint8Array): string {
  if (bytes.length % 2 !== 0) fail('the index holds a damaged UTF-16 text');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) out += String.fromCharCode(view.getUint16(i, true));
  return out;
}

/** No lone surrogate (in u mode a pair is one code point, and only a lone half is in \p{Cs}). */
function isWellFormed(value: string): boolean {
  return !/\p{Cs}/u.test(value);
}
