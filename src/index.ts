// Public API: re-exports only.

export { LshIndex } from './candidates/lsh-index.js';
export type { LshParams, LshWeights } from './candidates/lsh-params.js';
export { candidateProbability, optimalParams } from './candidates/lsh-params.js';
export { winnow, winnowingParams } from './candidates/winnowing.js';
export { NearDupError, type NearDupErrorCode } from './errors.js';
export { findBlocks } from './group/blocks.js';
export type { Detector } from './pipeline/detector.js';
export { createDetector, findDuplicates } from './pipeline/detector.js';
export type { Options } from './pipeline/options.js';
export { DEFAULTS, resolveOptions } from './pipeline/options.js';
export type { ProgressCallback, ProgressOptions } from './pipeline/progress.js';
export type { HtmlRenderOptions } from './report/html.js';
export { renderHtml, renderHtmlChunks } from './report/html.js';
export { renderJson, renderJsonChunks } from './report/json.js';
export type { SarifOptions } from './report/sarif.js';
export { renderSarif, renderSarifChunks, toSarif } from './report/sarif.js';
export type { Log as SarifLog } from './report/sarif-log.js';
export type { TextRenderOptions } from './report/text.js';
export { renderText, renderTextChunks } from './report/text.js';
export type { DocumentTexts } from './report/texts.js';
export type { Hasher } from './sketch/hash.js';
export { createHasher, hashSequence, hashWords } from './sketch/hash.js';
export {
  EMPTY_SLOT,
  estimateJaccard,
  permutationKeys,
  SIGNATURE_SCHEME,
  signInto,
} from './sketch/minhash.js';
export { shingleHashes, sortUnique } from './sketch/shingles.js';
export type { NearDupIndex } from './store/lasting-index.js';
export { createIndex, loadIndex, loadIndexFrom } from './store/lasting-index.js';
export type {
  IndexStorage,
  SharedIndex,
  StorageChange,
  StorageChangeResult,
  StoredForm,
} from './store/shared-index.js';
export { LANGUAGES } from './text/language.js';
export type { ParagraphSpan, ParagraphSplitter } from './text/paragraphs.js';
// Building blocks, each usable on its own.
export { splitParagraphs } from './text/paragraphs.js';
export type { Tokens } from './text/tokenize.js';
export { normalizeText, normalizeWord, tokenize } from './text/tokenize.js';
export type {
  Block,
  Cluster,
  ClusterMember,
  DocumentGroup,
  DocumentGroupMember,
  DocumentInput,
  Language,
  Pair,
  PairSide,
  ParagraphInfo,
  ParagraphMode,
  PassageOccurrence,
  RepeatedPassage,
  Report,
  ResolvedOptions,
  Span,
} from './types.js';
export { fmix32 } from './util/fmix32.js';
export type { Alignment } from './verify/metrics.js';
export { containment, editSimilarity, intersectionSize, jaccard } from './verify/metrics.js';
export type { SharedRun } from './verify/shared-runs.js';
export { sharedRuns } from './verify/shared-runs.js';
