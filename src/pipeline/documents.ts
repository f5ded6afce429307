import { describeValue, NearDupError } from '../errors.js';
import type { DocumentInput } from '../types.js';

export interface SourceDocument {
  id: string;
  text: string;
}

/** Validates the input and gives every document an id: its own, or 'doc-N' (1-based position). */
export function readDocuments(input: unknown): SourceDocument[] {
  if (!Array.isArray(input)) {
    throw new NearDupError(
      'INVALID_INPUT',
      `neardup: documents must be an array of strings or { id, text } objects, got ${describeValue(input)}`,
    );
  }
  return readBatch(input, 1);
}

/**
 * Reads documents one at a time (from an array or a stream), numbering them and rejecting repeated ids.
 * Unnamed ones are doc-N, N counting by position from `firstNumber` (named ones use up a number too).
 */
export class DocumentReader {
  private readonly seen = new Map<string, number>();
  private position = 0;

  constructor(private readonly firstNumber = 1) {}

  read(item: unknown): SourceDocument {
    const position = this.position++;
    const document = readDocument(item as DocumentInput, position, this.firstNumber + position);
    const earlier = this.seen.get(document.id);
    if (earlier !== undefined) {
      throw new NearDupError(
        'DUPLICATE_ID',
        `neardup: documents ${earlier} and ${position} (0-based) share the id ${JSON.stringify(document.id)}`,
      );
    }
    this.seen.set(document.id, position);
    return document;
  }
}

function readDocument(item: DocumentInput, position: number, number: number): SourceDocument {
  const fallbackId = `doc-${number}`;
  if (typeof item === 'string') return { id: fallbackId, text: item };
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw new NearDupError(
      'INVALID_DOCUMENT',
      `neardup: document ${position} (0-based) must be a string or { id, text }, got ${describeValue(item)}`,
    );
  }
  const { id, text } = item;
  if (id !== undefined && (typeof id !== 'string' || id.length === 0)) {
    throw new NearDupError(
      'INVALID_DOCUMENT',
      `neardup: document ${position} (0-based) has id ${describeValue(id)}; an id must be a non-empty string`,
    );
  }
  const name = id ?? fallbackId;
  if (typeof text !== 'string') {
    throw new NearDupError(
      'INVALID_DOCUMENT',
      `neardup: document ${JSON.stringify(name)} (position ${position}) has text ${describeValue(text)}; text must be a string`,
    );
  }
  return { id: name, text };
}

/**
 * One batch given to a lasting index: validated, unnamed documents named doc-N with N counting from
 * `first` by position, no id twice. Throws before returning anything.
 */
export function readBatch(input: readonly unknown[], first: number): SourceDocument[] {
  const reader = new DocumentReader(first);
  const documents: SourceDocument[] = [];
  // An indexed loop, not .map: a hole in a sparse array is read as undefined and reported, not skipped.
  for (let position = 0; position < input.length; position++) documents.push(reader.read(input[position]));
  return documents;
}

/** The error for adding a document whose id a lasting index already holds. */
export function alreadyIndexed(id: string): never {
  throw new NearDupError(
    'DUPLICATE_ID',
    `neardup: a document with id ${JSON.stringify(id)} is already indexed`,
  );
}
