import { createReadStream } from 'node:fs';
import { describeValue } from '../errors.js';
import { quoteName } from '../util/controls.js';
import { describeError, InputError } from './walk.js';

/** One document of a JSONL file: its id and text, the line it is on (1-based) and the line itself. */
export interface JsonlRecord {
  id: string;
  text: string;
  line: number;
  /** The line as read: no line ending, no byte-order mark (written back verbatim by `neardup dedup`). */
  raw: string;
}

/** Which fields of a record hold its id and its text; no id field names each record FILE:LINE. */
export interface JsonlFields {
  idField: string | undefined;
  textField: string;
  /** A field no record may have (the one `neardup dedup --level paragraph` adds). */
  reservedField?: string;
}

/**
 * The ids met so far across every JSONL input of a run, so a repeated id is an error that names both
 * places. Each id costs one map entry (a number for where it was seen).
 */
export class RecordIds {
  private readonly seen = new Map<string, number>();
  private readonly files: string[] = [];

  /** Records `id` as seen on `line` of `file`; throws if it was seen before. */
  add(id: string, file: string, line: number): void {
    if (this.files.at(-1) !== file) this.files.push(file);
    const before = this.seen.get(id);
    if (before !== undefined) {
      const beforeFile = this.files[Math.floor(before / 2 ** 32)];
      const where = beforeFile === file ? '' : ` of ${nameOf(beforeFile)}`;
      throw recordError(file, line, `id ${quoteName(id)} is the id of line ${before % 2 ** 32}${where} too`);
    }
    this.seen.set(id, (this.files.length - 1) * 2 ** 32 + line);
  }
}

/**
 * The records of a JSON Lines file (or standard input, `-`), one document a line, read as a stream: a
 * file of any size is never held whole. Blank lines are passed over. A line that is not a JSON object, a
 * missing field, a text that is not a string, an id that is not a string or a number (numbers become
 * their shortest decimal form, String(n)) or an id seen before is an InputError naming the file and the
 * line. Invalid UTF-8 is replaced with U+FFFD, with one warning naming the first line that holds it.
 */
export async function* readJsonl(
  file: string,
  fields: JsonlFields,
  ids: RecordIds,
  { stdin, warn }: { stdin: NodeJS.ReadableStream; warn: (message: string) => void },
): AsyncGenerator<JsonlRecord> {
  let line = 0;
  let warned = false;
  for await (const bytes of lines(file, stdin)) {
    line++;
    let raw: string;
    try {
      raw = strict.decode(bytes);
    } catch {
      raw = lenient.decode(bytes);
      if (!warned) {
        warn(
          `neardup: warning: ${nameOf(file)} is not valid UTF-8 (first at line ${line}); invalid bytes were replaced with U+FFFD`,
        );
        warned = true;
      }
    }
    if (line === 1 && raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.trim() === '') continue;
    const { id, text } = recordOf(raw, file, line, fields);
    ids.add(id, file, line);
    yield { id, text, line, raw };
  }
}

/** The id and text of one line, or the InputError that says what is wrong with it. */
function recordOf(
  raw: string,
  file: string,
  line: number,
  fields: JsonlFields,
): { id: string; text: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw recordError(file, line, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw recordError(file, line, `a JSON object is expected, got ${describeValue(value)}`);
  }
  const record = value as Record<string, unknown>;
  if (fields.reservedField !== undefined && Object.hasOwn(record, fields.reservedField)) {
    throw recordError(
      file,
      line,
      `the record has a field ${quoteName(fields.reservedField)} already, which neardup dedup writes; choose another name with --removed-field`,
    );
  }
  const text = field(record, fields.textField, file, line, '--text-field');
  if (typeof text !== 'string') {
    throw recordError(
      file,
      line,
      `field ${quoteName(fields.textField)} must be a string, got ${describeValue(text)}`,
    );
  }
  if (fields.idField === undefined) return { id: `${file}:${line}`, text };
  const id = field(record, fields.idField, file, line, '--id-field');
  if (typeof id === 'string' && id !== '') return { id, text };
  if (typeof id === 'number' && Number.isFinite(id)) return { id: String(id), text };
  throw recordError(
    file,
    line,
    `field ${quoteName(fields.idField)} must be a non-empty string or a number, got ${describeValue(id)}`,
  );
}

function field(
  record: Record<string, unknown>,
  name: string,
  file: string,
  line: number,
  flag: string,
): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  const keys = Object.keys(record);
  const has =
    keys.length === 0
      ? 'it has no fields'
      : `its fields: ${keys.slice(0, 6).map(quoteName).join(', ')}${keys.length > 6 ? ', …' : ''}`;
  const hint =
    flag === '--id-field'
      ? `; name it with ${flag}, or give --id-field '' to name records FILE:LINE`
      : `; name it with ${flag}`;
  throw recordError(file, line, `no field ${quoteName(name)} (${has})${hint}`);
}

/** An InputError about one line of a JSONL input. */
export function recordError(file: string, line: number, why: string): InputError {
  return new InputError(`neardup: ${nameOf(file)} line ${line}: ${why}`);
}

function nameOf(file: string): string {
  return file === '-' ? 'standard input' : quoteName(file);
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** The lines of a file or standard input as bytes, without their '\n'; a last line without one too. */
async function* lines(file: string, stdin: NodeJS.ReadableStream): AsyncGenerator<Uint8Array> {
  const stream = file === '-' ? stdin : createReadStream(file, { highWaterMark: 1 << 20 });
  let pending: Buffer[] = [];
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      let from = 0;
      for (let end = bytes.indexOf(10); end >= 0; end = bytes.indexOf(10, from)) {
        const piece = bytes.subarray(from, end);
        if (pending.length > 0) {
          pending.push(piece);
          yield Buffer.concat(pending);
          pending = [];
        } else {
          yield piece;
        }
        from = end + 1;
      }
      if (from < bytes.length) pending.push(bytes.subarray(from));
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `neardup: cannot read ${nameOf(file)}: ${describeError(error as NodeJS.ErrnoException)}`,
    );
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}
