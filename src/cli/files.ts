import { readFile } from 'node:fs/promises';
import { quoteName } from '../util/controls.js';
import { type JsonlFields, RecordIds, readJsonl } from './jsonl.js';
import { describeError, endingOf, InputError } from './walk.js';

export interface InputDocument {
  id: string;
  text: string;
  /** A JSONL record's line (1-based) and the line itself; absent for a whole file. */
  line?: number;
  raw?: string;
  /** The input (path, or '-') it came from. */
  input: string;
}

/** How JSON Lines inputs are read: their fields, and whether standard input is one. */
export interface RecordReading extends JsonlFields {
  stdinIsJsonl: boolean;
}

/** File endings read as JSON Lines, one document a line. */
export const JSONL_ENDINGS = new Set(['.jsonl', '.ndjson']);

/** Whether an input is read as JSON Lines (by its ending, or standard input when told so). */
export function isJsonl(id: string, records: RecordReading): boolean {
  return id === '-' ? records.stdinIsJsonl : JSONL_ENDINGS.has(endingOf(id));
}

/**
 * Reads the listed inputs as UTF-8 and yields them in order, with at most `concurrency` reads in
 * flight, so detection indexes each file while the next ones load. A JSON Lines input (`records`) is
 * streamed when its turn comes, one document a record (see readJsonl); ids must differ across them. Invalid UTF-8 is decoded with U+FFFD
 * replacement characters and reported through `warn`, naming the file. Binary files (a NUL byte in the
 * first 8,000 bytes, git's test) are skipped with a warning naming them; when every input is binary,
 * that is an InputError.
 */
export async function* streamInputs(
  inputs: readonly string[],
  {
    concurrency = 32,
    warn,
    stdin = process.stdin,
    readFile: readBytes = readFile,
    records = { idField: 'id', textField: 'text', stdinIsJsonl: false },
  }: {
    concurrency?: number;
    warn: (message: string) => void;
    stdin?: NodeJS.ReadableStream;
    /** Reads one file's bytes (default: node:fs/promises readFile); its errors become InputErrors. */
    readFile?: (path: string) => Promise<Uint8Array>;
    records?: RecordReading;
  },
): AsyncGenerator<InputDocument> {
  const ids = new RecordIds();
  // Files are read concurrently but their warnings are held until the file's turn, so they come
  // out in input order whatever order the reads finish in.
  const read = async (id: string): Promise<Read> => {
    if (isJsonl(id, records)) return { records: true, warnings: [] }; // streamed when its turn comes
    const bytes = id === '-' ? await readStream(stdin) : await readFileBytes(id, readBytes);
    const nul = bytes.subarray(0, BINARY_PROBE_BYTES).indexOf(0);
    if (nul >= 0)
      return { warnings: [`neardup: warning: skipped ${nameOf(id)}: ${binaryReason(bytes, nul)}`] };
    const warnings: string[] = [];
    const text = decode(bytes, id, (message) => warnings.push(message));
    return { document: { id, text, input: id }, warnings };
  };
  const pending: Promise<Read>[] = [];
  let binary = 0;
  let next = 0;
  const start = () => {
    const reading = read(inputs[next++]);
    reading.catch(() => {}); // handled when its turn comes; not an unhandled rejection meanwhile
    pending.push(reading);
  };
  while (next < inputs.length && pending.length < concurrency) start();
  let turn = 0;
  while (pending.length > 0) {
    const { document, records: isRecords, warnings } = await (pending.shift() as Promise<Read>);
    const input = inputs[turn++];
    if (next < inputs.length) start();
    for (const message of warnings) warn(message);
    if (isRecords) {
      for await (const record of readJsonl(input, records, ids, { stdin, warn })) {
        yield { ...record, input };
      }
    } else if (document === undefined) binary++;
    else yield document;
  }
  if (binary > 0 && binary === inputs.length) {
    throw new InputError(
      `neardup: ${binary === 1 ? 'the input is' : `all ${binary} inputs are`} binary (NUL bytes), nothing to compare; neardup reads text files`,
    );
  }
}

/** One input read: its document (none when skipped), or a JSONL input to stream at its turn, and the
 * warnings to print at its turn. */
interface Read {
  document?: InputDocument;
  records?: true;
  warnings: string[];
}

/** Bytes searched for a NUL, as git does to tell binary files from text. */
export const BINARY_PROBE_BYTES = 8000;

/** Why a file with a NUL byte at `nul` is skipped: UTF-16 text says so, anything else is binary. */
function binaryReason(bytes: Uint8Array, nul: number): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return utf16
    ? 'UTF-16 text (byte-order mark); convert it to UTF-8 (for example iconv -f UTF-16 -t UTF-8)'
    : `binary content (a NUL byte at byte ${nul})`;
}

function nameOf(id: string): string {
  return id === '-' ? 'standard input' : quoteName(id);
}

async function readFileBytes(
  path: string,
  readBytes: (path: string) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  return Promise.resolve()
    .then(() => readBytes(path))
    .catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`neardup: cannot read ${quoteName(path)}: ${describeError(error)}`);
    });
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

// ignoreBOM keeps a byte-order mark as U+FEFF, as readFileSync(path, 'utf8') does, so offsets in the
// CLI's report are the same as findDuplicates gives for the same file read by hand.
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

function decode(bytes: Uint8Array, id: string, warn: (message: string) => void): string {
  try {
    return strict.decode(bytes);
  } catch {
    warn(`neardup: warning: ${nameOf(id)} is not valid UTF-8; invalid bytes were replaced with U+FFFD`);
    return lenient.decode(bytes);
  }
}
