import { randomBytes } from 'node:crypto';
import type { ChainableCommander, Cluster } from 'ioredis';
import { NearDupError } from '../errors.js';
import type { IndexStorage, StorageChange, StorageChangeResult } from '../store/storage.js';
import { type ClusterNode, connectCluster, parseNodes } from './cluster-connect.js';
import { ClusterKeys, defineScripts, guardedRead, onMeta, type Retired, scripted } from './cluster-keys.js';
import { purge, retireStale } from './cluster-purge.js';
import { perNode, type Routed } from './cluster-rounds.js';
import { CLUSTER_LAYOUT, NOT_PENDING } from './cluster-scripts.js';
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

const RESULTS: Record<number, StorageChangeResult> = {
  1: 'done',
  0: 'exists',
  [-1]: 'absent',
  [-2]: 'changed',
};

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
    this.run('write', async (c) => {
      const results: (StorageChangeResult | undefined)[] = new Array(changes.length);
      const expected = await this.expected(changes, results);
      const fresh: (string | undefined)[] = new Array(changes.length);
      try {
        await this.begin(c, changes, expected, fresh, results);
        const writing = changes.flatMap((change, i) => (fresh[i] ? [{ change, version: fresh[i] }] : []));
        await perNode(
          c,
          writing.map(({ change, version }) => this.keys.setRecord(change.id, version, change.to?.record)),
          this.replicas,
          this.waitTimeout,
        );
        await perNode(
          c,
          this.keys.bucketCommands(
            writing.map(({ change, version }) => ({ version, buckets: change.to?.buckets ?? [] })),
            'append',
          ),
          this.replicas,
          this.waitTimeout,
        );
        const retired = await this.commit(c, changes, expected, fresh, results);
        await purge(c, this.keys, retired, this.bands, this.replicas, this.waitTimeout).catch(() => {}); // cleanup finishes it
      } catch (error) {
        await this.abandon(c, changes, fresh).catch(() => {});
        throw error;
      }
      return results as StorageChangeResult[];
    });

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

  /** The version each change with `from` expects; a record this storage never saw is looked up and compared. */
  private async expected(
    changes: readonly StorageChange[],
    results: (StorageChangeResult | undefined)[],
  ): Promise<string[]> {
    const expected = changes.map(({ from }) => (from ? (this.versions.get(from.record) ?? '?') : ''));
    const unknown = changes.flatMap((_, i) => (expected[i] === '?' ? [i] : []));
    if (unknown.length === 0) return expected;
    const stored = await this.get(unknown.map((i) => changes[i].id));
    unknown.forEach((i, n) => {
      const now = stored[n];
      if (!now) results[i] = 'absent';
      else if (!sameBytes(now.record, changes[i].from?.record as Uint8Array)) results[i] = 'changed';
      else expected[i] = this.versions.get(now.record) as string;
    });
    return expected;
  }

  /** Round 1: a pending version for each change that stores a record (and an early refusal where due). */
  private async begin(
    c: Cluster,
    changes: readonly StorageChange[],
    expected: readonly string[],
    fresh: (string | undefined)[],
    results: (StorageChangeResult | undefined)[],
  ): Promise<void> {
    const starting = changes.flatMap((change, i) => (change.to && !results[i] ? [i] : []));
    if (starting.length === 0) return;
    const k = this.keys;
    const replies = await this.meta(c, (p) => {
      for (const i of starting)
        scripted(p).neardupBegin(
          ...k.guard(),
          k.meta('live'),
          k.meta('sequence'),
          k.meta('pending'),
          this.epoch,
          changes[i].id,
          expected[i],
        );
    });
    starting.forEach((i, n) => {
      const reply = Number(replies[n]);
      if (reply > 0) {
        fresh[i] = String(reply);
        this.versions.set(changes[i].to?.record as Uint8Array, fresh[i]);
      } else results[i] = RESULTS[reply];
    });
  }

  /** Round 4: each change committed (or refused); returns the versions to purge. */
  private async commit(
    c: Cluster,
    changes: readonly StorageChange[],
    expected: readonly string[],
    fresh: (string | undefined)[],
    results: (StorageChangeResult | undefined)[],
  ): Promise<Retired[]> {
    const committing = changes.flatMap((_, i) => (!results[i] ? [i] : []));
    if (committing.length === 0) return [];
    const k = this.keys;
    const metaKeys = [
      ...k.guard(),
      k.meta('live'),
      k.meta('names'),
      k.meta('order'),
      k.meta('pending'),
      k.meta('retired'),
      k.meta('sequence'),
    ];
    const replies = await this.meta(c, (p) => {
      for (const i of committing)
        scripted(p).neardupCommit(
          ...metaKeys,
          this.epoch,
          changes[i].id,
          expected[i],
          fresh[i] ?? '',
          changes[i].order ?? '',
        );
    });
    const retired: Retired[] = [];
    committing.forEach((i, n) => {
      const reply = Number(replies[n]);
      if (reply === NOT_PENDING) {
        throw new Error(
          `the batch outlasted pendingTimeout (${this.pendingTimeout} ms): its versions were cleaned up`,
        );
      }
      results[i] = RESULTS[reply];
      const { id, from, to } = changes[i];
      if (reply === 1 && from) retired.push({ id, version: expected[i], buckets: from.buckets });
      if (reply !== 1 && fresh[i]) retired.push({ id, version: fresh[i] as string, buckets: to?.buckets });
      fresh[i] = undefined; // settled: nothing left to abandon
    });
    return retired;
  }

  /** After a failure: the batch's versions still pending are retired and purged (else cleanup does it). */
  private async abandon(
    c: Cluster,
    changes: readonly StorageChange[],
    fresh: readonly (string | undefined)[],
  ): Promise<void> {
    const left = changes.flatMap((change, i) =>
      fresh[i] ? [{ id: change.id, version: fresh[i] as string, buckets: change.to?.buckets }] : [],
    );
    if (left.length === 0) return;
    const k = this.keys;
    const moved = await scripted(c).neardupAbandon(
      ...k.guard(),
      k.meta('pending'),
      k.meta('retired'),
      this.epoch,
      ...left.map((l) => l.version),
    );
    const abandoned = new Set(moved.filter((_, i) => i % 2 === 0));
    await purge(
      c,
      k,
      left.filter((l) => abandoned.has(l.version)),
      this.bands,
      this.replicas,
      this.waitTimeout,
    );
  }

  private async cleanupWith(c: Cluster, olderThan: number): Promise<number> {
    const retired = await retireStale(c, this.keys, this.epoch, olderThan);
    await purge(c, this.keys, retired, this.bands, this.replicas, this.waitTimeout);
    return retired.length;
  }

  /** A pipeline on the prefix's slot, ended by WAIT (unless `wait` 0); the replies in order. */
  private meta(c: Cluster, fill: (p: ChainableCommander) => void, wait = this.replicas): Promise<unknown[]> {
    return onMeta(c, fill, wait, this.waitTimeout);
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
