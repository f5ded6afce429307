import type { FeatureBlock } from '../candidates/collect.js';
import { type Corpus, CorpusBuilder } from '../pipeline/corpus.js';
import type { SourceDocument } from '../pipeline/documents.js';
import type { FeatureExtractor } from '../sketch/features.js';
import type { ParagraphSplitter } from '../text/paragraphs.js';
import type { ParagraphInfo, ResolvedOptions } from '../types.js';
import { lastAtOrBelow } from '../util/bisect.js';
import type { ParagraphSource } from '../verify/pair-verifier.js';

/** What a lasting index keeps of one document: its text and the features of its paragraphs. */
export interface IndexEntry extends FeatureBlock {
  doc: SourceDocument;
  paragraphs: ParagraphInfo[];
  /** Shingle set of paragraph i: setValues[setOffsets[i], setOffsets[i + 1]). */
  setOffsets: Uint32Array;
  setValues: Uint32Array;
  /** bands values per paragraph. */
  bandKeys: Uint32Array;
  /** Winnowing fingerprints (64 bits: lower and upper words) and the paragraph (within the document) of each. */
  fingerprints: Uint32Array;
  fingerprintsHigh: Uint32Array;
  fingerprintParagraphs: Uint32Array;
}

/** Indexes one document on its own (the same pipeline as a detection, so the same features). */
export function entryOf(
  doc: SourceDocument,
  options: ResolvedOptions,
  splitter: ParagraphSplitter | undefined,
  extractor: FeatureExtractor,
): IndexEntry {
  const builder = new CorpusBuilder(options, splitter, extractor);
  builder.add(doc);
  const corpus = builder.finish();
  return {
    doc,
    paragraphs: corpus.paragraphsByDoc[0],
    setOffsets: corpus.setOffsets.slice(),
    setValues: corpus.setValues.slice(),
    bandKeys: corpus.bandKeys.slice(),
    fingerprints: corpus.fingerprints.slice(),
    fingerprintsHigh: corpus.fingerprintsHigh.slice(),
    fingerprintParagraphs: corpus.fingerprintParagraphs.slice(),
  };
}

/** The entries as one corpus, in their order, as if they had been detected together. */
export function corpusOf(entries: readonly IndexEntry[], bands: number): Corpus {
  const total = entries.reduce((sum, e) => sum + e.paragraphs.length, 0);
  const setLength = entries.reduce((sum, e) => sum + e.setValues.length, 0);
  const docOf = new Uint32Array(total);
  const indexOf = new Uint32Array(total);
  const setOffsets = new Uint32Array(total + 1);
  const setValues = new Uint32Array(setLength);
  const bandKeys = new Uint32Array(total * bands);
  const fingerprintCount = entries.reduce((sum, e) => sum + e.fingerprints.length, 0);
  const fingerprints = new Uint32Array(fingerprintCount);
  const fingerprintsHigh = new Uint32Array(fingerprintCount);
  const fingerprintParagraphs = new Uint32Array(fingerprintCount);
  let p = 0;
  let at = 0;
  let f = 0;
  entries.forEach((entry, d) => {
    const first = p;
    for (let i = 0; i < entry.paragraphs.length; i++, p++) {
      docOf[p] = d;
      indexOf[p] = entry.paragraphs[i].index;
      setOffsets[p + 1] = at + entry.setOffsets[i + 1];
    }
    setValues.set(entry.setValues, at);
    at += entry.setValues.length;
    bandKeys.set(entry.bandKeys, first * bands);
    fingerprints.set(entry.fingerprints, f);
    fingerprintsHigh.set(entry.fingerprintsHigh, f);
    for (const paragraph of entry.fingerprintParagraphs) fingerprintParagraphs[f++] = first + paragraph;
  });
  return {
    docs: entries.map((e) => e.doc),
    paragraphsByDoc: entries.map((e) => e.paragraphs),
    docOf,
    indexOf,
    setOffsets,
    setValues,
    bandKeys,
    fingerprints,
    fingerprintsHigh,
    fingerprintParagraphs,
  };
}

/**
 * Entries addressed by global paragraph number (their paragraphs one after another, in order), as the
 * ParagraphSource verification reads.
 */
export function entriesSource(entries: readonly IndexEntry[]): {
  source: ParagraphSource;
  firstParagraph: number[];
} {
  const firstParagraph: number[] = [];
  let total = 0;
  for (const entry of entries) {
    firstParagraph.push(total);
    total += entry.paragraphs.length;
  }
  const locate = (p: number): [IndexEntry, number] => {
    const e = lastAtOrBelow(firstParagraph, p);
    return [entries[e], p - firstParagraph[e]];
  };
  return {
    firstParagraph,
    source: {
      set(p) {
        const [entry, i] = locate(p);
        return entry.setValues.subarray(entry.setOffsets[i], entry.setOffsets[i + 1]);
      },
      text(p) {
        const [entry, i] = locate(p);
        const info = entry.paragraphs[i];
        return { text: entry.doc.text, start: info.start, end: info.end, shift: 0 };
      },
      place(p) {
        const [entry, i] = locate(p);
        return { doc: entry.doc.id, paragraph: entry.paragraphs[i].index };
      },
    },
  };
}
