// Plain data shared by every layer: what goes in, what comes out, and the options in use. Imports nothing.

/** A document: plain text (id assigned as 'doc-N', 1-based) or an id with its text. */
export type DocumentInput = string | { id?: string; text: string };

export interface ParagraphInfo {
  index: number;
  /** [start, end) offsets into the document's original text. */
  start: number;
  end: number;
  /** Number of word tokens. */
  words: number;
}

export interface PairSide {
  doc: string;
  paragraph: number;
}

export interface Span {
  /** [start, end) offsets into document a's original text. */
  a: [number, number];
  /** [start, end) offsets into document b's original text. */
  b: [number, number];
  /** Words of the shared passage matched on both sides. */
  words: number;
  /**
   * Word edits (substitutions, insertions, deletions) inside a passage bridged across them; absent for
   * an exact run of shared words. See docs/passages.md.
   */
  edits?: number;
}

export interface Pair {
  /** Comes first in input order (same document: the lower paragraph index). */
  a: PairSide;
  b: PairSide;
  kind: 'exact' | 'near' | 'overlap';
  /** Exact Jaccard similarity of the two shingle sets, 0..1. */
  jaccard: number;
  /** |A∩B| / min(|A|, |B|) of the shingle sets, 0..1. */
  containment: number;
  /** 1 − levenshtein / max length, on the normalised texts. */
  similarity: number;
  /** Shared passages, longest first. */
  spans: Span[];
}

export interface Block {
  /** Inclusive paragraph range. */
  a: { doc: string; from: number; to: number };
  b: { doc: string; from: number; to: number };
  pairs: number;
  /** Mean Jaccard over the block's pairs. */
  jaccard: number;
}

export interface Report {
  version: 2;
  options: ResolvedOptions;
  documents: { id: string; paragraphs: ParagraphInfo[] }[];
  pairs: Pair[];
  blocks: Block[];
  stats: { documents: number; paragraphs: number; candidates: number; pairs: number; ms: number };
}

/** Languages with a stemmer and a stopword list in `natural`. */
export type Language =
  | 'english'
  | 'german'
  | 'spanish'
  | 'french'
  | 'italian'
  | 'dutch'
  | 'norwegian'
  | 'portuguese'
  | 'russian'
  | 'swedish';

/** How documents are cut into paragraphs by the built-in splitter (see splitParagraphs). */
export type ParagraphMode = 'auto' | 'blank-line' | 'line';

/** Every option with the value in use (resolveOptions fills in the defaults; the Report carries it). */
export interface ResolvedOptions {
  threshold: number;
  numHashes: number;
  shingleSize: number;
  shingleUnit: 'word' | 'char';
  minOverlapWords: number;
  overlaps: boolean;
  bridgeGap: number;
  bridgeDensity: number;
  /** The mode used; 'custom' when a function was given. */
  paragraphs: ParagraphMode | 'custom';
  seed: number;
  bands: number;
  rows: number;
  falsePositiveWeight: number;
  falseNegativeWeight: number;
  minCandidateProbability: number;
  maxEditChars: number;
  minBlockPairs: number;
  maxPairs: number;
  stem: false | Language;
  stopwords: false | Language | string[];
}
