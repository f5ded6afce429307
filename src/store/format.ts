import { NearDupError } from '../errors.js';
import type { ResolvedOptions } from '../types.js';
import { Xxh32Stream } from '../util/xxh32.js';
import type { IndexEntry } from './entries.js';
import type { IndexParameters } from './parameters.js';

// The binary format of a saved index, written here and read by format-read.ts; docs/index-format.md
// describes it byte by byte.
export const MAGIC = [0x4e, 0x45, 0x41, 0x52, 0x44, 0x55, 0x50, 0x58]; // "NEARDUPX"
export const INDEX_FORMAT_VERSION = 2;

/** Bytes per chunk of saveChunks() unless told: large enough that a write call per chunk costs nothing. */
export const DEFAULT_CHUNK_SIZE = 1 << 20;

export interface SavedIndex {
  /** All resolved options at save time (the parameters above, plus threshold and the rest). */
  options: ResolvedOptions;
  parameters: IndexParameters;
  /** How many documents were ever added (numbers the next unnamed one). */
  serial: number;
  entries: readonly IndexEntry[];
}

const encoder = new TextEncoder();

/**
 * The index as consecutive parts: magic, format version, JSON header, each document's record, and last
 * the XXH32 checksum of every byte before it. One document's parts are made at a time, so writing them
 * out one by one never holds the whole index as bytes.
 */
export function* indexParts(saved: SavedIndex): Generator<Uint8Array> {
  const header = encoder.encode(
    JSON.stringify({
      options: saved.options,
      parameters: saved.parameters,
      serial: saved.serial,
      documents: saved.entries.length,
    }),
  );
  const checksum = new Xxh32Stream(0);
  const parts = [Uint8Array.from(MAGIC), u32s([INDEX_FORMAT_VERSION, header.length]), header];
  for (const part of parts) checksum.update(part);
  yield* parts;
  for (const entry of saved.entries) {
    for (const part of entryParts(entry)) {
      checksum.update(part);
      yield part;
    }
  }
  yield u32s([checksum.digest()]);
}

/** The index as one Uint8Array; INDEX_TOO_LARGE when it is more than one array can hold here. */
export function encodeIndex(saved: SavedIndex): Uint8Array {
  const parts = [...indexParts(saved)];
  const out = oneBuffer(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A Uint8Array of `length` bytes, or INDEX_TOO_LARGE when the platform cannot make one that long. */
export function oneBuffer(length: number): Uint8Array {
  try {
    return new Uint8Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new NearDupError(
      'INDEX_TOO_LARGE',
      `neardup: the index is ${length} bytes, more than one Uint8Array holds here (${error.message}); save it in chunks with index.saveChunks() and load it with loadIndexFrom()`,
    );
  }
}

/**
 * The index as chunks of `chunkSize` bytes (the last one shorter): the bytes of encodeIndex, for indexes
 * of any size. Each chunk is a new array, so a consumer may keep it (a stream's buffer) while the next
 * one is made.
 */
export function* encodeIndexChunks(saved: SavedIndex, chunkSize: number): Generator<Uint8Array> {
  let chunk = new Uint8Array(chunkSize);
  let at = 0;
  for (const part of indexParts(saved)) {
    for (let from = 0; from < part.length; ) {
      const n = Math.min(chunkSize - at, part.length - from);
      chunk.set(part.subarray(from, from + n), at);
      at += n;
      from += n;
      if (at === chunkSize) {
        yield chunk;
        chunk = new Uint8Array(chunkSize);
        at = 0;
      }
    }
  }
  if (at > 0) yield chunk.subarray(0, at);
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
    bytesOf(entry.fingerprintsHigh),
    bytesOf(entry.fingerprintParagraphs),
  ];
}

/** One document record as bytes (what shared storage keeps per document). */
export function encodeEntry(entry: IndexEntry): Uint8Array {
  const parts = entryParts(entry);
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function u32s(values: number[]): Uint8Array {
  return bytesOf(Uint32Array.from(values));
}

export const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

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

/** No lone surrogate (in u mode a pair is one code point, and only a lone half is in \p{Cs}). */
function isWellFormed(value: string): boolean {
  return !/\p{Cs}/u.test(value);
}
