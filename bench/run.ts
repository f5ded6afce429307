// npm run bench [-- paragraphs]: every stage of the pipeline and the whole detection on one seeded corpus,
// with the baselines measured in the same run on the same input. Prints figures and ratios; asserts nothing.
import os from 'node:os';
import { Bench } from 'tinybench';
import xxhash from 'xxhash-wasm';
import { AsciiTermScanner } from '../src/ascii-terms.js';
import { buildCorpus } from '../src/corpus.js';
import { readDocuments } from '../src/documents.js';
import { FeatureExtractor } from '../src/features.js';
import {
  createDetector,
  createHasher,
  LshIndex,
  permutationKeys,
  resolveOptions,
  shingleHashes,
  signInto,
  sortUnique,
  splitParagraphs,
  tokenize,
  winnow,
} from '../src/index.js';
import { pairOfKey } from '../src/pair-keys.js';
import { corpusSource, PairVerifier } from '../src/pairs.js';
// @ts-expect-error plain JS baselines, kept as simple as the code they stand for
import { signKPermutations } from './baselines/k-permutations.mjs';
// @ts-expect-error
import { naiveSigner } from './baselines/naive-minhash.mjs';
// @ts-expect-error
import { npmMinhashSigner } from './baselines/npm-minhash.mjs';
import { generateCorpus } from './corpus.js';

const size = Number(process.argv[2] ?? 10000);
const { documents } = generateCorpus({ paragraphs: size, seed: 42 });
const texts = documents.flatMap((d) => splitParagraphs(d.text).map((p) => d.text.slice(p.start, p.end)));
const megabytes = (list: readonly string[]) => list.reduce((sum, p) => sum + Buffer.byteLength(p), 0) / 1e6;
const mb = megabytes(texts);
// npm minhash signs at well under 1 MB/s: the signers are compared on the first 2,000 paragraphs.
const sample = texts.slice(0, 2000);
const sampleMb = megabytes(sample);

const { resolved } = resolveOptions();
const detector = await createDetector();
const hasher = await createHasher();
const keys = permutationKeys(resolved.seed, resolved.numHashes);
const extractor = new FeatureExtractor(resolved, hasher, keys, undefined);
const { h32 } = await xxhash();
const naive = naiveSigner(h32, { numHashes: resolved.numHashes, shingleSize: resolved.shingleSize });
const npmMinhash = npmMinhashSigner({ shingleSize: resolved.shingleSize });

// Inputs of the later stages, prepared once so that each task times only its own stage.
const scanner = new AsciiTermScanner();
const termHashes = texts.map((t) => {
  const terms = extractor.terms(t, 0, t.length);
  return terms.hashes.slice(0, terms.terms);
});
const sets = termHashes.map((h) => {
  const { hashes, count } = shingleHashes(
    h,
    h.length,
    resolved.shingleSize,
    resolved.seed,
    new Uint32Array(16),
  );
  return hashes.slice(0, sortUnique(hashes, count));
});
const signatures = new Uint32Array(texts.length * resolved.numHashes);
for (const [p, set] of sets.entries()) signInto(set, 0, set.length, keys, signatures, p * resolved.numHashes);
const docs = readDocuments(documents);
const corpus = buildCorpus(docs, resolved, undefined, extractor);
const lsh = new LshIndex(resolved.bands, resolved.rows);
for (let p = 0; p < texts.length; p++) lsh.insert(p, signatures, p * resolved.numHashes);
const candidates = [...lsh.pairKeys(texts.length, new Set())].map((key) => pairOfKey(key, texts.length));

