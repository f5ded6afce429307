// Workers on many machines sharing one index sharded across a Redis Cluster (docs/redis-cluster.md).
//
//   node examples/cluster-workers.mjs NODES PREFIX WORKERS FILE...     (after npm run build)
//
// NODES is 'host:port,host:port' of some cluster nodes. The coordinator starts WORKERS processes (here on
// this machine; in production one command per machine, each given its own shard); worker w adds the files
// whose position modulo WORKERS is w, a few at a time, querying each batch first and printing what it
// duplicates. When all are done the coordinator prints the summary of the index's report(): the same
// Report one findDuplicates over every file (in the order the workers' commits gave them) returns.
import { fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createIndex } from 'neardup';
import { redisClusterStorage } from 'neardup/node';

const [nodes, prefix, workers, ...files] = process.argv.slice(2);
const role = process.env.NEARDUP_WORKER;

if (role === undefined) {
  if (!nodes || !prefix || !(Number(workers) >= 1) || files.length === 0) {
    console.error('usage: node examples/cluster-workers.mjs NODES PREFIX WORKERS FILE...');
    process.exit(2);
  }
  const started = Date.now();
  const exits = Array.from(
    { length: Number(workers) },
    (_, w) =>
      new Promise((resolve) =>
        fork(process.argv[1], process.argv.slice(2), {
          env: { ...process.env, NEARDUP_WORKER: String(w) },
        }).once('exit', resolve),
      ),
  );
  const codes = await Promise.all(exits);
  if (codes.some((code) => code !== 0)) {
    console.error(`a worker failed (exit codes ${codes.join(', ')})`);
    process.exit(1);
  }
  const index = await createIndex({
    storage: redisClusterStorage({ nodes, prefix, replicas: Number(process.env.REPLICAS ?? 1) }),
  });
  const report = await index.report();
  await index.close();
  console.log(
    JSON.stringify({
      ...report.stats,
      pairs: report.pairs.length,
      blocks: report.blocks.length,
      seconds: (Date.now() - started) / 1000,
    }),
  );
} else {
  const w = Number(role);
  const shard = files.filter((_, i) => i % Number(workers) === w);
  const index = await createIndex({
    storage: redisClusterStorage({ nodes, prefix, replicas: Number(process.env.REPLICAS ?? 1) }),
  });
  for (let i = 0; i < shard.length; i += 4) {
    const batch = await Promise.all(
      shard.slice(i, i + 4).map(async (id) => ({ id, text: await readFile(id, 'utf8') })),
    );
    for (const doc of batch)
      for (const pair of await index.query(doc))
        console.log(`worker ${w}: ${pair.a.doc} duplicates ${pair.b.doc} (${pair.kind})`);
    await index.add(batch);
  }
  await index.close();
}
