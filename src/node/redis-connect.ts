import type { ClusterOptions, Redis, RedisOptions } from 'ioredis';
import { NearDupError } from '../errors.js';

/**
 * Connects to the Redis behind `url` for redisStorage. When it is a node of a Redis Cluster (`INFO
 * cluster` says cluster_enabled:1), a Cluster client over it is returned instead: a plain client
 * answers MOVED for every key whose slot another node serves, so the index would work or fail
 * depending on where its prefix's slot lies. Both fail fast while Redis is away (no offline queue), and
 * reconnect by themselves.
 */
export async function connect(url: string, commandTimeout: number): Promise<Redis> {
  const ioredis = await loadIoredis('Redis storage');
  const options: RedisOptions = { ...failFastOptions(commandTimeout), lazyConnect: true };
  const client = new ioredis.Redis(url, options);
  client.on('error', () => {}); // failures reach the caller as rejected commands
  let clustered: boolean;
  try {
    await client.connect();
    clustered = /^cluster_enabled:1\b/m.test(await client.info('cluster'));
  } catch (error) {
    client.disconnect();
    throw new NearDupError(
      'STORAGE_FAILED',
      `neardup: cannot connect to Redis at ${url}: ${(error as Error).message}`,
    );
  }
  if (!clustered) return client;
  // The node's address and credentials, as the client read them from the URL, start the cluster client.
  const { host, port, username, password, tls } = client.options;
  client.disconnect();
  const clusterOptions: ClusterOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    clusterRetryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    // Without lazyConnect: the cluster client connects its nodes itself (lazyConnect: false here hangs).
    redisOptions: { ...withoutLazy(options), username, password, tls },
  };
  const cluster = new ioredis.Cluster([{ host, port }], clusterOptions);
  cluster.on('error', () => {});
  try {
    await cluster.connect();
  } catch (error) {
    cluster.disconnect();
    throw new NearDupError(
      'STORAGE_FAILED',
      `neardup: cannot connect to the Redis Cluster of ${url}: ${(error as Error).message}`,
    );
  }
  return cluster as unknown as Redis; // the commands the storage sends are the same on both
}

function withoutLazy({ lazyConnect: _, ...rest }: RedisOptions): RedisOptions {
  return rest;
}

/** The optional peer ioredis, loaded on first use; PEER_DEPENDENCY_MISSING naming `what` without it. */
export async function loadIoredis(what: string): Promise<typeof import('ioredis')> {
  try {
    return await import('ioredis');
  } catch {
    throw new NearDupError(
      'PEER_DEPENDENCY_MISSING',
      `neardup: ${what} needs the optional peer dependency 'ioredis': npm install ioredis`,
    );
  }
}

/** Client options of every neardup connection: fail at once while Redis is away, never resend a write. */
export function failFastOptions(commandTimeout: number): RedisOptions {
  return {
    enableOfflineQueue: false, // fail at once while Redis is away, instead of queueing for ever
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false, // a write cut off by a lost connection is never sent again later
    commandTimeout,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  };
}
