import { parseArgs } from 'node:util';
import type { Options } from '../index.js';
import { fieldName, parseEndings, threadCount } from './args.js';
import { DETECTION_FLAGS, detectionOptions, flagNames, UsageError, usageErrorOf } from './flags.js';

export type DedupLevel = 'document' | 'paragraph';
export type DedupKeep = 'first' | 'longest';
/** How --level document finds copies: whole documents as one unit each, or documents of copied paragraphs. */
export type DedupMatch = 'whole' | 'paragraphs';

export interface DedupArgs {
  paths: string[];
  level: DedupLevel;
  keep: DedupKeep;
  match: DedupMatch;
  out: string | undefined;
  clusters: string | undefined;
  /** --level paragraph: the field of each written record that lists its removed paragraphs. */
  removedField: string;
  idField: string | undefined;
  textField: string;
  extensions: string[];
  threads: number | 'auto';
  progress: boolean;
  /** The library options: the detection flags, near duplicates only, paragraphs as the level needs. */
  options: Options;
  stopwordsFile: string | undefined;
  help: boolean;
}

export const DEDUP_USAGE = `Usage: neardup dedup [options] <path...>

Deduplicates a corpus: drops documents that copy another (--level document), or removes from each
document the paragraphs that repeat elsewhere, boilerplate (--level paragraph), and writes what is kept
as JSON Lines, one document a line. Copies are exact or near (Jaccard >= --threshold), every one verified.
Paths are JSONL files (.jsonl, .ndjson: one {"id": …, "text": …} object a line), text files (one document
each, named by its path), directories (searched for --ext files), or - for JSONL on standard input.

Options:
  --level document|paragraph     what is removed: duplicate documents, or repeated paragraphs inside
                                 documents (default document)
  --keep first|longest           which copy stays: the first in input order, or the one with the most
                                 words (the first of those) (default first)
  --match whole|paragraphs       --level document: compare whole documents, each as one unit (default),
                                 or find documents whose paragraphs are copies of another's (at least
                                 --document-share of them, both ways)
  --out FILE                     write the kept documents there (atomically) instead of standard output
  --clusters FILE                write the groups of copies there, one JSON object a line, with the copy kept
  --removed-field NAME           --level paragraph: the field that lists each record's removed paragraphs
                                 (default neardup_removed)
  --id-field NAME                JSONL field of each record's id (default id; a number is written in
                                 its shortest decimal form; '' names each record FILE:LINE)
  --text-field NAME              JSONL field of each record's text (default text)
  --ext LIST                     file endings searched in directories (default .jsonl,.ndjson,.txt,.md)
  --threads N|auto               worker threads (default auto: one below 8 MB of input, else one per core)
  --progress                     progress on standard error even when it is not a terminal
  -h, --help                     show this help

Detection (the library's options):
  --threshold N                  near-duplicate Jaccard threshold, 0 < N <= 1 (default 0.7)
  --paragraphs MODE              auto, blank-line or line: how texts are cut into paragraphs (default auto;
                                 --level paragraph and --match paragraphs only)
  --document-share N             --match paragraphs: share of each document's paragraphs that must be
                                 copies (default 0.8)
  --shingle-size N, --shingle-unit word|char, --num-hashes N, --bands N, --rows N, --seed N,
  --stem LANG, --stopwords LANG, --stopwords-file FILE     as for neardup (neardup --help)

A summary goes to standard error: documents and paragraphs in and out, text bytes removed.
A malformed JSONL line, a missing field or a text that is not a string stops the run (exit 2) naming the
line, and nothing is written. Exit codes: 0 done, 2 usage or input error.`;

const DEDUP_DETECTION_FLAGS = {
  threshold: DETECTION_FLAGS.threshold,
  paragraphs: DETECTION_FLAGS.paragraphs,
  'document-share': DETECTION_FLAGS['document-share'],
  'shingle-size': DETECTION_FLAGS['shingle-size'],
  'shingle-unit': DETECTION_FLAGS['shingle-unit'],
  'num-hashes': DETECTION_FLAGS['num-hashes'],
  bands: DETECTION_FLAGS.bands,
  rows: DETECTION_FLAGS.rows,
  seed: DETECTION_FLAGS.seed,
  stem: DETECTION_FLAGS.stem,
  stopwords: DETECTION_FLAGS.stopwords,
  'stopwords-file': DETECTION_FLAGS['stopwords-file'],
} as const;

