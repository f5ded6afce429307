// npm run bench:cluster [-- 20000]: the shared index sharded over a Redis Cluster of 1, 3 and 6 masters
// (no replicas, Debian's redis-server on loopback, one run), beside the single-slot redisStorage on the
// 1-master cluster: add and query throughput from one client process, Redis memory per paragraph on each
// node, and the share of the node that holds the prefix's slot. Prints; asserts nothing.
//
// What this can show on one small machine: the cost of the protocol (rounds, scripts per bucket hash),
// how memory spreads over the nodes, and what one client process achieves. What it cannot: speed-up from
// more masters, since every redis-server and the client share the same cores.
import os from 'node:os';
import { Redis } from 'ioredis';
import { createIndex, type SharedIndex } from '../src/index.js';
import { redisStorage } from '../src/node/redis.js';
import { redisClusterStorage } from '../src/node/redis-cluster.js';
import { ownerOf, startCluster } from '../test/node/redis-cluster.js';
import { generateCorpus } from './corpus.js';

const size = Number(process.argv[2] ?? 20_000);
const docs = generateCorpus({ paragraphs: size, seed: 42 }).documents;
const held = docs.splice(docs.length - 50, 50); // queried, never added
const paragraphs = docs.reduce((sum, d) => sum + d.text.split('\n').filter((l) => l.trim()).length, 0);
const BATCH = 100;
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}, load ${os.loadavg()[0].toFixed(2)}; ${docs.length} documents, ${paragraphs} paragraphs`,
);

async function usedMemory(ports: readonly number[]): Promise<number[]> {
  return Promise.all(
    ports.map(async (port) => {
      const r = new Redis({ port, host: '127.0.0.1' });
      try {
        return Number(/used_memory:(\d+)/.exec(await r.info('memory'))?.[1]);
      } finally {
        r.disconnect();
      }
    }),
  );
}

/** Bytes of the per-document keys on the prefix's own slot (order, live, names), per document. */
async function metaBytes(ports: readonly number[], prefix: string): Promise<number> {
  const owner = new Redis({ port: await ownerOf({ ports } as never, prefix), host: '127.0.0.1' });
  try {
    let total = 0;
    for (const name of ['order', 'live', 'names'])
      total += Number(await owner.call('MEMORY', 'USAGE', `{${prefix}}:${name}`, 'SAMPLES', '0'));
    return total / docs.length;
  } finally {
    owner.disconnect();
  }
}

async function measure(what: string, index: SharedIndex, ports: readonly number[], prefix?: string) {
  const before = await usedMemory(ports);
  let started = performance.now();
  for (let i = 0; i < docs.length; i += BATCH) await index.add(docs.slice(i, i + BATCH));
  const addS = (performance.now() - started) / 1000;
  started = performance.now();
  let found = 0;
  for (const doc of held) found += (await index.query(doc)).length;
  const queryMs = (performance.now() - started) / held.length;
  const grown = (await usedMemory(ports)).map((m, i) => m - before[i]);
  const total = grown.reduce((a, b) => a + b, 0);
  const meta = prefix === undefined ? undefined : await metaBytes(ports, prefix);
  return {
    storage: what,
    'add, paragraphs/s': Math.round(paragraphs / addS),
    'query, ms': queryMs.toFixed(1),
    pairs: found,
    'bytes/paragraph (all nodes)': Math.round(total / paragraphs),
    'per node, bytes/paragraph': grown.map((g) => Math.round(g / paragraphs)).join(' / '),
    'order+live+names, bytes/document': meta === undefined ? '' : Math.round(meta),
  };
}

const rows = [];
for (const masters of [1, 3, 6]) {
  const cluster = await startCluster({ masters });
  try {
    const prefix = `bench${masters}`;
    const index = await createIndex({
      storage: redisClusterStorage({
        nodes: cluster.urls.join(','),
        prefix,
        replicas: 0,
        commandTimeout: 60_000,
      }),
    });
    rows.push(await measure(`redisClusterStorage, ${masters} master(s)`, index, cluster.ports, prefix));
    await index.close();
    if (masters === 1) {
      const single = await createIndex({
        storage: redisStorage({ url: cluster.urls[0], prefix: 'single', commandTimeout: 60_000 }),
      });
      rows.push(await measure('redisStorage (one slot), 1 master', single, cluster.ports));
      await single.close();
    }
  } finally {
    await cluster.stop();
  }
  console.table(rows);
}
