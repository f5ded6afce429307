import type { Corpus } from '../pipeline/corpus.js';
import type { SourceDocument } from '../pipeline/documents.js';
import type { ParagraphSource } from '../verify/pair-verifier.js';

/**
 * A batch of candidate pairs for a worker thread, with just the paragraphs they involve: their texts
 * (the paragraph slices, so a worker never holds whole documents), shingle sets and places. Paragraphs
 * are numbered locally from 0; `pairs` holds local numbers [a0, b0, a1, b1, …].
 */
export interface VerifyChunk {
  pairs: Uint32Array;
  texts: string[];
  /** Offset of each slice in its document. */
  starts: Float64Array;
  docs: string[];
  paragraphs: Uint32Array;
  setOffsets: Uint32Array;
  setValues: Uint32Array;
  /** Word ranges of repeated passages of each local paragraph: passageValues[passageOffsets[l], [l + 1]). */
  passageOffsets: Uint32Array;
  passageValues: Uint32Array;
}

/** The chunk for global pairs (ps[i], qs[i]), with the repeated passages' word ranges of each paragraph. */
export function makeChunk(
  corpus: Corpus,
  ps: number[],
  qs: number[],
  passageRanges: (p: number) => Uint32Array | undefined,
): VerifyChunk {
  const local = new Map<number, number>();
  const globals: number[] = [];
  const id = (p: number) => {
    let l = local.get(p);
    if (l === undefined) {
      l = globals.length;
      local.set(p, l);
      globals.push(p);
    }
    return l;
  };
  const pairs = new Uint32Array(ps.length * 2);
  for (let i = 0; i < ps.length; i++) {
    pairs[2 * i] = id(ps[i]);
    pairs[2 * i + 1] = id(qs[i]);
  }
  const { docs, docOf, indexOf, paragraphsByDoc, setOffsets, setValues } = corpus;
  let setLength = 0;
  let passageLength = 0;
  for (const p of globals) {
    setLength += setOffsets[p + 1] - setOffsets[p];
    passageLength += passageRanges(p)?.length ?? 0;
  }
  const chunk: VerifyChunk = {
    pairs,
    texts: new Array(globals.length),
    starts: new Float64Array(globals.length),
    docs: new Array(globals.length),
    paragraphs: new Uint32Array(globals.length),
    setOffsets: new Uint32Array(globals.length + 1),
    setValues: new Uint32Array(setLength),
    passageOffsets: new Uint32Array(globals.length + 1),
    passageValues: new Uint32Array(passageLength),
  };
  let at = 0;
  let passageAt = 0;
  globals.forEach((p, l) => {
    const info = paragraphsByDoc[docOf[p]][indexOf[p]];
    chunk.texts[l] = docs[docOf[p]].text.slice(info.start, info.end);
    chunk.starts[l] = info.start;
    chunk.docs[l] = docs[docOf[p]].id;
    chunk.paragraphs[l] = indexOf[p];
    chunk.setValues.set(setValues.subarray(setOffsets[p], setOffsets[p + 1]), at);
    at += setOffsets[p + 1] - setOffsets[p];
    chunk.setOffsets[l + 1] = at;
    const ranges = passageRanges(p);
    if (ranges !== undefined) chunk.passageValues.set(ranges, passageAt);
    passageAt += ranges?.length ?? 0;
    chunk.passageOffsets[l + 1] = passageAt;
  });
  return chunk;
}

/** The word ranges of repeated passages of local paragraph l, if it has any. */
export function chunkPassages(chunk: VerifyChunk, l: number): Uint32Array | undefined {
  const from = chunk.passageOffsets[l];
  const to = chunk.passageOffsets[l + 1];
  return to > from ? chunk.passageValues.subarray(from, to) : undefined;
}

/** A chunk as the ParagraphSource a PairVerifier reads. */
export function chunkSource(chunk: VerifyChunk): ParagraphSource {
  return {
    set: (l) => chunk.setValues.subarray(chunk.setOffsets[l], chunk.setOffsets[l + 1]),
    text: (l) => ({ text: chunk.texts[l], start: 0, end: chunk.texts[l].length, shift: chunk.starts[l] }),
    place: (l) => ({ doc: chunk.docs[l], paragraph: chunk.paragraphs[l] }),
  };
}

/** What the calling thread sends a worker: documents to index, or candidate pairs to verify. */
export type WorkerTask = { kind: 'index'; docs: SourceDocument[] } | { kind: 'verify'; chunk: VerifyChunk };

/** A worker's indexed batch: the typed arrays of a Corpus of its documents (texts stay with the caller). */
export interface IndexedBatch {
  paragraphsByDoc: Corpus['paragraphsByDoc'];
  docOf: Uint32Array;
  indexOf: Uint32Array;
  setOffsets: Uint32Array;
  setValues: Uint32Array;
  bandKeys: Uint32Array;
  fingerprints: Uint32Array;
  fingerprintsHigh: Uint32Array;
  fingerprintParagraphs: Uint32Array;
}

/** The batch as a Corpus over the caller's own copies of its documents. */
export function batchCorpus(batch: IndexedBatch, docs: SourceDocument[]): Corpus {
  return { ...batch, docs };
}
