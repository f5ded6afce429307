import { parseArgs } from 'node:util';
import type { Options } from '../index.js';
import {
  DETECTION_FLAGS,
  DETECTION_USAGE,
  detectionOptions,
  flagNames,
  number,
  UsageError,
  usageErrorOf,
} from './flags.js';

export { UsageError } from './flags.js';

export type Format = 'text' | 'json' | 'html' | 'sarif';
const FORMATS: readonly Format[] = ['text', 'json', 'html', 'sarif'];

export interface CliArgs {
  paths: string[];
  format: Format;
  out: string | undefined;
  /** The library options the detection flags ask for (a --stopwords-file is read by main). */
  options: Options;
  /** --stopwords-file FILE. */
  stopwordsFile: string | undefined;
  /** JSONL fields holding each record's id (undefined: records are named FILE:LINE) and text. */
  idField: string | undefined;
  textField: string;
  failOnDuplicates: boolean;
  /** A saved index to check the inputs against and add them to (created when missing). */
  index: string | undefined;
  /** With --index: how long to wait for another run's lock on the index file, in seconds. */
  lockTimeout: number;
  /** A Redis URL holding a shared index to check the inputs against and add them to. */
  redis: string | undefined;
  /**
   * File name endings searched for in directories, lower case with the dot ('.txt'), '' for names
   * without an ending (LICENSE, Debian's copyright files), '*' for every file. Matched in any case.
   */
  extensions: string[];
  /** Worker threads for the detection, or 'auto' (threads only for large inputs). */
  threads: number | 'auto';
  progress: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: neardup [options] <path...>

       neardup dedup [options] <path...>   (corpus deduplication: neardup dedup --help)

Finds near-duplicate and overlapping paragraphs in text files.
Paths are files, directories (searched recursively for --ext files), or - for standard input.
Document ids in the report are the paths as given. Binary files are skipped with a warning;
JSONL files (.jsonl, .ndjson) are read as one document a line; CSV files are refused.

Options:
  --format text|json|html|sarif  output format (default text; json prints the Report; sarif is SARIF 2.1.0)
  --out FILE                     write the report to FILE instead of standard output
  --ext LIST                     file endings searched in directories, in any case (default .txt,.md);
                                 an empty entry takes names without an ending: --ext '' for only
                                 those (LICENSE, copyright), --ext .txt, for .txt files and those;
                                 --ext '*' takes every file (binary ones are still skipped)
  --fail-on-duplicates           exit with code 1 when anything is flagged
  --index FILE                   check the inputs against the index saved in FILE (created when
                                 missing), report what they duplicate, add them and save it back;
                                 files already indexed with the same text are skipped; runs on
                                 one FILE take turns (FILE.lock)
  --lock-timeout SECONDS         with --index: how long to wait for another run's lock (default 60;
                                 0 refuses at once); past it, exit 2 naming the run that holds it
  --redis URL                    the same with an index shared in Redis (redis://host:port/db);
                                 needs the optional package ioredis
  --threads N|auto               worker threads for the detection (default auto: one below 8 MB of
                                 input files, else one per core); not with --index or --redis
  --progress                     report progress on standard error even when it is not a terminal
                                 or the CI environment variable is set (silent there by default)
  --id-field NAME                JSONL field of each record's id (default id; a number is written
                                 in its shortest decimal form; '' names each record FILE:LINE)
  --text-field NAME              JSONL field of each record's text (default text)
  -h, --help                     show this help
  -v, --version                  show the version

${DETECTION_USAGE}

Exit codes: 0 done, 1 duplicates found with --fail-on-duplicates, 2 usage or input error.
Colour only on a terminal, never with NO_COLOR set.`;

export function parseCli(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usageErrorOf(error, flagNames(MAIN_FLAGS));
  }
  const { values, positionals } = parsed;
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(
      `neardup: --format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`,
    );
  }
  const args: CliArgs = {
    paths: positionals,
    format,
    out: values.out,
    options: detectionOptions(values),
    stopwordsFile: values['stopwords-file'],
    idField: values['id-field'] === '' ? undefined : (values['id-field'] as string),
    textField: fieldName(values['text-field'] as string, '--text-field'),
    failOnDuplicates: values['fail-on-duplicates'] === true,
    index: values.index,
    lockTimeout: lockTimeout(values['lock-timeout'] as string),
    redis: values.redis,
    extensions: parseEndings(values.ext as string),
    threads: threadCount(values.threads as string),
    progress: values.progress === true,
    help: values.help === true,
    version: values.version === true,
  };
  if (args.index !== undefined && args.redis !== undefined) {
    throw new UsageError('neardup: use --index FILE or --redis URL, not both');
  }
  if (args.threads !== 'auto' && (args.index !== undefined || args.redis !== undefined)) {
    throw new UsageError(
      'neardup: --threads does not apply with --index or --redis (they run on one thread)',
    );
  }
  if (!args.help && !args.version && args.paths.length === 0) {
    throw new UsageError('neardup: no input: give files, directories, or - for standard input');
  }
  return args;
}

const MAIN_FLAGS = {
  format: { type: 'string', default: 'text' },
  out: { type: 'string' },
  ext: { type: 'string', default: '.txt,.md' },
  'fail-on-duplicates': { type: 'boolean' },
  index: { type: 'string' },
  'lock-timeout': { type: 'string', default: '60' },
  redis: { type: 'string' },
  threads: { type: 'string', default: 'auto' },
  progress: { type: 'boolean' },
  'id-field': { type: 'string', default: 'id' },
  'text-field': { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  ...DETECTION_FLAGS,
} as const;

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: MAIN_FLAGS });
}

function lockTimeout(value: string): number {
  const n = number(value, '--lock-timeout') as number;
  if (!(n >= 0 && n <= 86_400)) {
    throw new UsageError(
      `neardup: --lock-timeout must be a number of seconds from 0 to 86400, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/**
 * The endings of --ext: comma-separated, with or without the dot, lower-cased; an empty entry stands for
 * names without an ending, so --ext '' takes only those and --ext .txt, both; * takes every file.
 */
export function parseEndings(value: string): string[] {
  const endings = value
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .map((e) => (e === '' || e === '*' || e.startsWith('.') ? e : `.${e}`));
  for (const ending of endings) {
    if (ending === '.' || (ending !== '*' && /[/\\*?]/.test(ending))) {
      throw new UsageError(
        `neardup: --ext takes endings such as .txt,.md ('' for names without one, * for every file), got ${JSON.stringify(value)}`,
      );
    }
  }
  return [...new Set(endings)];
}

export function threadCount(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 1 && n <= 256)) {
    throw new UsageError(
      `neardup: --threads must be auto or a whole number from 1 to 256, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** A JSONL text field name: any non-empty string ('' would name no field). */
export function fieldName(value: string, flag: string): string {
  if (value === '') throw new UsageError(`neardup: ${flag} must name a field, got ""`);
  return value;
}
