import type { SourceDocument } from './documents.js';
import { type FeatureExtractor, GrowableUint32 } from './features.js';
import type { ResolvedOptions } from './options.js';
import { FingerprintIndex, winnow } from './overlaps.js';
import { type ParagraphMode, type ParagraphSplitter, splitParagraphs } from './paragraphs.js';
import type { ParagraphInfo } from './types.js';

/** The indexed form of a corpus: paragraphs in input order with their shingle sets and signatures. */
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
  /** Signature of paragraph p: signatures[p × numHashes, (p + 1) × numHashes). */
  signatures: Uint32Array;
  fingerprints: FingerprintIndex;
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
  const signatures = new Uint32Array(total * options.numHashes);
  const fingerprints = new FingerprintIndex();
  let scratch: Uint32Array = new Uint32Array(256);
  let p = 0;
  const infos = paragraphsByDoc.map((spans, d) =>
    spans.map((span) => {
      const terms = extractor.terms(docs[d].text, span.start, span.end);
      const words = terms.words;
      if (options.overlaps) {
        const id = p;
        scratch = winnow(terms.hashes, terms.terms, options.minOverlapWords, scratch, (fp) =>
          fingerprints.add(fp, id),
        );
      }
      const set = extractor.shingleSet(terms);
      docOf[p] = d;
      indexOf[p] = span.index;
      extractor.sign(set.hashes, set.count, signatures, p * options.numHashes);
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
    signatures,
    fingerprints,
  };
}

/** The shingle set of global paragraph p (a view, no copy). */
export function shingleSetOf(corpus: Corpus, p: number): Uint32Array {
  return corpus.setValues.subarray(corpus.setOffsets[p], corpus.setOffsets[p + 1]);
}
