import { randomBytes } from 'node:crypto';
import type { ChainableCommander, Cluster } from 'ioredis';
import { NearDupError } from '../errors.js';
import type { IndexStorage, StorageChange, StorageChangeResult } from '../store/storage.js';
import { type ClusterNode, connectCluster, parseNodes } from './cluster-connect.js';
import { ClusterKeys, defineScripts, guardedRead, scripted } from './cluster-keys.js';
import { purge, retireStale } from './cluster-purge.js';
import { perNode, type Routed } from './cluster-rounds.js';
import { CLUSTER_LAYOUT } from './cluster-scripts.js';
import { writeBatch } from './cluster-write.js';
import type { RedisClient } from './redis-client.js';
import { LOST } from './redis-scripts.js';

export interface RedisClusterStorageOptions {
  /** Some nodes of the cluster: 'host:port,host:port' or an array of 'host:port' (ioredis finds the rest). */
  nodes?: string | readonly string[];
  /** Or an ioredis `Cluster` of your own, left open by close(). */
  client?: RedisClient;
  /** Prefix of every key (no braces). Default 'neardup'. */
  prefix?: string;
  /** Milliseconds before a command fails when a node does not answer (and WAIT's timeout). Default 5,000. */
  commandTimeout?: number;
  /** Replicas that must acknowledge each round of a write (WAIT); 0 for a cluster without replicas. Default 1. */
  replicas?: number;
  /** Versions pending this long (a writer that died mid-batch) are cleaned up when an index is opened. Default 60,000 ms. */
  pendingTimeout?: number;
  /** How long reads retry through a failover before failing with STORAGE_FAILED. Default 15,000 ms. */
  failoverTimeout?: number;
}

/** IndexStorage spread over a Redis Cluster, with the cleanup of what crashed writers left (docs/redis-cluster.md). */
export interface RedisClusterStorage extends IndexStorage {
  /** Retires the versions pending for at least `olderThan` ms and deletes every retired one; returns how many. */
  cleanup(olderThan?: number): Promise<number>;
}

/**
 * IndexStorage over a Redis Cluster, for createIndex({ storage: redisClusterStorage({ nodes }) }): the
 * buckets spread over every slot by bucket group, the records by document id, and a document made
 * visible by one commit on the prefix's slot after everything else of it was written. Writes fail with
 * STORAGE_FAILED when a node fails (and are undone as far as possible); reads retry through a failover.
 */
export function redisClusterStorage(options: RedisClusterStorageOptions): RedisClusterStorage {
  return new RedisClusterStore(options);
}

class RedisClusterStore implements RedisClusterStorage {
  readonly name: string;
  private readonly keys: ClusterKeys;
  private readonly nodes: ClusterNode[] | undefined;
  private readonly client: Cluster | undefined;
  private readonly commandTimeout: number;
  /** WAIT's own timeout: half of commandTimeout, so that a missing replica fails as such, not as a timeout. */
  private readonly waitTimeout: number;
  private readonly replicas: number;
  private readonly pendingTimeout: number;
  private readonly failoverTimeout: number;
  private connection: Promise<Cluster> | undefined;
  private epoch = '';
  private bands = 0;
  /** The version of each record this storage read or wrote: what a change `from` it expects. */
  private readonly versions = new WeakMap<Uint8Array, string>();

