// The part of SARIF 2.1.0 that toSarif writes, as neardup's own types: the published declarations need
// no `sarif` package (@types/sarif stays a dev dependency). Each type is assignable to its namesake in
// @types/sarif (test/e2e/package-types.test.ts compiles that), so code typed against it keeps working.

/** A message for people. */
export interface Message {
  text: string;
}

/** Where a file is: a URI, relative to `uriBaseId` when given, and its index in `run.artifacts`. */
export interface ArtifactLocation {
  uri?: string;
  uriBaseId?: string;
  index?: number;
  description?: Message;
}

/** A stretch of a file: 1-based lines and columns (UTF-16 code units, end exclusive) and 0-based offsets. */
export interface Region {
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
  charOffset?: number;
  charLength?: number;
}

export interface Location {
  id?: number;
  message?: Message;
  physicalLocation: { artifactLocation: ArtifactLocation; region: Region };
}

export type Level = 'none' | 'note' | 'warning' | 'error';

/** One of neardup's rules (exact duplicate, near duplicate, shared passage, repeated passage, duplicate document). */
export interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  defaultConfiguration: { level: Level };
}

/** One finding: a flagged pair, a cluster of copies, a repeated passage or a group of duplicate documents. */
export interface Result {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Message;
  /** Both paragraphs of a pair; the first member of a group. */
  locations: Location[];
  /** A pair's shared passages, on both sides; a group's other members. */
  relatedLocations: Location[];
  partialFingerprints: { [key: string]: string };
  /**
   * A pair's jaccard, containment, similarity, sharedWords (and memberPairs, linkedPairs when it stands
   * for pairs of copies, or of its two clusters); a cluster's members, documents and minJaccard; a passage's words, paragraphs and documents;
   * a document group's documents.
   */
  properties: { [key: string]: number };
}

export interface Run {
  tool: {
    driver: { name: string; informationUri: string; version?: string; rules: ReportingDescriptor[] };
  };
  columnKind: 'utf16CodeUnits' | 'unicodeCodePoints';
  originalUriBaseIds: { [key: string]: ArtifactLocation };
  artifacts: { location: ArtifactLocation; length: number }[];
  results: Result[];
}

/** A SARIF 2.1.0 log, as toSarif returns it (a type, not an interface: it fits Record<string, unknown>). */
export type Log = {
  $schema: string;
  version: '2.1.0';
  runs: Run[];
};
