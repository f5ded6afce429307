// The shared index on a real Redis Cluster of three nodes (issue 13.8): through a `url` that points at any
// one node (whichever serves the prefix's slot), and through an ioredis Cluster client of the caller's.
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndex, type Report, type SharedIndex } from '../../src/index.js';
import { redisStorage } from '../../src/node/redis.js';
import { redisRequired, redisServerPath } from './redis.js';
import { ownerOf, type RedisCluster, redisCliPath, startCluster } from './redis-cluster.js';
import { redisTestDocs } from './redis-fixture.js';

// Run where redis-server and redis-cli are installed, or where Redis is required (then a missing one fails).
const wanted = (redisServerPath !== undefined && redisCliPath !== undefined) || redisRequired;

const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });
const docs = redisTestDocs.slice(0, 24);
let cluster: RedisCluster;

beforeAll(async () => {
  if (!wanted) return;
  cluster = await startCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

/** Adds, queries, reports, replaces and removes through the shared index and an in-memory one alike. */
async function expectSameAsMemory(index: SharedIndex): Promise<void> {
  const memory = await createIndex();
  await index.add(docs.slice(0, 12));
  memory.add(docs.slice(0, 12));
  expect(withoutTime(await index.addAndCheck(docs.slice(12, 20)))).toEqual(
    withoutTime(memory.addAndCheck(docs.slice(12, 20))),
  );
  expect(await index.query(docs[20])).toEqual(memory.query(docs[20]));
  expect((await index.query(docs[20])).length).toBeGreaterThan(0);
  expect(await index.remove(docs[2].id)).toBe(true);
  memory.remove(docs[2].id);
  expect(await index.ids()).toEqual(memory.ids());
  expect(withoutTime(await index.report())).toEqual(withoutTime(memory.report()));
}

describe.skipIf(!wanted)('shared index on a Redis Cluster', () => {
  it('works through the url of a node that does not serve the prefix’s slot', async () => {
    for (const [n, url] of cluster.urls.entries()) {
      // A prefix whose slot another node serves: a plain client on `url` would be answered MOVED.
      let prefix = `cluster-url-${n}`;
      for (let k = 0; (await ownerOf(cluster, prefix)) === cluster.ports[n]; k++)
        prefix = `cluster-url-${n}-${k}`;
      const index = await createIndex({ storage: redisStorage({ url, prefix }) });
      try {
        await expectSameAsMemory(index);
      } finally {
        await index.close();
      }
    }
  }, 120_000);

  it('works through an ioredis Cluster client given as `client`, left open by close()', async () => {
    const client = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
    try {
      const index = await createIndex({ storage: redisStorage({ client, prefix: 'cluster-client' }) });
      await expectSameAsMemory(index);
      await index.close();
      expect(client.status).toBe('ready');
      // Another index over the same client and prefix sees the same documents.
      const again = await createIndex({ storage: redisStorage({ client, prefix: 'cluster-client' }) });
      expect((await again.ids()).length).toBe(19);
      await again.close();
    } finally {
      client.disconnect();
    }
  }, 120_000);
});
