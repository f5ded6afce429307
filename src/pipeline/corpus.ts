import { KeyedIds } from '../candidates/radix-groups.js';
import { winnow } from '../candidates/winnowing.js';
import { type FeatureExtractor, GrowableUint32 } from '../sketch/features.js';
import { hashSequence } from '../sketch/hash.js';
import { type ParagraphMode, type ParagraphSplitter, splitParagraphs } from '../text/paragraphs.js';
import type { ParagraphInfo } from '../types.js';
import { appendAll } from '../util/append.js';
import type { SourceDocument } from './documents.js';
import type { ResolvedOptions } from './options.js';

/** The indexed form of a corpus: paragraphs in input order with their shingle sets and LSH band keys. */
export interface Corpus {
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
  /** Winnowing fingerprints (key) of each paragraph (id), in paragraph order. */
  fingerprints: KeyedIds;
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
  private readonly fingerprints = new KeyedIds();
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
        this.scratch = winnow(terms.hashes, terms.terms, options.minOverlapWords, this.scratch, (fp) =>
          this.fingerprints.push(fp, p),
        );
      }
      const set = extractor.shingleSet(terms);
      extractor.sign(set.hashes, set.count, signature, 0);
      for (let band = 0; band < bands; band++)
        bandScratch[band] = hashSequence(signature, band * rows, rows, band);
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
    const { keys, ids, length } = batch.fingerprints;
    for (let i = 0; i < length; i++) this.fingerprints.push(keys[i], paragraphBase + ids[i]);
  }

  finish(): Corpus {
    const view = (array: GrowableUint32) => array.data.subarray(0, array.length);
    return {
      docs: this.docs,
      paragraphsByDoc: this.paragraphsByDoc,
      docOf: view(this.docOf),
      indexOf: view(this.indexOf),
      setOffsets: view(this.setOffsets),
      setValues: view(this.setValues),
      bandKeys: view(this.bandKeys),
      fingerprints: this.fingerprints,
    };
  }
}

/** The shingle set of global paragraph p (a view, no copy). */
export function shingleSetOf(corpus: Corpus, p: number): Uint32Array {
  return corpus.setValues.subarray(corpus.setOffsets[p], corpus.setOffsets[p + 1]);
}
