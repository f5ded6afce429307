import type { SourceDocument } from './documents.js';
import { type FeatureExtractor, GrowableUint32 } from './features.js';
import { KeyedIds } from './groups.js';
import { hashSequence } from './hash.js';
import type { ResolvedOptions } from './options.js';
import { winnow } from './overlaps.js';
import { type ParagraphMode, type ParagraphSplitter, splitParagraphs } from './paragraphs.js';
import type { ParagraphInfo } from './types.js';

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

/** One pass over every paragraph: tokenise, hash each term once, shingle, sign, fingerprint. */
export function buildCorpus(
  docs: SourceDocument[],
  options: ResolvedOptions,
  splitter: ParagraphSplitter | undefined,
  extractor: FeatureExtractor,
): Corpus {
  // options.paragraphs is 'custom' exactly when a splitter was given.
  const mode = splitter ?? (options.paragraphs as ParagraphMode);
  const paragraphsByDoc = docs.map((doc) => splitParagraphs(doc.text, mode));
  const total = paragraphsByDoc.reduce((sum, list) => sum + list.length, 0);
  const docOf = new Uint32Array(total);
  const indexOf = new Uint32Array(total);
  const setOffsets = new Uint32Array(total + 1);
  const setValues = new GrowableUint32(total * 32 + 16);
  const { bands, rows, numHashes } = options;
  const bandKeys = new Uint32Array(total * bands);
  const signature = new Uint32Array(numHashes);
  const fingerprints = new KeyedIds(Math.max(1024, total * 8));
  let scratch: Uint32Array = new Uint32Array(256);
  let p = 0;
  const infos = paragraphsByDoc.map((spans, d) =>
    spans.map((span) => {
      const terms = extractor.terms(docs[d].text, span.start, span.end);
      const words = terms.words;
      if (options.overlaps) {
        const id = p;
        scratch = winnow(terms.hashes, terms.terms, options.minOverlapWords, scratch, (fp) =>
          fingerprints.push(fp, id),
        );
      }
      const set = extractor.shingleSet(terms);
      docOf[p] = d;
      indexOf[p] = span.index;
      extractor.sign(set.hashes, set.count, signature, 0);
      for (let band = 0; band < bands; band++) {
        bandKeys[p * bands + band] = hashSequence(signature, band * rows, rows, band);
      }
      setValues.append(set.hashes, set.count);
      setOffsets[p + 1] = setValues.length;
      p++;
      return { index: span.index, start: span.start, end: span.end, words };
    }),
  );
  return {
    docs,
    paragraphsByDoc: infos,
    docOf,
    indexOf,
    setOffsets,
    setValues: setValues.data.subarray(0, setValues.length),
    bandKeys,
    fingerprints,
  };
}

/** The shingle set of global paragraph p (a view, no copy). */
export function shingleSetOf(corpus: Corpus, p: number): Uint32Array {
  return corpus.setValues.subarray(corpus.setOffsets[p], corpus.setOffsets[p + 1]);
}
