// npm run bench:index [-- 100000] [--redis | --memory-only]: the lasting index on a generated corpus (written once as JSON lines by
// bench/scale.ts's generator): adding every document, querying held-out ones, save and load, file size.
// Prints; asserts nothing.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createIndex, loadIndex } from '../src/index.js';
import { CORPUS_VERSION, generateCorpus } from './corpus.js';

const size = Number(process.argv[2] ?? 100_000);
const dir = join(os.tmpdir(), 'neardup-scale');
mkdirSync(dir, { recursive: true });
const file = join(dir, `sotu-v${CORPUS_VERSION}-${size}-seed42.jsonl`);
if (!existsSync(file)) {
  writeFileSync(
    file,
    generateCorpus({ paragraphs: size, seed: 42 })
      .documents.map((d) => JSON.stringify(d))
      .join('\n'),
  );
}
const docs = readFileSync(file, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; text: string });
const held = docs.splice(docs.length - 200, 200); // queried, never added

const seconds = (from: number) => (performance.now() - from) / 1000;
// CPU time (user + system, every thread of this process) beside wall time: on a busy shared machine
// wall time swings with the load, CPU time far less.
const cpuSeconds: Record<string, number> = {};
let cpuMark = process.cpuUsage();
const cpu = (phase: string) => {
  const used = process.cpuUsage(cpuMark);
  cpuSeconds[phase] = (used.user + used.system) / 1e6;
  cpuMark = process.cpuUsage();
};
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}`,
);
const index = await createIndex();
let started = performance.now();
cpuMark = process.cpuUsage();
for (let i = 0; i < docs.length; i += 1000) index.add(docs.slice(i, i + 1000));
const addS = seconds(started);
cpu('add');
const paragraphs =
  index.report === undefined
    ? 0
    : docs.reduce((sum, d) => sum + d.text.split('\n').filter((l) => l.trim()).length, 0);
started = performance.now();
cpuMark = process.cpuUsage();
const bytes = index.save();
const saveS = seconds(started);
cpu('save');
started = performance.now();
const loadedSize = (await loadIndex(bytes)).size; // measured before the query buckets take memory
const loadS = seconds(started);
cpu('load');
started = performance.now();
index.query(held[0]); // builds the bucket maps once
const firstQueryS = seconds(started);
cpu('first query');
started = performance.now();
let found = 0;
for (const doc of held.slice(1)) found += index.query(doc).length;
const queryS = seconds(started);
cpu(`${held.length - 1} queries`);
const indexed = index.size;
// A newsroom removes a story now and then between checks: each removal, then one query.
const removals = Math.min(20, docs.length);
started = performance.now();
for (let i = 0; i < removals; i++) {
  index.remove(docs[(i * 7919) % docs.length].id);
  index.query(held[1 + (i % (held.length - 1))]);
}
const removeQueryS = seconds(started);
cpu(`${removals} removals, each then a query`);
const text = docs.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
console.table([
  { measure: 'documents / paragraphs indexed', value: `${indexed} / ${paragraphs}` },
  {
    measure: 'add (batches of 1,000 documents)',
    value: `${addS.toFixed(1)} s, ${(paragraphs / addS).toFixed(0)} paragraphs/s`,
  },
  { measure: 'first query (builds the lookups)', value: `${(firstQueryS * 1000).toFixed(0)} ms` },
  {
    measure: `then ${held.length - 1} queries`,
    value: `${((queryS * 1000) / (held.length - 1)).toFixed(1)} ms each, ${found} pairs found`,
  },
  {
    measure: `then ${removals} times: remove one document, query one`,
    value: `${((removeQueryS * 1000) / removals).toFixed(1)} ms each`,
  },
  { measure: 'save', value: `${(saveS * 1000).toFixed(0)} ms, ${(bytes.length / 1e6).toFixed(1)} MB` },
  {
    measure: 'bytes per paragraph (text included / beyond the text)',
    value: `${(bytes.length / paragraphs).toFixed(0)} / ${((bytes.length - text) / paragraphs).toFixed(0)}`,
  },
  { measure: 'load', value: `${(loadS * 1000).toFixed(0)} ms (${loadedSize} documents)` },
  { measure: 'peak RSS', value: `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB` },
]);
console.table(
  Object.entries(cpuSeconds).map(([phase, s]) => ({
    'CPU seconds (user + system)': phase,
    value: s.toFixed(2),
  })),
);

// The same against a local redis-server (Debian's package), when there is one.
const { redisServerPath, startRedis } = await import('../test/node/redis.js');
// Above 200 k paragraphs only with --redis (Redis then needs several GB); never with --memory-only.
const withRedis =
  !process.argv.includes('--memory-only') && (size <= 200_000 || process.argv.includes('--redis'));
if (redisServerPath && withRedis) {
  const { redisStorage } = await import('../src/node/redis.js');
  const server = await startRedis();
  try {
    const shared = await createIndex({ storage: redisStorage({ url: server.url }) });
    started = performance.now();
    for (let i = 0; i < docs.length; i += 1000) await shared.add(docs.slice(i, i + 1000));
    const sharedAddS = seconds(started);
    started = performance.now();
    let sharedFound = 0;
    for (const doc of held.slice(1)) sharedFound += (await shared.query(doc)).length;
    const sharedQueryS = seconds(started);
    const memory = execSync(`redis-cli -u ${server.url} info memory`, { encoding: 'utf8' }).match(
      /used_memory:(\d+)/,
    )?.[1];
    console.table([
      {
        measure: 'Redis: add (batches of 1,000: pipelines of per-document Lua scripts, EVALSHA)',
        value: `${sharedAddS.toFixed(1)} s, ${(paragraphs / sharedAddS).toFixed(0)} paragraphs/s`,
      },
      {
        measure: `Redis: ${held.length - 1} queries`,
        value: `${((sharedQueryS * 1000) / (held.length - 1)).toFixed(1)} ms each, ${sharedFound} pairs found`,
      },
      {
        measure: 'Redis: used memory',
        value: `${(Number(memory) / 1e6).toFixed(0)} MB, ${(Number(memory) / paragraphs).toFixed(0)} bytes per paragraph`,
      },
    ]);
    await shared.close();
  } finally {
    await server.stop();
  }
}
