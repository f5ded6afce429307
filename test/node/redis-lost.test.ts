// A shared index whose Redis forgets it (issue 13.7): restarted without persistence, flushed, or its
// parameters evicted. The open index must fail with STORAGE_FAILED naming its prefix, never carry on
// over an empty store, and never let a second opener's parameters mix with its documents.
import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import { createIndex, type SharedIndex } from '../../src/index.js';
import { redisStorage } from '../../src/node/redis.js';
import { type RedisServer, startRedis } from './redis.js';
import { describeRedis, redisTestDocs } from './redis-fixture.js';

const docs = redisTestDocs;
let servers: RedisServer[] = [];
let indexes: SharedIndex[] = [];
afterEach(async () => {
  for (const index of indexes) await index.close().catch(() => {});
  for (const server of servers) await server.stop();
  servers = [];
  indexes = [];
});

async function server(port?: number): Promise<RedisServer> {
  const started = await startRedis({ port });
  servers.push(started);
  return started;
}

async function open(url: string, prefix: string, options = {}): Promise<SharedIndex> {
  const index = await createIndex({
    ...options,
    storage: redisStorage({ url, prefix, commandTimeout: 2000 }),
  });
  indexes.push(index);
  return index;
}

/** Waits until a call on the index gets past a lost connection (any answer but a connection error). */
async function afterReconnect<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const message = (error as Error).message;
      if (
        attempt > 100 ||
        !/Connection is closed|Stream isn't writeable|ECONNREFUSED|enableOfflineQueue/.test(message)
      )
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const gone = (prefix: string) => ({
  code: 'STORAGE_FAILED',
  message: expect.stringContaining(`the Redis index under prefix "${prefix}" is gone`),
});

describeRedis('shared index whose Redis lost its data', () => {
  it('fails every call with STORAGE_FAILED naming the prefix after Redis restarts empty, and writes nothing', async () => {
    const first = await server();
    const port = Number(new URL(first.url).port);
    const index = await open(first.url, 'lost');
    await index.add(docs.slice(0, 10));
    expect(await index.size()).toBe(10);
    await first.stop();
    const second = await server(port); // the same address, no persistence: empty
    await expect(afterReconnect(() => index.size())).rejects.toMatchObject(gone('lost'));
    await expect(index.ids()).rejects.toMatchObject(gone('lost'));
    await expect(index.add(docs.slice(10, 12))).rejects.toMatchObject(gone('lost'));
    await expect(index.addAndCheck([docs[12]])).rejects.toMatchObject(gone('lost'));
    await expect(index.query(docs[0])).rejects.toMatchObject(gone('lost'));
    await expect(index.document(docs[0].id)).rejects.toMatchObject(gone('lost'));
    await expect(index.remove(docs[0].id)).rejects.toMatchObject(gone('lost'));
    await expect(index.report()).rejects.toMatchObject(gone('lost'));
    // Nothing was written to the new, empty server: no document, no number, no bucket.
    const r = new Redis(second.url);
    expect(await r.dbsize()).toBe(0);
    r.disconnect();
  }, 60_000);

  it('lets a new index be created where the old one was lost, without mixing the two', async () => {
    const first = await server();
    const port = Number(new URL(first.url).port);
    const old = await open(first.url, 'again');
    await old.add(docs.slice(0, 5));
    await first.stop();
    const second = await server(port);
    await expect(afterReconnect(() => old.add(docs.slice(5, 8)))).rejects.toMatchObject(gone('again'));
    // A second opener finds the prefix empty, so its own options make a new index there.
    const fresh = await open(second.url, 'again', { shingleSize: 4 });
    expect(fresh.options.shingleSize).toBe(4);
    await fresh.add([{ id: 'x', text: docs[0].text }]);
    // Report v2: each paragraph of the copy y is in one cluster with the same paragraph of x (a paragraph
    // copied inside x is listed against its first copy, so pairs alone need not pair ¶i with ¶i).
    const checked = await fresh.check([{ id: 'y', text: docs[0].text }]);
    const clusterOf = new Map<string, number>();
    for (const c of checked.clusters)
      for (const m of c.members) clusterOf.set(`${m.doc}#${m.paragraph}`, c.id);
    const paragraphs = docs[0].text.split('\n\n').length;
    for (let i = 0; i < paragraphs; i++) {
      expect(clusterOf.get(`y#${i}`), `y ¶${i}`).toBeDefined();
      expect(clusterOf.get(`y#${i}`), `y ¶${i}`).toBe(clusterOf.get(`x#${i}`));
    }
    // The old index still refuses: the epoch it opened with is not the new index's.
    await expect(old.add(docs.slice(5, 8))).rejects.toMatchObject(gone('again'));
    await expect(old.size()).rejects.toMatchObject(gone('again'));
    expect(await fresh.ids()).toEqual(['x']);
  }, 60_000);

  it('notices a flush or a deleted parameters key, and refuses to create an index over what is left', async () => {
    const started = await server();
    const index = await open(started.url, 'flushed');
    await index.add(docs.slice(0, 4));
    const r = new Redis(started.url);
    try {
      await r.del('{flushed}:parameters'); // evicted, or deleted by hand
      await expect(index.size()).rejects.toMatchObject(gone('flushed'));
      await expect(index.add([docs[5]])).rejects.toMatchObject(gone('flushed'));
      // Documents without parameters: a new opener does not make an index over them.
      await expect(open(started.url, 'flushed', { shingleSize: 4 })).rejects.toMatchObject({
        code: 'STORAGE_FAILED',
        message: expect.stringContaining('holds documents but no parameters'),
      });
      expect(await r.exists('{flushed}:parameters')).toBe(0);
      await r.flushall();
      await expect(index.query(docs[0])).rejects.toMatchObject(gone('flushed'));
      expect(await r.dbsize()).toBe(0);
    } finally {
      r.disconnect();
    }
  }, 60_000);
});
