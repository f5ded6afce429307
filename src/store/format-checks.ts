import { NearDupError } from '../errors.js';
import { resolveOptions } from '../pipeline/options.js';
import type { ResolvedOptions } from '../types.js';
import type { IndexEntry } from './entries.js';

// The checks loadIndex makes beyond lengths and the checksum: a header of the right shape, saved options
// that agree with the saved parameters, and records whose numbers point inside themselves. Anything else
// would load and then crash later, so it is INDEX_FORMAT.

export function fail(why: string): never {
  throw new NearDupError('INDEX_FORMAT', `neardup: ${why}`);
}

/** The parameters that decide the stored hashes; the schemes' names are strings, the rest option values. */
const PARAMETER_CHECKS: Record<string, (v: unknown) => boolean> = {
  tokenizer: (v) => typeof v === 'string',
  signatureScheme: (v) => typeof v === 'string',
  shingleSize: positiveInteger,
  shingleUnit: (v) => v === 'word' || v === 'char',
  seed: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0xffffffff,
  numHashes: positiveInteger,
  bands: positiveInteger,
  rows: positiveInteger,
  minOverlapWords: positiveInteger,
  overlaps: (v) => typeof v === 'boolean',
  paragraphs: (v) => typeof v === 'string',
  stem: (v) => v === false || typeof v === 'string',
  stopwords: (v) =>
    v === false || typeof v === 'string' || (Array.isArray(v) && v.every((w) => typeof w === 'string')),
};

/** Throws INDEX_FORMAT unless `parameters` has exactly the parameters of this format, each of its type. */
export function checkParameters(parameters: Record<string, unknown>, where: string): void {
  for (const [key, check] of Object.entries(PARAMETER_CHECKS))
    if (!check(parameters[key])) fail(`${where} has parameter ${key} = ${JSON.stringify(parameters[key])}`);
  if (Object.keys(parameters).length !== Object.keys(PARAMETER_CHECKS).length)
    fail(`${where} has parameters this format does not have`);
}

export interface SavedHeader {
  options: ResolvedOptions;
  parameters: Record<string, unknown>;
  serial: number;
  documents: number;
}

/** The parsed header JSON, checked: its shape, and saved options that are valid and agree with the parameters. */
export function checkHeader(json: string): SavedHeader {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    fail('the index header is not JSON');
  }
  if (!isObject(value)) fail('the index header is not a JSON object');
  const { options, parameters, serial, documents } = value;
  if (!isObject(options) || !isObject(parameters)) fail('the index header has no options or parameters');
  if (!Number.isSafeInteger(documents) || (documents as number) < 0)
    fail(`the index header gives ${JSON.stringify(documents)} documents`);
  if (!Number.isSafeInteger(serial) || (serial as number) < (documents as number))
    fail(`the index header gives serial ${JSON.stringify(serial)} for ${documents} documents`);
  checkParameters(parameters, 'the index header');
  for (const key of Object.keys(PARAMETER_CHECKS)) {
    if (key !== 'tokenizer' && key !== 'signatureScheme' && !same(options[key], parameters[key])) {
      fail(
        `the index header has option ${key} = ${JSON.stringify(options[key])} but parameter ${JSON.stringify(parameters[key])}`,
      );
    }
  }
  try {
    resolveOptions({
      ...options,
      paragraphs: options.paragraphs === 'custom' ? undefined : options.paragraphs,
    });
  } catch (error) {
    fail(`the index header holds options that are not valid (${(error as Error).message})`);
  }
  return {
    options: options as unknown as ResolvedOptions,
    parameters,
    serial: serial as number,
    documents: documents as number,
  };
}

/** Throws INDEX_FORMAT unless every number in the record points inside it. */
export function checkEntry(entry: IndexEntry, ids: Set<string>): void {
  const { doc, paragraphs, setOffsets, setValues, fingerprintParagraphs } = entry;
  const where = `the stored document ${JSON.stringify(doc.id)}`;
  if (ids.has(doc.id)) fail(`the index holds two documents with the id ${JSON.stringify(doc.id)}`);
  ids.add(doc.id);
  let previousEnd = 0;
  for (const [i, p] of paragraphs.entries()) {
    if (p.index !== i || p.start < previousEnd || p.end < p.start || p.end > doc.text.length)
      fail(
        `${where} has paragraph ${i} at ${p.index} [${p.start}, ${p.end}), outside its text or out of order`,
      );
    previousEnd = p.end;
  }
  if (setOffsets[0] !== 0) fail(`${where} has shingle sets that do not start at 0`);
  for (let i = 0; i < paragraphs.length; i++) {
    const from = setOffsets[i];
    const to = setOffsets[i + 1];
    if (to < from) fail(`${where} has shingle-set offsets that go backwards`);
    for (let v = from + 1; v < to; v++)
      if (setValues[v] <= setValues[v - 1]) fail(`${where} has a shingle set that is not sorted and unique`);
  }
  for (const p of fingerprintParagraphs)
    if (p >= paragraphs.length)
      fail(`${where} has a fingerprint of paragraph ${p}, beyond its ${paragraphs.length}`);
}

function positiveInteger(v: unknown): boolean {
  return Number.isSafeInteger(v) && (v as number) > 0;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