const DEDUP_FLAGS = {
  level: { type: 'string', default: 'document' },
  keep: { type: 'string', default: 'first' },
  match: { type: 'string', default: 'whole' },
  out: { type: 'string' },
  clusters: { type: 'string' },
  'removed-field': { type: 'string', default: 'neardup_removed' },
  'id-field': { type: 'string', default: 'id' },
  'text-field': { type: 'string', default: 'text' },
  ext: { type: 'string', default: '.jsonl,.ndjson,.txt,.md' },
  threads: { type: 'string', default: 'auto' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...DEDUP_DETECTION_FLAGS,
} as const;

/** Flags of `neardup` that mean nothing here: dedup compares paragraphs and documents, not passages. */
const NOT_HERE = [
  'min-overlap',
  'no-overlaps',
  'max-pairs',
  'min-block-pairs',
  'passage-paragraphs',
  'bridge-gap',
  'bridge-density',
  'no-bridging',
];

export function parseDedup(argv: readonly string[]): DedupArgs {
  const passage = argv.find((a) => NOT_HERE.some((flag) => a === `--${flag}` || a.startsWith(`--${flag}=`)));
  if (passage !== undefined) {
    throw new UsageError(
      `neardup: ${passage.split('=')[0]} does not apply to neardup dedup: it removes copies, not shared passages`,
    );
  }
  let values: ReturnType<typeof parse>['values'];
  let positionals: string[];
  try {
    ({ values, positionals } = parse(argv));
  } catch (error) {
    throw usageErrorOf(error, flagNames(DEDUP_FLAGS));
  }
  const level = choice(values.level, '--level', ['document', 'paragraph'] as const);
  const match = choice(values.match, '--match', ['whole', 'paragraphs'] as const);
  if (values.match !== 'whole' && level === 'paragraph') {
    throw new UsageError('neardup: --match applies to --level document only');
  }
  const whole = level === 'document' && match === 'whole';
  if (whole && values.paragraphs !== undefined) {
    throw new UsageError(
      'neardup: --paragraphs does not apply to --level document --match whole (each document is one unit); use it with --match paragraphs or --level paragraph',
    );
  }
  if (!(level === 'document' && match === 'paragraphs') && values['document-share'] !== undefined) {
    throw new UsageError('neardup: --document-share applies to --level document --match paragraphs only');
  }
  const options = detectionOptions(values);
  options.overlaps = false; // copies only: shared passages decide nothing here
  if (whole) options.paragraphs = 'document';
  const args: DedupArgs = {
    paths: positionals,
    level,
    keep: choice(values.keep, '--keep', ['first', 'longest'] as const),
    match,
    out: values.out,
    clusters: values.clusters,
    removedField: fieldName(values['removed-field'] as string, '--removed-field'),
    idField: values['id-field'] === '' ? undefined : (values['id-field'] as string),
    textField: fieldName(values['text-field'] as string, '--text-field'),
    extensions: parseEndings(values.ext as string),
    threads: threadCount(values.threads as string),
    progress: values.progress === true,
    options,
    stopwordsFile: values['stopwords-file'],
    help: values.help === true,
  };
  if (args.out !== undefined && args.out === args.clusters) {
    throw new UsageError('neardup: --out and --clusters must be different files');
  }
  if (!args.help && args.paths.length === 0) {
    throw new UsageError(
      'neardup: no input: give JSONL files, text files, directories, or - for JSONL on standard input',
    );
  }
  return args;
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: DEDUP_FLAGS });
}

function choice<T extends string>(value: unknown, flag: string, allowed: readonly T[]): T {
  if (allowed.includes(value as T)) return value as T;
  throw new UsageError(`neardup: ${flag} must be ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
}
