// Signatures: from ready shingle sets (neardup's sketch against 128 independent permutations), and from
// text (neardup against the naive loop and npm minhash, all on the same sample of paragraphs).
import xxhash from 'xxhash-wasm';
import { signInto } from '../../src/index.js';
// @ts-expect-error plain JS baselines, kept as simple as the code they stand for
import { signKPermutations } from '../baselines/k-permutations.mjs';
// @ts-expect-error
import { naiveSigner } from '../baselines/naive-minhash.mjs';
// @ts-expect-error
import { npmMinhashSigner } from '../baselines/npm-minhash.mjs';
import { type BenchContext, each, type StageTask } from './context.js';

export const SIGNATURE = {
  fss: 'signature from ready sets: fast similarity sketching (signInto)',
  permutations: 'signature from ready sets: 128 independent permutations (baseline)',
  neardup: 'sign text: neardup detector.signature',
  naive: 'sign text: naive (string shingles, h32 each, 128 imul)',
  npm: 'sign text: npm minhash 0.0.9',
} as const;

export async function signatureTasks(ctx: BenchContext): Promise<StageTask[]> {
  const { sets, mb, sample, sampleMb, keys, resolved, detector } = ctx;
  const { h32 } = await xxhash();
  const naive = naiveSigner(h32, { numHashes: resolved.numHashes, shingleSize: resolved.shingleSize });
  const npmMinhash = npmMinhashSigner({ shingleSize: resolved.shingleSize });
  const out = new Uint32Array(resolved.numHashes);
  return [
    { name: SIGNATURE.fss, mb, fn: () => each(sets, (s) => signInto(s, 0, s.length, keys, out, 0)) },
    {
      name: SIGNATURE.permutations,
      mb,
      fn: () => each(sets, (s) => signKPermutations(s, s.length, keys, out)),
    },
    { name: SIGNATURE.neardup, mb: sampleMb, fn: () => each(sample, (t) => detector.signature(t)) },
    { name: SIGNATURE.naive, mb: sampleMb, fn: () => each(sample, (t) => naive(t)) },
    { name: SIGNATURE.npm, mb: sampleMb, fn: () => each(sample, (t) => npmMinhash(t)) },
  ];
}
