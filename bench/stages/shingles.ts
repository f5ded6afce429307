// Shingle hashing: k consecutive word hashes combined (MurmurHash3), then sorted and deduplicated.
import { shingleHashes, sortUnique } from '../../src/index.js';
import type { BenchContext, StageTask } from './context.js';

export const SHINGLES = {
  hashes: 'shingle hashing: 3-word shingle hashes + sort/unique (from ready term hashes)',
} as const;

export function shingleTasks(ctx: BenchContext): StageTask[] {
  const { termHashes, mb, resolved } = ctx;
  let scratch: Uint32Array = new Uint32Array(256);
  return [
    {
      name: SHINGLES.hashes,
      mb,
      fn: () => {
        for (const h of termHashes) {
          const r = shingleHashes(h, h.length, resolved.shingleSize, resolved.seed, scratch);
          scratch = r.hashes;
          sortUnique(r.hashes, r.count);
        }
      },
    },
  ];
}
