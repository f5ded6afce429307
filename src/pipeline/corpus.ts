import { writeBandKeys } from '../candidates/band-keys.js';
import type { FeatureBlock } from '../candidates/collect.js';
import { winnow } from '../candidates/winnowing.js';
import type { FeatureExtractor } from '../sketch/features.js';
import { type ParagraphSplitter, splitParagraphs } from '../text/paragraphs.js';
import type { ParagraphInfo, ParagraphMode, ResolvedOptions } from '../types.js';
import { appendAll } from '../util/append.js';
import { GrowableUint32 } from '../util/grow.js';
import type { ParagraphSource } from '../verify/pair-verifier.js';
import type { SourceDocument } from './documents.js';

/** The indexed form of a corpus: paragraphs in input order with their shingle sets, band keys and fingerprints. */
export interface Corpus extends FeatureBlock {
  docs: SourceDocument[];
  /** Per document, its paragraphs (offsets into the original text, word counts). */
  paragraphsByDoc: ParagraphInfo[][];
  /** Global paragraph number → document index / paragraph index within it. */
  docOf: Uint32Array;
  indexOf: Uint32Array;
  /** Shingle set of paragraph p: setValues[setOffsets[p], setOffsets[p + 1]), sorted, unique. */
  setOffsets: Uint32Array;
  setValues: Uint32Array;
  /**
   * LSH band keys of paragraph p: bandKeys[p × bands + band] hashes that band of its signature (the
   * signature itself is not kept: bands × 4 bytes per paragraph instead of numHashes × 4).
   */
  bandKeys: Uint32Array;
  /** Winnowing fingerprints of every paragraph (64 bits: lower and upper words), in paragraph order, and the paragraph of each. */
  fingerprints: Uint32Array;
  fingerprintsHigh: Uint32Array;
  fingerprintParagraphs: Uint32Array;
}

/** One pass over every paragraph of every document: tokenise, hash each term once, shingle, sign, fingerprint. */
export function buildCorpus(
  docs: SourceDocument[],
  options: ResolvedOptions,
  splitter: ParagraphSplitter | undefined,
  extractor: FeatureExtractor,
): Corpus {
  const builder = new CorpusBuilder(options, splitter, extractor);
  for (const doc of docs) builder.add(doc);
  return builder.finish();
}

/**
 * Builds the corpus one document at a time (so documents can arrive from a stream). Everything per
 * paragraph lives in flat growing typed arrays.
 */
export class CorpusBuilder {
  private readonly docs: SourceDocument[] = [];
  private readonly paragraphsByDoc: ParagraphInfo[][] = [];
  private readonly docOf = new GrowableUint32();
  private readonly indexOf = new GrowableUint32();
  private readonly setOffsets = new GrowableUint32();
  private readonly setValues = new GrowableUint32(1 << 16);
  private readonly bandKeys = new GrowableUint32();
  private readonly fingerprints = new GrowableUint32();
  private readonly fingerprintsHigh = new GrowableUint32();
  private readonly fingerprintParagraphs = new GrowableUint32();
  private readonly signature: Uint32Array;
  private readonly bandScratch: Uint32Array;
  private readonly mode: ParagraphMode | ParagraphSplitter;
  private scratch: Uint32Array = new Uint32Array(256);

  constructor(
    private readonly options: ResolvedOptions,
    splitter: ParagraphSplitter | undefined,
    private readonly extractor: FeatureExtractor,
  ) {
    // options.paragraphs is 'custom' exactly when a splitter was given.
    this.mode = splitter ?? (options.paragraphs as ParagraphMode);
    this.signature = new Uint32Array(options.numHashes);
    this.bandScratch = new Uint32Array(options.bands);
    this.setOffsets.push(0);
  }

  /** Paragraphs added so far. */
  get paragraphs(): number {
    return this.docOf.length;
  }

  add(doc: SourceDocument): void {
    const { options, extractor, signature, bandScratch } = this;
    const { bands, rows } = options;
    const d = this.docs.length;
    const infos: ParagraphInfo[] = [];
    for (const span of splitParagraphs(doc.text, this.mode)) {
      const p = this.docOf.length;
      const terms = extractor.terms(doc.text, span.start, span.end);
      if (options.overlaps) {
        this.scratch = winnow(
          terms.hashes,
          terms.terms,
          options.minOverlapWords,
          this.scratch,
          (fp, high) => {
            this.fingerprints.push(fp);
            this.fingerprintsHigh.push(high);
            this.fingerprintParagraphs.push(p);
          },
        );
      }
      const set = extractor.shingleSet(terms);
      extractor.sign(set.hashes, set.count, signature, 0);
      writeBandKeys(signature, 0, bands, rows, bandScratch, 0);
      this.bandKeys.append(bandScratch, bands);
      this.setValues.append(set.hashes, set.count);
      this.setOffsets.push(this.setValues.length);
      this.docOf.push(d);
      this.indexOf.push(span.index);
      infos.push({ index: span.index, start: span.start, end: span.end, words: terms.words });
    }
    this.docs.push(doc);
    this.paragraphsByDoc.push(infos);
  }

  /**
   * Appends a corpus built elsewhere (a worker thread's batch of documents), renumbering its paragraphs
   * after the ones already here: the same result as adding its documents one by one.
   */
  append(batch: Corpus): void {
    const docBase = this.docs.length;
    const paragraphBase = this.docOf.length;
    const setBase = this.setValues.length;
    appendAll(this.docs, batch.docs);
    appendAll(this.paragraphsByDoc, batch.paragraphsByDoc);
    for (let p = 0; p < batch.docOf.length; p++) {
      this.docOf.push(docBase + batch.docOf[p]);
      this.indexOf.push(batch.indexOf[p]);
      this.setOffsets.push(setBase + batch.setOffsets[p + 1]);
    }
    this.setValues.append(batch.setValues, batch.setValues.length);
    this.bandKeys.append(batch.bandKeys, batch.bandKeys.length);
    this.fingerprints.append(batch.fingerprints, batch.fingerprints.length);
    this.fingerprintsHigh.append(batch.fingerprintsHigh, batch.fingerprintsHigh.length);
    for (const p of batch.fingerprintParagraphs) this.fingerprintParagraphs.push(paragraphBase + p);
  }

  finish(): Corpus {
    return {
      docs: this.docs,
      paragraphsByDoc: this.paragraphsByDoc,
      docOf: this.docOf.view(),
      indexOf: this.indexOf.view(),
      setOffsets: this.setOffsets.view(),
      setValues: this.setValues.view(),
      bandKeys: this.bandKeys.view(),
      fingerprints: this.fingerprints.view(),
      fingerprintsHigh: this.fingerprintsHigh.view(),
      fingerprintParagraphs: this.fingerprintParagraphs.view(),
    };
  }
}

/** A whole corpus as the ParagraphSource verification reads. */
export function corpusSource(corpus: Corpus): ParagraphSource {
  const { docs, docOf, indexOf, paragraphsByDoc, setOffsets, setValues } = corpus;
  return {
    set: (p) => setValues.subarray(setOffsets[p], setOffsets[p + 1]),
    text(p) {
      const info = paragraphsByDoc[docOf[p]][indexOf[p]];
      return { text: docs[docOf[p]].text, start: info.start, end: info.end, shift: 0 };
    },
    place: (p) => ({ doc: docs[docOf[p]].id, paragraph: indexOf[p] }),
  };
}
