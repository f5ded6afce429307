import { NearDupError } from '../errors.js';

/** Characters gathered before a renderer hands a chunk on: few chunks, none of them large. */
export const CHUNK_CHARS = 1 << 16;

/** Collects small pieces of output and hands them on joined, about CHUNK_CHARS characters at a time. */
export class ChunkBuffer {
  private parts: string[] = [];
  private size = 0;

  add(piece: string): void {
    this.parts.push(piece);
    this.size += piece.length;
  }

  /** Whether a chunk is ready to be taken. */
  get full(): boolean {
    return this.size >= CHUNK_CHARS;
  }

  get empty(): boolean {
    return this.size === 0;
  }

  /** The pieces gathered so far, joined, and an empty buffer. */
  take(): string {
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return chunk;
  }
}

/**
 * The chunks of a renderer as one string (the string-returning renderers are their chunked forms joined,
 * so both give the same bytes). A result longer than the engine's longest string is a REPORT_TOO_LARGE
 * error that names the chunked form to use instead, not a bare RangeError.
 */
export function joinChunks(chunks: Iterable<string>, renderer: string, chunked: string): string {
  const parts: string[] = [];
  let length = 0;
  for (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
  }
  try {
    return parts.join('');
  } catch (error) {
    if (error instanceof RangeError) throw reportTooLarge(renderer, chunked, length, error);
    throw error;
  }
}

/** The error for output longer than any string can be. */
export function reportTooLarge(
  renderer: string,
  chunked: string,
  length: number | undefined,
  cause: unknown,
): NearDupError {
  const size = length === undefined ? 'longer than' : `${length} characters, over`;
  return new NearDupError(
    'REPORT_TOO_LARGE',
    `neardup: ${renderer}: the report is ${size} the longest string this JavaScript engine can hold; use ${chunked}, which gives the same text in chunks to write one by one (the CLI does)`,
    { cause },
  );
}
