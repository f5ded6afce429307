import { NearDupError } from '../errors.js';
import { type Options, resolveOptions } from '../pipeline/options.js';
import { SIGNATURE_SCHEME } from '../sketch/minhash.js';
import type { ParagraphSplitter } from '../text/paragraphs.js';
import { TOKENIZER_VERSION } from '../text/tokenize.js';
import type { ResolvedOptions } from '../types.js';

/** Everything that changes the stored features: if one differs, saved hashes mean something else. */
export interface IndexParameters {
  tokenizer: string;
  signatureScheme: string;
  shingleSize: number;
  shingleUnit: ResolvedOptions['shingleUnit'];
  seed: number;
  numHashes: number;
  bands: number;
  rows: number;
  minOverlapWords: number;
  overlaps: boolean;
  paragraphs: ResolvedOptions['paragraphs'];
  stem: ResolvedOptions['stem'];
  stopwords: ResolvedOptions['stopwords'];
}

/** The plain-valued options that change hashes (comparable before options are resolved). */
const PLAIN_HASHING_OPTIONS = [
  'shingleSize',
  'shingleUnit',
  'seed',
  'numHashes',
  'bands',
  'rows',
  'minOverlapWords',
  'overlaps',
] as const;

/** The options that change hashes, in the order the saved header lists them (after the two versions). */
const HASHING_OPTIONS = [...PLAIN_HASHING_OPTIONS, 'paragraphs', 'stem', 'stopwords'] as const;

/** The command-line flag of an option, where the CLI has one. */
const CLI_FLAGS: Partial<Record<string, string>> = {
  minOverlapWords: '--min-overlap',
  threshold: '--threshold',
};

export function indexParameters(options: ResolvedOptions): IndexParameters {
  const values = Object.fromEntries(HASHING_OPTIONS.map((key) => [key, options[key]]));
  if (Array.isArray(options.stopwords)) values.stopwords = [...options.stopwords];
  return { tokenizer: TOKENIZER_VERSION, signatureScheme: SIGNATURE_SCHEME, ...values } as IndexParameters;
}

/**
 * The one rule for opening a stored index (a saved file, or shared storage such as Redis) with options:
 * what decides the stored hashes (the tokenizer and signature scheme, and HASHING_OPTIONS, bands and rows
 * included) stays as stored, and an option given that would change it throws INDEX_MISMATCH naming the
 * option (and its CLI flag) and `where` the index is; everything else (threshold, maxPairs, maxEditChars,
 * minBlockPairs, …) may change. Options not given are the ones `saved` with the index (a saved file keeps
 * them all; shared storage only the parameters, so there the rest are the defaults). A custom paragraph
 * splitter must be given again.
 */
export function resolveStoredOptions(
  where: string,
  parameters: IndexParameters,
  given: Options | undefined,
  saved?: ResolvedOptions,
): { resolved: ResolvedOptions; splitter: ParagraphSplitter | undefined } {
  if (typeof given !== 'object' || Array.isArray(given)) resolveOptions(given); // throws INVALID_OPTION
  const stored = parameters as unknown as Record<string, unknown>;
  const current: Record<string, unknown> = {
    tokenizer: TOKENIZER_VERSION,
    signatureScheme: SIGNATURE_SCHEME,
  };
  for (const key of ['tokenizer', 'signatureScheme'])
    if (stored[key] !== current[key]) throw mismatch(where, key, stored[key], current[key]);
  if (parameters.paragraphs === 'custom' && typeof given?.paragraphs !== 'function') {
    throw new NearDupError(
      'INDEX_MISMATCH',
      `neardup: ${where} was built with a custom paragraph splitter; pass the same function as options.paragraphs`,
    );
  }
  // Options that fix hashes directly are compared before they are resolved (else numHashes 64 against the
  // stored bands × rows would fail as BANDS_EXCEED_HASHES, hiding the real reason).
  for (const key of PLAIN_HASHING_OPTIONS) {
    if (given?.[key] !== undefined && given[key] !== stored[key])
      throw mismatch(where, key, stored[key], given[key]);
  }
  const storedValues = Object.fromEntries(HASHING_OPTIONS.map((key) => [key, stored[key]]));
  if (parameters.paragraphs === 'custom') storedValues.paragraphs = undefined;
  const { resolved, splitter } = resolveOptions({
    ...withoutCustom(saved),
    ...storedValues,
    ...defined(given),
  });
  const resolvedParameters = indexParameters(resolved) as unknown as Record<string, unknown>;
  for (const key of HASHING_OPTIONS) {
    if (JSON.stringify(resolvedParameters[key]) !== JSON.stringify(stored[key]))
      throw mismatch(where, key, stored[key], resolvedParameters[key]);
  }
  return { resolved, splitter };
}

/** Saved options as options to resolve again ('custom' paragraphs are the splitter given, not a mode). */
function withoutCustom(saved: ResolvedOptions | undefined): Options {
  if (saved === undefined) return {};
  return { ...saved, paragraphs: saved.paragraphs === 'custom' ? undefined : saved.paragraphs };
}

function mismatch(where: string, key: string, stored: unknown, given: unknown): NearDupError {
  const value = JSON.stringify(stored);
  const flag = CLI_FLAGS[key];
  const fix =
    key === 'tokenizer' || key === 'signatureScheme'
      ? 'this neardup cannot read it; build the index again'
      : `${flag ? `run with ${flag} ${value} or without ${flag}` : `give ${key} ${value} or leave it out`}, or build a new index`;
  return new NearDupError(
    'INDEX_MISMATCH',
    `neardup: ${where} was saved with ${key} = ${value}${flag ? ` (${flag} ${value})` : ''}, these options give ${JSON.stringify(given)}: ${fix}`,
  );
}

/** The options given, without keys whose value is undefined (which would hide a stored value). */
function defined(given: Options | undefined): Options {
  return Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined)) as Options;
}
