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
  /**
   * Overlaps and near pairs across clusters: how many paragraph pairs this one stands for, when a or b
   * has exact copies elsewhere (every copy of a with every copy of b: the same words, so the same
   * figures and passages). Absent when the pair stands for itself alone. See docs/groups.md.
   */
  memberPairs?: number;
  /**
   * A pair between two groups (a cluster, or a paragraph in no cluster) is listed once for the two: this
   * one, the highest Jaccard of them. linkedPairs counts the paragraph pairs between the two groups that
   * verification found of this pair's kind, this one and memberPairs included: near pairs on their exact
   * Jaccard; for an overlap, overlaps (groups that are near have no overlap listed or counted). Only pairs
   * that candidate search proposed are counted, so it is a lower bound of the pairs between the groups that
   * are near. Absent when the pair stands for no more than memberPairs. See docs/groups.md.
   */
  linkedPairs?: number;
}

export interface Block {
  /** Inclusive paragraph range. */
  a: { doc: string; from: number; to: number };
  b: { doc: string; from: number; to: number };
  pairs: number;
  /** Mean Jaccard over the block's pairs. */
  jaccard: number;
}

/** A paragraph of a cluster, with its exact Jaccard to the cluster's representative. */
export interface ClusterMember extends PairSide {
  /** Exact Jaccard of this paragraph's shingle set and the representative's (1 for the representative). */
  jaccard: number;
  /**
   * When this paragraph is an exact copy of an earlier member (the same normalised words): that member's
   * position in `members` (the first of its copies). Absent for the first of each text.
   */
  copyOf?: number;
}

/**
 * Paragraphs linked as exact or near duplicates, each listed once. A paragraph joins a cluster only when
 * its own Jaccard to the representative reaches the threshold (no chaining: see docs/groups.md).
 */
export interface Cluster {
  /** Its position in report.clusters. */
  id: number;
  /** 'exact' when every member has the representative's normalised words; 'near' otherwise. */
  kind: 'exact' | 'near';
  /** The cluster's first paragraph in input order; every other member is compared with it. */
  representative: PairSide;
  /** Every paragraph of the cluster once, in input order: the representative first (jaccard 1). */
  members: ClusterMember[];
  /** The lowest Jaccard of a member to the representative. */
  minJaccard: number;
}

/** Where a repeated passage occurs. */
export interface PassageOccurrence extends PairSide {
  /** [start, end) offsets into the document's original text. */
  span: [number, number];
}

/**
 * One passage (a licence sentence, a disclaimer) shared by many otherwise different paragraphs,
 * reported once instead of as overlap pairs between every two of them (docs/groups.md).
 */
export interface RepeatedPassage {
  /** Words of the passage: the same words in every occurrence. */
  words: number;
  /** Each paragraph (distinct text) holding it, in input order. Exact copies of one are in its cluster. */
  occurrences: PassageOccurrence[];
}

/** A document of a document group, compared with the group's representative document. */
export interface DocumentGroupMember {
  doc: string;
  /** Its paragraphs that are exact copies of a paragraph of the representative. */
  exact: number;
  /** Its paragraphs in a cluster with a paragraph of the representative, without being an exact copy. */
  near: number;
  /** Its paragraphs in no cluster with a paragraph of the representative (added or rewritten). */
  added: number;
  /** The representative's paragraphs in no cluster with a paragraph of this document. */
  removed: number;
}

/**
 * Documents that are copies of one another: at least options.documentShare of each one's paragraphs
 * (those with words to compare) are in clusters with paragraphs of the representative, and the other
 * way round. Paragraph counts (members) say how each differs from the representative.
 */
export interface DocumentGroup {
  /** Its position in report.documentGroups. */
  id: number;
  /** 'exact' when every member's paragraphs are exact copies of the representative's, none added or removed. */
  kind: 'exact' | 'near';
  /** The group's first document in input order. */
  representative: string;
  /** Every document of the group once, in input order: the representative first. */
  members: DocumentGroupMember[];
}

export interface Report {
  version: 2;
  options: ResolvedOptions;
  documents: { id: string; paragraphs: ParagraphInfo[] }[];
  /**
   * Flagged pairs, strongest first: in each cluster, its representative with each other member; between
   * two groups (clusters, or paragraphs in none), one near pair or else one overlap (linkedPairs counts the
   * pairs it stands for, memberPairs those of its own copies).
   */
  pairs: Pair[];
  blocks: Block[];
  /** Paragraphs linked as exact or near duplicates, each cluster once. */
  clusters: Cluster[];
  /** Passages shared by many paragraphs (options.passageParagraphs or more), each once. */
  passages: RepeatedPassage[];
  /** Documents that are copies of one another (options.documentShare). */
  documentGroups: DocumentGroup[];
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

/**
 * How documents are cut into paragraphs by the built-in splitter (see splitParagraphs); 'document' makes
 * each whole document one unit (document-level deduplication).
 */
export type ParagraphMode = 'auto' | 'blank-line' | 'line' | 'document';

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
  passageParagraphs: number;
  documentShare: number;
  stem: false | Language;
  stopwords: false | Language | string[];
}
