// npm run bench:big-index [-- 2.3] : a saved index larger than 2 GiB, through the chunked path (issue 13.5).
// Builds an in-memory index from the bench:scale corpus (200,000 paragraphs, ≈ 99 MB of text) added again
// and again under new ids until its saved size passes the given GiB, writes it with saveChunks() to a file,
// reads it back with loadIndexFrom(createReadStream(file)), then runs the CLI on it once
// (`neardup --index FILE` with one new file), which reads, checks and writes the whole file again.
// Prints sizes and times; asserts nothing. Needs about 4× the file size in memory.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createIndex, loadIndexFrom } from '../src/index.js';
import { CORPUS_VERSION, generateCorpus } from './corpus.js';

const GiB = 1024 ** 3;
const target = Number(process.argv[2] ?? 2.3) * GiB;
const dir = join(os.tmpdir(), 'neardup-scale');
mkdirSync(dir, { recursive: true });
const corpusFile = join(dir, `sotu-v${CORPUS_VERSION}-200000-seed42.jsonl`);
if (!existsSync(corpusFile)) {
  const { documents } = generateCorpus({ paragraphs: 200_000, seed: 42 });
  writeFileSync(corpusFile, documents.map((d) => JSON.stringify(d)).join('\n'));
}
const { readFileSync } = await import('node:fs');
const docs = readFileSync(corpusFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; text: string });
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const rss = () => `${(process.memoryUsage().rss / GiB).toFixed(1)} GiB RSS`;
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}`,
);

const index = await createIndex();
let started = performance.now();
let bytesPerCopy = 0;
let copies = 0;
for (; copies === 0 || (copies + 1) * bytesPerCopy < target + bytesPerCopy / 2; copies++) {
  for (let i = 0; i < docs.length; i += 1000)
    index.add(docs.slice(i, i + 1000).map((d) => ({ id: `${copies}/${d.id}`, text: d.text })));
  if (copies === 0) {
    for (const chunk of index.saveChunks()) bytesPerCopy += chunk.length;
    console.log(`one copy of the corpus: ${(bytesPerCopy / 1e6).toFixed(0)} MB saved`);
  }
}
const paragraphs = copies * 200_000;
console.log(
  `added ${copies} copies (${paragraphs.toLocaleString('en')} paragraphs) in ${seconds(started)} s; ${rss()}`,
);

const file = join(dir, 'big.ndx');
rmSync(file, { force: true });
started = performance.now();
const fd = openSync(file, 'w');
let chunks = 0;
for (const chunk of index.saveChunks()) {
  writeSync(fd, chunk);
  chunks++;
}
closeSync(fd);
const size = statSync(file).size;
console.log(
  `saveChunks to ${file}: ${(size / GiB).toFixed(2)} GiB (${size.toLocaleString('en')} bytes, ${chunks} chunks) in ${seconds(started)} s`,
);
try {
  index.save();
  console.log('save() as one array: worked (the platform holds this many bytes in one Uint8Array)');
} catch (error) {
  console.log(
    `save() as one array: ${(error as { code?: string }).code}: ${(error as Error).message.slice(0, 120)}`,
  );
}

started = performance.now();
const loaded = await loadIndexFrom(createReadStream(file));
console.log(
  `loadIndexFrom(createReadStream): ${loaded.size.toLocaleString('en')} documents in ${seconds(started)} s; ${rss()}`,
);
const equal = loaded.size === index.size && loaded.ids().at(-1) === index.ids().at(-1);
console.log(`same documents as saved: ${equal}`);

// The CLI on the file: reads it (more than readFile's 2 GiB), adds one new file, writes it back.
const extra = join(dir, 'big-extra.txt');
writeFileSync(extra, 'A new file with a paragraph of its own, added to the big index by the command line.\n');
execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
started = performance.now();
const out = execFileSync(
  process.execPath,
  ['--max-old-space-size=16384', 'dist/cli.js', '--format', 'json', '--index', file, extra],
  { encoding: 'utf8', maxBuffer: 1 << 26 },
);
const report = JSON.parse(out) as { stats: { documents: number } };
console.log(
  `neardup --index FILE (one new file): exit 0 in ${seconds(started)} s, ${report.stats.documents} document(s) reported; file now ${(statSync(file).size / GiB).toFixed(2)} GiB`,
);
rmSync(file, { force: true });
rmSync(extra, { force: true });