  constructor(options: RedisClusterStorageOptions) {
    const { nodes, client, prefix = 'neardup', commandTimeout = 5000 } = options;
    if (nodes === undefined && !client)
      throw new NearDupError('INVALID_OPTION', 'neardup: redisClusterStorage needs nodes or a client');
    if (typeof prefix !== 'string' || prefix === '' || /[{}]/.test(prefix)) {
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: redisClusterStorage prefix must be a non-empty string without braces, got ${JSON.stringify(prefix)}`,
      );
    }
    this.nodes = nodes === undefined ? undefined : parseNodes(nodes);
    this.client = client as unknown as Cluster | undefined;
    this.commandTimeout = commandTimeout;
    this.waitTimeout = Math.max(1, Math.floor(commandTimeout / 2));
    this.replicas = options.replicas ?? 1;
    this.pendingTimeout = options.pendingTimeout ?? 60_000;
    this.failoverTimeout = options.failoverTimeout ?? 15_000;
    this.keys = new ClusterKeys(prefix);
    this.name = `the Redis Cluster index under prefix ${JSON.stringify(prefix)}`;
  }

  readonly init = (parameters: string): Promise<string> =>
    this.run('init', async (c) => {
      const k = this.keys;
      const keys = [
        k.meta('parameters'),
        k.meta('layout'),
        k.meta('epoch'),
        k.meta('order'),
        k.meta('serial'),
      ];
      const [stored, layout, epoch] = await scripted(c)
        .neardupInit(...keys, parameters, CLUSTER_LAYOUT, randomBytes(8).toString('hex'))
        .catch((error: Error) => {
          if (!error.message?.includes(LOST)) throw error;
          throw new NearDupError(
            'STORAGE_FAILED',
            `neardup: ${this.name} holds documents but no parameters; delete its keys or use another prefix`,
          );
        });
      if (layout !== CLUSTER_LAYOUT) {
        throw new NearDupError(
          'INDEX_MISMATCH',
          `neardup: ${this.name} is stored in Redis layout ${JSON.stringify(layout || '1')}; redisClusterStorage reads layout ${CLUSTER_LAYOUT}`,
        );
      }
      this.epoch = epoch;
      this.bands = Number((JSON.parse(stored) as { bands?: unknown }).bands) || 0;
      await this.cleanupWith(c, this.pendingTimeout);
      return stored;
    });

  readonly write = (changes: readonly StorageChange[]): Promise<StorageChangeResult[]> =>
    this.run('write', (c) =>
      writeBatch(c, changes, {
        keys: this.keys,
        epoch: this.epoch,
        bands: this.bands,
        replicas: this.replicas,
        waitTimeout: this.waitTimeout,
        pendingTimeout: this.pendingTimeout,
        versions: this.versions,
        get: this.get,
      }),
    );

  readonly get = (ids: readonly string[]): Promise<({ record: Uint8Array; order: number } | undefined)[]> =>
    this.read('get', async (c) => {
      const found: ({ record: Uint8Array; order: number } | undefined)[] = new Array(ids.length);
      let todo = ids.map((_, i) => i);
      // A record can vanish between reading its version and reading it (replaced and purged meanwhile): read again.
      for (let attempt = 0; todo.length > 0 && attempt < 5; attempt++) {
        const wanted = todo.map((i) => ids[i]);
        const [versions, orders] = (await this.guarded(c, (p) =>
          p.hmget(this.keys.meta('live'), ...wanted).zmscore(this.keys.meta('order'), ...wanted),
        )) as [(string | null)[], (string | null)[]];
        const present = todo.flatMap((at, j) =>
          versions[j] !== null && orders[j] !== null ? [{ at, j }] : [],
        );
        const records = await perNode(
          c,
          present.map(({ at, j }): Routed => {
            const key = this.keys.record(ids[at], versions[j] as string);
            return { key, add: (p) => p.getBuffer(key) };
          }),
        );
        const again: number[] = [];
        present.forEach(({ at, j }, n) => {
          const bytes = records[n] as Buffer | null;
          if (!bytes) {
            again.push(at);
            return;
          }
          const record = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          this.versions.set(record, versions[j] as string);
          found[at] = { record, order: Number(orders[j]) };
        });
        todo = again;
      }
      return found;
    });

  readonly members = (buckets: readonly string[]): Promise<string[]> =>
    this.read('lookup', async (c) => {
      if (buckets.length === 0) return [];
      const groups = this.keys.bucketGroups(buckets);
      const replies = await perNode(
        c,
        [...groups].map(([key, fields]): Routed => ({ key, add: (p) => p.hmget(key, ...fields) })),
      );
      const versions = new Set<string>();
      for (const values of replies as (string | null)[][])
        for (const value of values) if (value) for (const v of value.split(',')) if (v) versions.add(v);
      if (versions.size === 0) return [];
      const [names] = (await this.guarded(c, (p) => p.hmget(this.keys.meta('names'), ...versions))) as [
        (string | null)[],
      ];
      return [...new Set(names.filter((id): id is string => id !== null))];
    });

  readonly ids = (): Promise<string[]> =>
    this.read('ids', async (c) => {
      const [ids] = await this.guarded(c, (p) => p.zrange(this.keys.meta('order'), 0, -1));
      return ids as string[];
    });

  readonly reserve = (count: number): Promise<number> =>
    this.run('reserve', async (c) => {
      const last = await scripted(c).neardupReserve(
        ...this.keys.guard(),
        this.keys.meta('serial'),
        this.epoch,
        count,
      );
      return last - count + 1;
    });

  readonly release = async (first: number, count: number): Promise<void> => {
    await this.run('release', (c) =>
      scripted(c).neardupRelease(...this.keys.guard(), this.keys.meta('serial'), this.epoch, first, count),
    );
  };

  readonly next = (): Promise<number> =>
    this.read('next', async (c) => {
      const [serial] = await this.guarded(c, (p) => p.get(this.keys.meta('serial')));
      return Number(serial ?? 0) + 1;
    });

  readonly cleanup = (olderThan = 0): Promise<number> =>
    this.run('cleanup', (c) => this.cleanupWith(c, olderThan));

  /** Waits, up to commandTimeout, until the prefix's slot answers again. */
  readonly reconnected = async (): Promise<boolean> => {
    const c = await this.connection?.catch(() => undefined);
    if (!c || c.status === 'end') return false;
    const until = Date.now() + this.commandTimeout;
    while (Date.now() < until) {
      if (
        await c.exists(this.keys.meta('epoch')).then(
          () => true,
          () => false,
        )
      )
        return true;
      await sleep(200);
    }
    return false;
  };

  readonly close = async (): Promise<void> => {
    if (this.client || !this.connection) return;
    const c = await this.connection.catch(() => undefined);
    c?.disconnect();
  };

  private async cleanupWith(c: Cluster, olderThan: number): Promise<number> {
    const retired = await retireStale(c, this.keys, this.epoch, olderThan);
    await purge(c, this.keys, retired, this.bands, this.replicas, this.waitTimeout);
    return retired.length;
  }

  private guarded(c: Cluster, fill: (p: ChainableCommander) => void): Promise<unknown[]> {
    return guardedRead(c, this.keys, this.epoch, fill);
  }

  /** The cluster client, connected (and the scripts defined) on first use. */
  private cluster(): Promise<Cluster> {
    this.connection ??= (
      this.client
        ? Promise.resolve(this.client)
        : connectCluster(this.nodes as ClusterNode[], this.commandTimeout)
    ).then(defineScripts);
    return this.connection;
  }

  /** Runs a step once; any failure but a NearDupError becomes STORAGE_FAILED (LOST: the index is gone). */
  private async run<T>(what: string, step: (c: Cluster) => Promise<T>): Promise<T> {
    try {
      return await step(await this.cluster());
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  /** Runs a read, again and again (with a fresh slot map) while a failover lasts, up to failoverTimeout. */
  private async read<T>(what: string, step: (c: Cluster) => Promise<T>): Promise<T> {
    const until = Date.now() + this.failoverTimeout;
    for (;;) {
      let c: Cluster;
      try {
        c = await this.cluster();
        return await step(c);
      } catch (error) {
        const failure = this.failure(what, error);
        if (error instanceof NearDupError || (error as Error)?.message?.includes(LOST) || Date.now() >= until)
          throw failure;
        await sleep(250);
        (await this.connection?.catch(() => undefined))?.refreshSlotsCache();
      }
    }
  }

  private failure(what: string, error: unknown): NearDupError {
    if (error instanceof NearDupError) return error;
    if ((error as Error)?.message?.includes(LOST)) {
      return new NearDupError(
        'STORAGE_FAILED',
        `neardup: ${this.name} is gone: the cluster lost its keys or another index was created there since this one was opened; nothing was written. Open the index again to start a new one`,
        { cause: error },
      );
    }
    return new NearDupError(
      'STORAGE_FAILED',
      `neardup: Redis Cluster ${what} failed: ${(error as Error)?.message ?? error}`,
      {
        cause: error,
      },
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
