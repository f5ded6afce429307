import type { Redis, RedisOptions } from 'ioredis';
import { NearDupError } from '../errors.js';
import type { IndexStorage } from '../shared-index.js';

export interface RedisStorageOptions {
  /** A Redis URL (redis://host:port/db); ioredis, an optional peer dependency, is loaded for it. */
  url?: string;
  /** Or a connected ioredis client of your own (left open by close()). */
  client?: Redis;
  /** Prefix of every key; the keys share one hash slot ({prefix}), so the index also works on Redis Cluster. Default 'neardup'. */
  prefix?: string;
  /** Milliseconds before a command fails with STORAGE_FAILED when Redis does not answer. Default 5,000. */
  commandTimeout?: number;
}

// A document is stored, or removed, with all its buckets in one Lua script: atomic in Redis.
const INSERT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local order = redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], order, ARGV[2])
for i = 4, #KEYS do redis.call('SADD', KEYS[i], ARGV[2]) end
return order`;
const REMOVE = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
if current ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
for i = 3, #KEYS do redis.call('SREM', KEYS[i], ARGV[2]) end
return 1`;

/**
 * IndexStorage in Redis, for createIndex({ storage: redisStorage({ url }) }): documents as binary
 * records, an ordered set of ids, and one set of ids per LSH band key and fingerprint. Commands fail fast
 * (no offline queue) with STORAGE_FAILED while Redis is unreachable; the client reconnects by itself.
 */
export function redisStorage({
  url,
  client,
  prefix = 'neardup',
  commandTimeout = 5000,
}: RedisStorageOptions): IndexStorage {
  if (!url && !client)
    throw new NearDupError('INVALID_OPTION', 'neardup: redisStorage needs a url or a client');
  const tag = `{${prefix}}`;
  const key = (name: string) => `${tag}:${name}`;
  const docKey = (id: string) => key(`doc:${id}`);
  const bucketKey = (bucket: string) => key(`k:${bucket}`);
  let connection: Promise<Redis> | undefined;
  const redis = (): Promise<Redis> => {
    connection ??= client ? Promise.resolve(client) : connect(url as string, commandTimeout);
    return connection;
  };
  const run = async <T>(what: string, step: (r: Redis) => Promise<T>): Promise<T> => {
    try {
      return await step(await redis());
    } catch (error) {
      if (error instanceof NearDupError) throw error;
      throw new NearDupError(
        'STORAGE_FAILED',
        `neardup: Redis ${what} failed: ${(error as Error)?.message ?? error}`,
        {
          cause: error,
        },
      );
    }
  };
  return {
    init: (parameters) =>
      run('init', async (r) => {
        await r.set(key('parameters'), parameters, 'NX');
        return (await r.get(key('parameters'))) ?? parameters;
      }),
    insert: (id, record, buckets) =>
      run('insert', async (r) => {
        const keys = [docKey(id), key('order'), key('sequence'), ...buckets.map(bucketKey)];
        const order = await r.eval(INSERT, keys.length, ...keys, Buffer.from(record), id);
        return Number(order) > 0;
      }),
    remove: (id, record, buckets) =>
      run('remove', async (r) => {
        const keys = [docKey(id), key('order'), ...buckets.map(bucketKey)];
        const result = Number(await r.eval(REMOVE, keys.length, ...keys, Buffer.from(record), id));
        return result === 1 ? 'removed' : result === 0 ? 'absent' : 'changed';
      }),
    get: (ids) =>
      run('get', async (r) => {
        if (ids.length === 0) return [];
        const pipeline = r.pipeline();
        for (const id of ids) pipeline.getBuffer(docKey(id)).zscore(key('order'), id);
        const replies = (await pipeline.exec()) ?? [];
        return ids.map((_, i) => {
          const [recordError, record] = replies[2 * i];
          const [orderError, order] = replies[2 * i + 1];
          if (recordError || orderError) throw recordError ?? orderError;
          if (!record || order === null) return undefined;
          const bytes = record as Buffer;
          return {
            record: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
            order: Number(order),
          };
        });
      }),
    members: (buckets) =>
      run('lookup', async (r) => (buckets.length === 0 ? [] : r.sunion(...buckets.map(bucketKey)))),
    ids: () => run('ids', (r) => r.zrange(key('order'), 0, -1)),
    reserve: (count) => run('reserve', async (r) => (await r.incrby(key('serial'), count)) - count + 1),
    next: () => run('next', async (r) => Number((await r.get(key('serial'))) ?? 0) + 1),
    close: async () => {
      if (client || !connection) return;
      const r = await connection.catch(() => undefined);
      r?.disconnect();
    },
  };
}

async function connect(url: string, commandTimeout: number): Promise<Redis> {
  let Client: typeof import('ioredis').Redis;
  try {
    Client = (await import('ioredis')).Redis;
  } catch {
    throw new NearDupError(
      'PEER_DEPENDENCY_MISSING',
      "neardup: Redis storage needs the optional peer dependency 'ioredis': npm install ioredis",
    );
  }
  const options: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false, // fail at once while Redis is away, instead of queueing for ever
    maxRetriesPerRequest: 0,
    commandTimeout,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  };
  const client = new Client(url, options);
  client.on('error', () => {}); // failures reach the caller as rejected commands
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new NearDupError(
      'STORAGE_FAILED',
      `neardup: cannot connect to Redis at ${url}: ${(error as Error).message}`,
    );
  }
  return client;
}
