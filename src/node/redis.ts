import { randomBytes } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import { NearDupError } from '../errors.js';
import type { IndexStorage, StorageChange, StorageChangeResult } from '../store/storage.js';
import { appendAll } from '../util/append.js';
import type { RedisClient } from './redis-client.js';
import { connect } from './redis-connect.js';
import { define, LAYOUT, LOST, type RedisArgument, scripted } from './redis-scripts.js';

export interface RedisStorageOptions {
  /** A Redis URL (redis://host:port/db); ioredis, an optional peer dependency, is loaded for it. */
  url?: string;
  /** Or a connected ioredis client of your own, a `Redis` or a `Cluster` (left open by close()). */
  client?: RedisClient;
  /** Prefix of every key; the keys share one hash slot ({prefix}), so the index also works on Redis Cluster. Default 'neardup'. */
  prefix?: string;
  /** Milliseconds before a command fails with STORAGE_FAILED when Redis does not answer. Default 5,000. */
  commandTimeout?: number;
}

/** Bucket entries written by one pipeline (a 20-paragraph document has about 1,400). */
const PIPELINE_ENTRIES = 50_000;

const RESULTS: Record<number, StorageChangeResult> = {
  1: 'done',
  0: 'exists',
  [-1]: 'absent',
  [-2]: 'changed',
};

/**
 * IndexStorage in Redis, for createIndex({ storage: redisStorage({ url }) }): documents as binary
 * records, an ordered set of ids, and the LSH buckets grouped into small hashes (redis-scripts.ts has the
 * layout). Commands fail fast (no offline queue) with STORAGE_FAILED while Redis is unreachable; the
 * client reconnects by itself.
 */
export function redisStorage(options: RedisStorageOptions): IndexStorage {
  return new RedisStorage(options);
}

/**
 * The storage's methods (IndexStorage's) are arrow-function properties, not prototype methods, so a
 * wrapper made by spreading it ({ ...storage, write }) keeps working.
 */
class RedisStorage implements IndexStorage {
  readonly name: string;
  private readonly tag: string;
  private readonly url: string | undefined;
  private readonly client: RedisClient | undefined;
  private readonly commandTimeout: number;
  private connection: Promise<Redis> | undefined;
  /** The epoch the index was opened with (init): every call checks it is still the stored one. */
  private epoch = '';

  constructor({ url, client, prefix = 'neardup', commandTimeout = 5000 }: RedisStorageOptions) {
    if (!url && !client)
      throw new NearDupError('INVALID_OPTION', 'neardup: redisStorage needs a url or a client');
    this.url = url;
    this.client = client;
    this.commandTimeout = commandTimeout;
    this.tag = `{${prefix}}`;
    this.name = `the Redis index under prefix ${JSON.stringify(prefix)}`;
  }

  readonly init = (parameters: string): Promise<string> =>
    this.run('init', async (r) => {
      const keys = ['parameters', 'layout', 'epoch', 'order', 'serial'].map((name) => this.key(name));
      const fresh = randomEpoch();
      const [stored, layout, epoch] = await scripted(r)
        .neardupInit(keys.length, keys.concat(parameters, LAYOUT, fresh))
        .catch((error: Error) => {
          if (!error.message?.includes(LOST)) throw error;
          throw new NearDupError(
            'STORAGE_FAILED',
            `neardup: ${this.name} holds documents but no parameters (evicted or deleted); it is not created again over what is left: delete its keys (${this.tag}:*) or use another prefix`,
          );
        });
      if (layout !== LAYOUT) {
        throw new NearDupError(
          'INDEX_MISMATCH',
          `neardup: ${this.name} is stored in Redis layout ${JSON.stringify(layout || '1')}; this neardup reads layout ${LAYOUT}`,
        );
      }
      this.epoch = epoch;
      return stored;
    });

  /**
   * Pipelines of at most PIPELINE_ENTRIES bucket entries, one after the other: few round trips, and no
   * command waits behind so much work that it outlasts commandTimeout. Each change is still its own
   * atomic script.
   */
  readonly write = (changes: readonly StorageChange[]): Promise<StorageChangeResult[]> =>
    this.run('write', async (r) => {
      const results: StorageChangeResult[] = [];
      for (let from = 0; from < changes.length; ) {
        let to = from;
        let entries = 0;
        do {
          entries += (changes[to].from?.buckets.length ?? 0) + (changes[to].to?.buckets.length ?? 0);
          to++;
        } while (to < changes.length && entries < PIPELINE_ENTRIES);
        appendAll(results, await this.writePipeline(r, changes.slice(from, to)));
        from = to;
      }
      return results;
    });

  readonly get = (ids: readonly string[]): Promise<({ record: Uint8Array; order: number } | undefined)[]> =>
    this.run('get', async (r) => {
      if (ids.length === 0) return [];
      const pipeline = this.guarded(r);
      for (const id of ids) pipeline.getBuffer(this.docKey(id)).zscore(this.key('order'), id);
      const replies = await this.exec(pipeline);
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
    });

  readonly members = (buckets: readonly string[]): Promise<string[]> =>
    this.run('lookup', async (r) => {
      if (buckets.length === 0) return [];
      const { keys, fields } = this.bucketKeys(buckets);
      const args = this.guardKeys().concat(this.key('names'), keys, this.epoch, fields);
      return scripted(r).neardupMembers(keys.length + 3, args);
    });

  readonly ids = (): Promise<string[]> =>
    this.run('ids', async (r) => {
      const [[error, ids]] = await this.exec(this.guarded(r).zrange(this.key('order'), 0, -1));
      if (error) throw error;
      return ids as string[];
    });

