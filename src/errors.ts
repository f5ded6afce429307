/**
 * Stable error codes. Callers switch on `code`; messages may be reworded, codes may not.
 */
export type NearDupErrorCode =
  /**
   * The documents argument is not an array (or iterable, where one is taken), a call holds more paragraphs
   * than pair keys can address, or an LshIndex item id is not an integer in range.
   */
  | 'INVALID_INPUT'
  /** A document is neither a string nor `{ id, text }` with a string text and a non-empty string id. */
  | 'INVALID_DOCUMENT'
  /** Two documents share an id. */
  | 'DUPLICATE_ID'
  /** An option has a value of the wrong type or out of range. */
  | 'INVALID_OPTION'
  /** An option name is not one neardup knows (usually a typo). */
  | 'UNKNOWN_OPTION'
  /** bands × rows needs more hash functions than the signature has. */
  | 'BANDS_EXCEED_HASHES'
  /** An optional peer dependency (natural) is needed by the options but is not installed. */
  | 'PEER_DEPENDENCY_MISSING'
  /** A signature passed to a building block has the wrong length or type. */
  | 'INVALID_SIGNATURE'
  /** More flagged (or candidate) pairs than options.maxPairs allows: usually boilerplate repeated many times. */
  | 'TOO_MANY_PAIRS'
  /** Bytes given to loadIndex are not a neardup index of a known format version, or are cut short or damaged. */
  | 'INDEX_FORMAT'
  /**
   * save() of an index larger than one Uint8Array can hold (4 GiB in Node 20): save it in chunks with
   * index.saveChunks() and read it back with loadIndexFrom().
   */
  | 'INDEX_TOO_LARGE'
  /** A saved index was built with parameters that hash differently from the options given to loadIndex. */
  | 'INDEX_MISMATCH'
  /**
   * The storage of a shared index (Redis) failed or could not be reached. No document is half-written; the
   * failed call's batch was taken back, as far as the storage could be reached (README, "A lasting index").
   */
  | 'STORAGE_FAILED'
  /**
   * A rendered report would be longer than the longest string the JavaScript engine can hold (about
   * 512 M characters in V8): render it in chunks instead (renderJsonChunks, renderTextChunks,
   * renderHtmlChunks, renderSarifChunks) and write them to a file or stream one by one.
   */
  | 'REPORT_TOO_LARGE';

// Shared through the global symbol registry, so the ESM and CommonJS builds (two copies of this class,
// as is any second install of neardup) recognise each other's errors.
const BRAND = Symbol.for('neardup.NearDupError');

export class NearDupError extends Error {
  readonly code: NearDupErrorCode;

  /** `instanceof NearDupError` holds for errors from either build of neardup (ESM or CommonJS). */
  static override [Symbol.hasInstance](value: unknown): value is NearDupError {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  constructor(code: NearDupErrorCode, message: string, options?: { cause?: unknown }) {
    super(message.startsWith('neardup:') ? message : `neardup: ${message}`, options);
    this.name = 'NearDupError';
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** A short, safe rendering of any value for error messages. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return `an object (${Object.prototype.toString.call(value)})`;
}
