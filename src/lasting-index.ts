import { CandidatePairs } from './candidates.js';
import { prepare } from './detect.js';
import { DocumentReader, type SourceDocument } from './documents.js';
import { describeValue, NearDupError } from './errors.js';
import { findInCorpus, now, strongestFirst, tooManyFlagged } from './find.js';
import { corpusOf, entriesSource, entryOf, type IndexEntry } from './index-entries.js';
import { decodeIndex, encodeIndex, indexParameters } from './index-format.js';
import type { Options, ResolvedOptions } from './options.js';
import { pairOfKey } from './pair-keys.js';
import { PairVerifier } from './pairs.js';
import type { DocumentInput, Pair, Report } from './types.js';

/** A corpus kept between calls: documents are added and removed, and new ones checked against it. */
export interface NearDupIndex {
  /** Every option with the value in use. */
  readonly options: ResolvedOptions;
  /** Documents indexed. */
  readonly size: number;
  /** Indexes documents (validated first: all are added, or none). Plain strings get ids doc-N. */
  add(documents: readonly DocumentInput[]): void;
  /** Forgets a document; false when no document has that id. */
  remove(id: string): boolean;
  /**
   * The flagged pairs of one new document, against everything indexed and within itself, without adding
   * it: the pairs findDuplicates would report for it after the indexed documents, strongest first.
   */
  query(document: DocumentInput): Pair[];
  /** The Report of everything indexed, as findDuplicates gives for the documents in the order added. */
  report(): Report;
  /** The documents' ids, in the order added. */
  ids(): string[];
  /** The whole index as bytes (format: docs/index-format.md); loadIndex restores it exactly. */
  save(): Uint8Array;
}

/** A new, empty index (one async set-up, like createDetector; then every call is synchronous). */
export async function createIndex(options?: Options): Promise<NearDupIndex> {
  return openIndex(options, []);
}

/**
 * An index restored from save()'s bytes. The options saved with it are used; options given here may
 * change what does not touch the stored hashes (threshold, maxPairs, maxEditChars, minBlockPairs…; bands
 * and rows stay as saved) and must repeat a custom paragraph splitter. Anything that would hash
 * differently throws INDEX_MISMATCH; bytes that are not a whole index throw INDEX_FORMAT.
 */
export async function loadIndex(bytes: Uint8Array, options?: Options): Promise<NearDupIndex> {
  const saved = decodeIndex(bytes);
  const stored: Options = {
    ...saved.options,
    paragraphs: saved.options.paragraphs === 'custom' ? undefined : saved.options.paragraphs,
  };
  if (saved.options.paragraphs === 'custom' && typeof options?.paragraphs !== 'function') {
    throw new NearDupError(
      'INDEX_MISMATCH',
      'neardup: this index was built with a custom paragraph splitter; pass the same function as options.paragraphs',
    );
  }
  // Options that fix hashes directly are compared before they are resolved (else numHashes 64 against
  // saved bands × rows would fail as BANDS_EXCEED_HASHES, hiding the real reason).
  for (const key of [
    'shingleSize',
    'shingleUnit',
    'seed',
    'numHashes',
    'bands',
    'rows',
    'minOverlapWords',
    'overlaps',
  ] as const) {
    if (options?.[key] !== undefined && options[key] !== saved.parameters[key]) {
      throw new NearDupError(
        'INDEX_MISMATCH',
        `neardup: the index was saved with ${key} = ${JSON.stringify(saved.parameters[key])}, these options give ${JSON.stringify(options[key])}`,
      );
    }
  }
  const index = await openIndex({ ...stored, ...options }, saved.entries, saved.serial);
  const current = indexParameters(index.options) as unknown as Record<string, unknown>;
  const then = saved.parameters as unknown as Record<string, unknown>;
  for (const key of Object.keys(current)) {
    if (JSON.stringify(current[key]) !== JSON.stringify(then[key])) {
      throw new NearDupError(
        'INDEX_MISMATCH',
        `neardup: the index was saved with ${key} = ${JSON.stringify(then[key])}, these options give ${JSON.stringify(current[key])}`,
      );
    }
  }
  return index;
}