  readonly reserve = (count: number): Promise<number> =>
    this.run('reserve', async (r) => {
      const args = this.guardKeys().concat(this.key('serial'), this.epoch, count);
      return (await scripted(r).neardupReserve(3, args)) - count + 1;
    });

  readonly release = async (first: number, count: number): Promise<void> => {
    await this.run('release', (r) =>
      scripted(r).neardupRelease(3, this.guardKeys().concat(this.key('serial'), this.epoch, first, count)),
    );
  };

  readonly next = (): Promise<number> =>
    this.run('next', async (r) => {
      const [[error, serial]] = await this.exec(this.guarded(r).get(this.key('serial')));
      if (error) throw error;
      return Number(serial ?? 0) + 1;
    });

  readonly reconnected = async (): Promise<boolean> => {
    const r = await this.connection?.catch(() => undefined);
    if (!r || r.status === 'end') return false;
    if (r.status === 'ready') return true;
    return new Promise<boolean>((resolve) => {
      const ready = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        r.off('ready', ready);
        resolve(false);
      }, this.commandTimeout);
      r.once('ready', ready);
    });
  };

  /** Disconnects the client it opened for `url` (a client given to it stays open). */
  readonly close = async (): Promise<void> => {
    if (this.client || !this.connection) return;
    const r = await this.connection.catch(() => undefined);
    r?.disconnect();
  };

  /** The keys the scripts' guard reads first (redis-scripts.ts): epoch, parameters. */
  private guardKeys(): RedisArgument[] {
    return [this.key('epoch'), this.key('parameters')];
  }

  /** A pipeline that reads the epoch and whether the parameters are there before anything else. */
  private guarded(r: Redis): ChainableCommander {
    return r.pipeline().get(this.key('epoch')).exists(this.key('parameters'));
  }

  /** Runs a guarded pipeline: LOST when the index is gone, else the replies after the guard's two. */
  private async exec(pipeline: ChainableCommander): Promise<[Error | null, unknown][]> {
    const replies = (await pipeline.exec()) ?? [];
    const [[epochError, epoch], [existsError, exists]] = replies;
    if (epochError || existsError) throw epochError ?? existsError;
    if (epoch !== this.epoch || exists !== 1) throw new Error(LOST);
    return replies.slice(2);
  }

  private key(name: string): string {
    return `${this.tag}:${name}`;
  }

  private docKey(id: string): string {
    return this.key(`doc:${id}`);
  }

  /** A bucket `group/field` is field `field` of the hash `h:group`. */
  private bucketKeys(buckets: readonly string[]): { keys: string[]; fields: string[] } {
    const keys: string[] = [];
    const fields: string[] = [];
    for (const bucket of buckets) {
      const cut = bucket.lastIndexOf('/');
      keys.push(this.key(`h:${bucket.slice(0, cut)}`));
      fields.push(bucket.slice(cut + 1));
    }
    return { keys, fields };
  }

  private async writePipeline(r: Redis, changes: readonly StorageChange[]): Promise<StorageChangeResult[]> {
    const pipeline = scripted(r.pipeline());
    for (const { id, from, to, order } of changes) {
      const old = this.bucketKeys(from?.buckets ?? []);
      const fresh = this.bucketKeys(to?.buckets ?? []);
      const expected = from ? bufferOf(from.record) : '';
      const record = to ? bufferOf(to.record) : '';
      const args: RedisArgument[] = this.guardKeys().concat(
        this.docKey(id),
        this.key('order'),
        this.key('sequence'),
        this.key('names'),
      );
      appendAll(args, old.keys);
      appendAll(args, fresh.keys);
      const numberOfKeys = args.length;
      args.push(this.epoch, id, expected, record, old.keys.length, order ?? '');
      appendAll(args, old.fields);
      appendAll(args, fresh.fields);
      pipeline.neardupChange(numberOfKeys, args);
    }
    const replies = (await pipeline.exec()) ?? [];
    if (replies.length !== changes.length) throw new Error('the pipeline was cut short');
    return replies.map(([error, result]) => {
      if (error) throw error;
      return RESULTS[Number(result)];
    });
  }

  /** The connection, opened (and the scripts defined) on first use. */
  private redis(): Promise<Redis> {
    this.connection ??= (
      this.client
        ? Promise.resolve(this.client as unknown as Redis) // an ioredis Redis or Cluster (RedisClient)
        : connect(this.url as string, this.commandTimeout)
    ).then(define);
    return this.connection;
  }

  /**
   * Runs one step against Redis; any failure but a NearDupError becomes STORAGE_FAILED, and one that says
   * the index is gone (LOST: the epoch or the parameters changed or vanished) says so, naming the prefix.
   */
  private async run<T>(what: string, step: (r: Redis) => Promise<T>): Promise<T> {
    try {
      return await step(await this.redis());
    } catch (error) {
      if (error instanceof NearDupError) throw error;
      if ((error as Error)?.message?.includes(LOST)) {
        throw new NearDupError(
          'STORAGE_FAILED',
          `neardup: ${this.name} is gone: Redis lost its keys (restarted without persistence, flushed, evicted or deleted) or another index was created there since this one was opened; nothing was written. Open the index again to start a new one`,
          { cause: error },
        );
      }
      throw new NearDupError(
        'STORAGE_FAILED',
        `neardup: Redis ${what} failed: ${(error as Error)?.message ?? error}`,
        {
          cause: error,
        },
      );
    }
  }
}

/** A new index's epoch: 16 random hex digits (uniqueness, not secrecy, is what matters). */
function randomEpoch(): string {
  return randomBytes(8).toString('hex');
}

function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