console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}`,
);
console.log(
  `corpus: ${texts.length} paragraphs, ${mb.toFixed(1)} MB (SOTU prose, seed 42); signer comparison on the first ${sample.length} (${sampleMb.toFixed(2)} MB)\n`,
);

/** Runs fn on every item (a loop that discards what fn returns). */
function each<T>(list: readonly T[], fn: (item: T) => unknown): void {
  for (const item of list) fn(item);
}

const bench = new Bench({ iterations: 3, warmupIterations: 1, time: 0 });
const scratch: { out: Uint32Array; shingles: Uint32Array; fp: Uint32Array } = {
  out: new Uint32Array(resolved.numHashes),
  shingles: new Uint32Array(256),
  fp: new Uint32Array(256),
};
const tasks: [string, number, () => void][] = [
  ['tokenize: general tokenizer (NFKC, offsets, strings)', mb, () => each(texts, (t) => tokenize(t))],
  [
    'tokenize + hash: ASCII fast path (no strings)',
    mb,
    () => each(texts, (t) => scanner.scan(t, 0, t.length, 0)),
  ],
  [
    'shingle hashing: 3-word shingles + sort unique',
    mb,
    () => {
      for (const h of termHashes) {
        const r = shingleHashes(h, h.length, resolved.shingleSize, resolved.seed, scratch.shingles);
        scratch.shingles = r.hashes;
        sortUnique(r.hashes, r.count);
      }
    },
  ],
  [
    'signature: fast similarity sketching (sets ready)',
    mb,
    () => each(sets, (s) => signInto(s, 0, s.length, keys, scratch.out, 0)),
  ],
  [
    'signature: 128 permutations (sets ready, baseline)',
    mb,
    () => each(sets, (s) => signKPermutations(s, s.length, keys, scratch.out)),
  ],
  ['sign text: neardup detector.signature', sampleMb, () => each(sample, (t) => detector.signature(t))],
  ['sign text: naive (string shingles, h32 each, 128 imul)', sampleMb, () => each(sample, (t) => naive(t))],
  ['sign text: npm minhash 0.0.9', sampleMb, () => each(sample, (t) => npmMinhash(t))],
  [
    'LSH: insert every signature',
    mb,
    () => {
      const index = new LshIndex(resolved.bands, resolved.rows);
      for (let p = 0; p < texts.length; p++) index.insert(p, signatures, p * resolved.numHashes);
    },
  ],
  [
    'LSH: query every signature',
    mb,
    () => {
      for (let p = 0; p < texts.length; p++) lsh.query(signatures, p * resolved.numHashes);
    },
  ],
  [
    'overlaps: winnowing fingerprints',
    mb,
    () =>
      each(termHashes, (h) => {
        scratch.fp = winnow(h, h.length, resolved.minOverlapWords, scratch.fp, () => {});
      }),
  ],
  [
    `verification: ${candidates.length} LSH candidate pairs`,
    mb,
    () => {
      const verifier = new PairVerifier(corpusSource(corpus), resolved, extractor);
      for (const [p, q] of candidates) verifier.verify(p, q);
    },
  ],
  ['end to end: findDuplicates (near + overlaps + verify + blocks)', mb, () => detector.find(documents)],
];
for (const [name, , run] of tasks) bench.add(name, run);
await bench.run();

const meanMs = (name: string) => {
  const result = bench.tasks.find((t) => t.name === name)?.result;
  return result && 'latency' in result ? result.latency.mean : Number.NaN;
};
console.table(
  tasks.map(([name, size]) => ({
    task: name,
    'mean ms': meanMs(name).toFixed(1),
    'MB/s': (size / (meanMs(name) / 1000)).toFixed(1),
  })),
);
const ratio = (slow: string, fast: string) => (meanMs(slow) / meanMs(fast)).toFixed(2);
console.log(
  `signing text, neardup vs naive: ${ratio(tasks[6][0], tasks[5][0])}×; vs npm minhash: ${ratio(tasks[7][0], tasks[5][0])}×`,
);
console.log(
  `signature from ready sets, fast similarity sketching vs 128 permutations: ${ratio(tasks[4][0], tasks[3][0])}×`,
);
console.log(`tokenising, ASCII fast path vs general tokenizer: ${ratio(tasks[0][0], tasks[1][0])}×`);
const report = detector.find(documents);
console.log(
  `end to end: ${report.stats.pairs} pairs flagged from ${report.stats.candidates} candidates; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