/** An index holding ready entries (what loadIndex restores). */
async function openIndex(
  options: Options | undefined,
  entries: IndexEntry[],
  savedSerial?: number,
): Promise<NearDupIndex> {
  const { resolved, splitter, extractor } = await prepare(options);
  const byId = new Map(entries.map((e) => [e.doc.id, e]));
  let serial = savedSerial ?? entries.length;
  // Buckets for queries: band key → paragraphs, per band, and fingerprint → paragraphs, by global number.
  let bands: Map<number, number[]>[] = [];
  let fingerprints = new Map<number, number[]>();
  let paragraphs = 0;
  let fresh = false;

  const push = (map: Map<number, number[]>, key: number, p: number) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [p]);
    else if (list[list.length - 1] !== p) list.push(p);
  };
  const bucket = (entry: IndexEntry, first: number) => {
    for (let i = 0; i < entry.paragraphs.length; i++) {
      if (entry.setOffsets[i + 1] === entry.setOffsets[i]) continue; // no shingles: never a candidate
      for (let b = 0; b < resolved.bands; b++)
        push(bands[b], entry.bandKeys[i * resolved.bands + b], first + i);
    }
    for (let i = 0; i < entry.fingerprints.length; i++) {
      push(fingerprints, entry.fingerprints[i], first + entry.fingerprintParagraphs[i]);
    }
  };
  const refresh = () => {
    if (fresh) return;
    bands = Array.from({ length: resolved.bands }, () => new Map<number, number[]>());
    fingerprints = new Map();
    paragraphs = 0;
    for (const entry of entries) {
      bucket(entry, paragraphs);
      paragraphs += entry.paragraphs.length;
    }
    fresh = true;
  };
  const reader = () => {
    const r = new DocumentReader();
    // Documents without an id are doc-N, N counting every document ever added (as findDuplicates numbers
    // them by position when nothing was removed); ids already indexed are refused.
    return (item: unknown): SourceDocument => {
      const doc = r.read(item);
      const position = ++serial;
      const unnamed = typeof item === 'string' || (item as { id?: unknown }).id === undefined;
      if (unnamed) doc.id = `doc-${position}`;
      if (byId.has(doc.id)) {
        throw new NearDupError(
          'DUPLICATE_ID',
          `neardup: a document with id ${JSON.stringify(doc.id)} is already indexed`,
        );
      }
      return doc;
    };
  };

  return {
    options: resolved,
    get size() {
      return entries.length;
    },
    add(documents) {
      if (!Array.isArray(documents)) {
        throw new NearDupError(
          'INVALID_INPUT',
          `neardup: add() takes an array of documents, got ${describeValue(documents)}`,
        );
      }
      const before = serial;
      const read = reader();
      const seen = new Set<string>();
      const added: IndexEntry[] = [];
      try {
        for (const item of documents) {
          const doc = read(item);
          if (seen.has(doc.id))
            throw new NearDupError(
              'DUPLICATE_ID',
              `neardup: the id ${JSON.stringify(doc.id)} appears twice in add()`,
            );
          seen.add(doc.id);
          added.push(entryOf(doc, resolved, splitter, extractor));
        }
      } catch (error) {
        serial = before;
        throw error;
      }
      for (const entry of added) {
        entries.push(entry);
        byId.set(entry.doc.id, entry);
        if (fresh) {
          bucket(entry, paragraphs);
          paragraphs += entry.paragraphs.length;
        }
      }
    },
    remove(id) {
      const entry = byId.get(id);
      if (!entry) return false;
      byId.delete(id);
      entries.splice(entries.indexOf(entry), 1);
      fresh = false; // paragraph numbers after it move: rebuild the buckets on the next query
      return true;
    },
    query(document) {
      const before = serial;
      let doc: SourceDocument;
      try {
        doc = reader()(document);
      } finally {
        serial = before; // a query adds nothing
      }
      const entry = entryOf(doc, resolved, splitter, extractor);
      refresh();
      return queryPairs(entries, entry, paragraphs, bands, fingerprints, resolved, extractor);
    },
    report: () => findInCorpus(corpusOf(entries, resolved.bands), resolved, extractor, now()),
    ids: () => entries.map((e) => e.doc.id),
    save: () =>
      encodeIndex({
        options: {
          ...resolved,
          stopwords: Array.isArray(resolved.stopwords) ? [...resolved.stopwords] : resolved.stopwords,
        },
        parameters: indexParameters(resolved),
        serial,
        entries,
      }),
  };
}

function queryPairs(
  entries: readonly IndexEntry[],
  entry: IndexEntry,
  base: number,
  bands: readonly Map<number, number[]>[],
  fingerprints: ReadonlyMap<number, number[]>,
  options: ResolvedOptions,
  extractor: Parameters<typeof findInCorpus>[2],
): Pair[] {
  const span = base + entry.paragraphs.length;
  const limit = 20 * options.maxPairs;
  const candidates = new CandidatePairs(
    span,
    limit,
    (count) =>
      `neardup: ${count} candidate pairs for one query, over the limit of ${limit} (maxPairs = ${options.maxPairs})`,
  );
  // Within the new document: its own paragraphs sharing a band or a fingerprint.
  const ownBands = Array.from({ length: options.bands }, () => new Map<number, number[]>());
  const ownFingerprints = new Map<number, number[]>();
  for (let i = 0; i < entry.paragraphs.length; i++) {
    if (entry.setOffsets[i + 1] === entry.setOffsets[i]) continue;
    for (let b = 0; b < options.bands; b++) {
      const key = entry.bandKeys[i * options.bands + b];
      for (const p of bands[b].get(key) ?? []) candidates.add(p, base + i);
      const own = ownBands[b].get(key);
      if (own) for (const j of own) candidates.add(base + j, base + i);
      if (own) own.push(i);
      else ownBands[b].set(key, [i]);
    }
  }
  for (let f = 0; f < entry.fingerprints.length; f++) {
    const key = entry.fingerprints[f];
    const i = entry.fingerprintParagraphs[f];
    for (const p of fingerprints.get(key) ?? []) candidates.add(p, base + i);
    const own = ownFingerprints.get(key);
    if (own) for (const j of own) if (j !== i) candidates.add(base + j, base + i);
    if (own) own.push(i);
    else ownFingerprints.set(key, [i]);
  }
  const { source } = entriesSource([...entries, entry]);
  const verifier = new PairVerifier(source, options, extractor);
  const found: { pair: Pair; p: number; q: number }[] = [];
  for (const key of candidates.sortedUnique()) {
    const [p, q] = pairOfKey(key, span);
    const pair = verifier.verify(p, q);
    if (pair === undefined) continue;
    if (found.length === options.maxPairs) throw tooManyFlagged(options);
    found.push({ pair, p, q });
  }
  return found.sort(strongestFirst).map((f) => f.pair);
}
