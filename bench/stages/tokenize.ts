// Tokenising and hashing every word of every paragraph: the general path and the one indexing takes.
import { tokenize } from '../../src/index.js';
import { type BenchContext, each, type StageTask } from './context.js';

export const TOKENIZE = {
  general: 'tokenize: general tokenizer alone (NFKC, offsets, word strings)',
  generalHashed: 'tokenize + hash: general path (tokenizer, then xxhash-wasm h32 per word)',
  terms: 'tokenize + hash: extractor.terms as indexing runs it (ASCII fast path, no strings)',
} as const;

export function tokenizeTasks(ctx: BenchContext): StageTask[] {
  const { texts, mb, extractor } = ctx;
  return [
    { name: TOKENIZE.general, mb, fn: () => each(texts, (t) => tokenize(t)) },
    { name: TOKENIZE.generalHashed, mb, fn: () => each(texts, (t) => extractor.read(t, 0, t.length)) },
    { name: TOKENIZE.terms, mb, fn: () => each(texts, (t) => extractor.terms(t, 0, t.length)) },
  ];
}
