// Public API: re-exports only.

export { findBlocks } from './blocks.js';
export type { Detector } from './detect.js';
export { createDetector, findDuplicates } from './detect.js';
export { NearDupError, type NearDupErrorCode } from './errors.js';
export type { Hasher } from './hash.js';
export { createHasher, fmix32, hashSequence, hashWords } from './hash.js';
export type { NearDupIndex } from './lasting-index.js';
export { createIndex, loadIndex } from './lasting-index.js';
export { LshIndex } from './lsh.js';
export type { LshParams, LshWeights } from './lsh-params.js';
export { candidateProbability, optimalParams } from './lsh-params.js';
export { EMPTY_SLOT, estimateJaccard, permutationKeys, SIGNATURE_SCHEME, signInto } from './minhash.js';
export type { Language, Options, ResolvedOptions } from './options.js';
export { DEFAULTS, LANGUAGES, resolveOptions } from './options.js';
export { winnow, winnowingParams } from './overlaps.js';
export type { ParagraphMode, ParagraphSpan, ParagraphSplitter } from './paragraphs.js';
// Building blocks, each usable on its own.
export { splitParagraphs } from './paragraphs.js';
export type { HtmlRenderOptions } from './report/html.js';
export { renderHtml } from './report/html.js';
export { renderJson } from './report/json.js';
export type { SarifOptions } from './report/sarif.js';
export { renderSarif, toSarif } from './report/sarif.js';
export type { TextRenderOptions } from './report/text.js';
export { renderText } from './report/text.js';
export type { DocumentTexts } from './report/texts.js';
export type { SharedRun } from './runs.js';
export { sharedRuns } from './runs.js';
export type {
  IndexStorage,
  SharedIndex,
  StorageChange,
  StorageChangeResult,
  StoredForm,
} from './shared-index.js';
export { shingleHashes, sortUnique } from './shingles.js';
export type { Tokens } from './tokenize.js';
export { normalizeText, normalizeWord, tokenize } from './tokenize.js';
export type { Block, DocumentInput, Pair, PairSide, ParagraphInfo, Report, Span } from './types.js';
export type { Alignment } from './verify.js';
export { containment, editSimilarity, intersectionSize, jaccard } from './verify.js';
