// The whole detection, and its first half (indexing) on its own.
import { buildCorpus } from '../../src/pipeline/corpus.js';
import type { BenchContext, StageTask } from './context.js';

export const END_TO_END = {
  indexing: 'indexing: buildCorpus (tokenise, hash, shingle, sign, band keys, winnow)',
  find: 'end to end: findDuplicates (index, candidates, verify, blocks, Report)',
} as const;

export function endToEndTasks(ctx: BenchContext): StageTask[] {
  const { docs, documents, resolved, extractor, detector, mb } = ctx;
  return [
    { name: END_TO_END.indexing, mb, fn: () => buildCorpus(docs, resolved, undefined, extractor) },
    { name: END_TO_END.find, mb, fn: () => detector.find(documents) },
  ];
}
