// Flags shared by `neardup` and `neardup dedup`: the library's detection options, and how a flag's value
// is read. Range checks are the library's own (resolveOptions), so the CLI and the API say the same thing.
import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import levenshtein from 'fast-levenshtein';
import { type Options, resolveOptions } from '../index.js';
import { quoteName } from '../util/controls.js';
import { describeError, InputError } from './walk.js';

/** A mistake in the command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {}

/** The detection flags as node:util parseArgs options. */
export const DETECTION_FLAGS = {
  threshold: { type: 'string' },
  'min-overlap': { type: 'string' },
  'num-hashes': { type: 'string' },
  'shingle-size': { type: 'string' },
  'shingle-unit': { type: 'string' },
  paragraphs: { type: 'string' },
  'no-overlaps': { type: 'boolean' },
  'bridge-gap': { type: 'string' },
  'bridge-density': { type: 'string' },
  'no-bridging': { type: 'boolean' },
  seed: { type: 'string' },
  bands: { type: 'string' },
  rows: { type: 'string' },
  'max-pairs': { type: 'string' },
  'max-edit-chars': { type: 'string' },
  'min-block-pairs': { type: 'string' },
  'passage-paragraphs': { type: 'string' },
  'document-share': { type: 'string' },
  stem: { type: 'string' },
  stopwords: { type: 'string' },
  'stopwords-file': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The help lines of the detection flags (both commands print them). */
export const DETECTION_USAGE = `Detection (the library's options; defaults as in the library):
  --threshold N                  near-duplicate Jaccard threshold, 0 < N <= 1 (default 0.7)
  --min-overlap N                shortest shared run of words reported as an overlap (default 10)
  --paragraphs MODE              auto, blank-line, line or document (each file one unit) (default auto)
  --shingle-size N               words (or characters) per shingle (default 3 words, 5 characters)
  --shingle-unit word|char       shingle over words or characters (default word)
  --num-hashes N                 MinHash signature length, 16..1024 (default 128)
  --bands N / --rows N           LSH bands and rows per band (default: derived from the threshold)
  --seed N                       hash seed, 0..2^32-1 (default 0)
  --no-overlaps                  look for near duplicates only, not shared passages (faster)
  --bridge-gap N                 most words between two shared runs bridged into one passage (default 3)
  --bridge-density N             least share of a bridged passage's words that match (default 0.8)
  --no-bridging                  exact shared runs only (the same as --bridge-gap 0)
  --max-pairs N                  most overlap pairs before stopping with TOO_MANY_PAIRS (default 1000000)
  --max-edit-chars N             longest paragraph given the exact edit distance (default 10000)
  --min-block-pairs N            fewest consecutive flagged pairs that make a block (default 2)
  --passage-paragraphs N         a passage in this many paragraphs is one repeated passage (default 10)
  --document-share N             share of paragraphs two documents must share to be copies (default 0.8)
  --stem LANG                    stem words (english, german, …; needs the package natural)
  --stopwords LANG               drop a language's stopwords (needs natural)
  --stopwords-file FILE          drop the words listed in FILE (separated by spaces or new lines)`;

/** Plain decimal notation: optional sign, digits with an optional fraction, an optional exponent. */
// Number() alone would also take hex (0x1), binary, "Infinity", blanks and "" (as 0).
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number from a flag, or undefined when absent. Range checks are the library's (same messages). */
export function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!DECIMAL.test(value) || !Number.isFinite(n)) {
    throw new UsageError(`neardup: ${flag} must be a decimal number, got ${JSON.stringify(value)}`);
  }
  return n;
}

type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * The library options the detection flags ask for (only those given, so the library's defaults apply to
 * the rest). A --stopwords-file is read later, by the command (withStopwordsFile).
 */
export function detectionOptions(values: FlagValues): Options {
  const options: Options = {};
  const numeric: [flag: string, option: keyof Options][] = [
    ['threshold', 'threshold'],
    ['min-overlap', 'minOverlapWords'],
    ['num-hashes', 'numHashes'],
    ['shingle-size', 'shingleSize'],
    ['seed', 'seed'],
    ['bridge-gap', 'bridgeGap'],
    ['bridge-density', 'bridgeDensity'],
    ['bands', 'bands'],
    ['rows', 'rows'],
    ['max-pairs', 'maxPairs'],
    ['max-edit-chars', 'maxEditChars'],
    ['min-block-pairs', 'minBlockPairs'],
    ['passage-paragraphs', 'passageParagraphs'],
    ['document-share', 'documentShare'],
  ];
  const set = options as Record<string, unknown>;
  for (const [flag, option] of numeric) {
    const n = number(values[flag] as string | undefined, `--${flag}`);
    if (n !== undefined) set[option] = n;
  }
  // Strings go to the library as given: its messages name the value and what it takes.
  if (values['shingle-unit'] !== undefined) set.shingleUnit = values['shingle-unit'];
  if (values.paragraphs !== undefined) set.paragraphs = values.paragraphs;
  if (values.stem !== undefined) set.stem = values.stem;
  if (values['no-overlaps'] === true) options.overlaps = false;
  if (values['no-bridging'] === true) {
    if (values['bridge-gap'] !== undefined) {
      throw new UsageError(
        'neardup: use --bridge-gap N or --no-bridging (the same as --bridge-gap 0), not both',
      );
    }
    options.bridgeGap = 0;
  }
  if (values.stopwords !== undefined && values['stopwords-file'] !== undefined) {
    throw new UsageError('neardup: use --stopwords LANG or --stopwords-file FILE, not both');
  }
  if (values.stopwords !== undefined) set.stopwords = values.stopwords;
  return options;
}

/**
 * The options with the words of --stopwords-file FILE (separated by whitespace) when it is given,
 * checked by the library before any input is read: a bad value fails at once with the library's message.
 */
export async function checkedOptions(options: Options, stopwordsFile: string | undefined): Promise<Options> {
  let full = options;
  if (stopwordsFile !== undefined) {
    const text = await readFile(stopwordsFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new InputError(
        `neardup: cannot read --stopwords-file ${quoteName(stopwordsFile)}: ${describeError(error)}`,
      );
    });
    full = { ...options, stopwords: text.split(/\s+/).filter((word) => word !== '') };
  }
  resolveOptions(full); // throws the library's NearDupError for a bad value
  return full;
}

/** The flag nearest to a mistyped one, when it is close enough to be the likely intent. */
export function closestFlag(flag: string, flags: readonly string[]): string | undefined {
  const [best] = flags.map((f) => [f, levenshtein.get(flag, f)] as const).sort((x, y) => x[1] - y[1]);
  return best !== undefined && best[1] <= 3 ? best[0] : undefined;
}

/** parseArgs' error as a UsageError, an unknown flag with a "did you mean". */
export function usageErrorOf(error: unknown, flags: readonly string[]): UsageError {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec((error as Error).message)?.[1];
  if (unknown) {
    const hint = closestFlag(unknown, flags);
    return new UsageError(`neardup: unknown option ${unknown}${hint ? ` (did you mean ${hint}?)` : ''}`);
  }
  return new UsageError(`neardup: ${(error as Error).message}`);
}

/** Every long flag of a parseArgs options table, with its dashes (for "did you mean"). */
export function flagNames(options: NonNullable<ParseArgsConfig['options']>): string[] {
  return Object.keys(options).map((name) => `--${name}`);
}
