import type { ChainableCommander, Cluster } from 'ioredis';
import type { Routed } from './cluster-rounds.js';
import { ABANDON, APPEND, BEGIN, COMMIT, RETIRE_STALE, STRIP } from './cluster-scripts.js';
import { crc16 } from './key-slot.js';
import { INIT, LOST, RELEASE, RESERVE } from './redis-scripts.js';

/** A version to delete: its id, and its bucket names when known (else read back from its record). */
export interface Retired {
  id: string;
  version: string;
  buckets?: readonly string[];
}

/** The cluster storage's scripts as commands (defineCommand, fixed key counts). */
export interface Scripts {
  neardupInit(...args: (string | number)[]): Promise<[string, string, string]>;
  neardupReserve(...args: (string | number)[]): Promise<number>;
  neardupRelease(...args: (string | number)[]): Promise<number>;
  neardupBegin(...args: (string | number)[]): Promise<number>;
  neardupCommit(...args: (string | number)[]): Promise<number>;
  neardupRetireStale(...args: (string | number)[]): Promise<string[]>;
  neardupAbandon(...args: (string | number)[]): Promise<string[]>;
  neardupAppend(...args: string[]): Promise<number>;
  neardupStrip(...args: string[]): Promise<number>;
}

export function scripted<T extends Cluster | ChainableCommander>(client: T): T & Scripts {
  return client as T & Scripts;
}

/** Defines the scripts on a client once (a client of the caller's may serve several storages). */
export function defineScripts(client: Cluster): Cluster {
  if (!(client as Partial<Scripts>).neardupAbandon) {
    client.defineCommand('neardupInit', { lua: INIT, numberOfKeys: 5 });
    client.defineCommand('neardupReserve', { lua: RESERVE, numberOfKeys: 3 });
    client.defineCommand('neardupRelease', { lua: RELEASE, numberOfKeys: 3 });
    client.defineCommand('neardupBegin', { lua: BEGIN, numberOfKeys: 5 });
    client.defineCommand('neardupCommit', { lua: COMMIT, numberOfKeys: 8 });
    client.defineCommand('neardupRetireStale', { lua: RETIRE_STALE, numberOfKeys: 4 });
    client.defineCommand('neardupAbandon', { lua: ABANDON, numberOfKeys: 4 });
    client.defineCommand('neardupAppend', { lua: APPEND, numberOfKeys: 1 });
    client.defineCommand('neardupStrip', { lua: STRIP, numberOfKeys: 1 });
  }
  return client;
}

/**
 * The key layout of docs/redis-cluster.md: meta keys on the prefix's slot `{P}`, records tagged by a
 * hash of the document id `{P:d:XXX}`, bucket hashes tagged by their bucket group `{P:<group>}`.
 */
export class ClusterKeys {
  constructor(readonly prefix: string) {}

  meta(name: string): string {
    return `{${this.prefix}}:${name}`;
  }

  /** The keys of the meta scripts' guard: epoch, parameters. */
  guard(): [string, string] {
    return [this.meta('epoch'), this.meta('parameters')];
  }

  record(id: string, version: string): string {
    return `{${this.prefix}:d:${(crc16(id) & 0xfff).toString(16).padStart(3, '0')}}:${version}`;
  }

  setRecord(id: string, version: string, record: Uint8Array | undefined): Routed {
    const key = this.record(id, version);
    const bytes = record ? Buffer.from(record.buffer, record.byteOffset, record.byteLength) : Buffer.alloc(0);
    return { key, add: (p) => p.set(key, bytes) };
  }

  /** Bucket names (`group/field`) by the hash that holds them: key → fields. */
  bucketGroups(buckets: readonly string[]): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const bucket of buckets) {
      const cut = bucket.lastIndexOf('/');
      const key = `{${this.prefix}:${bucket.slice(0, cut)}}:h`;
      const fields = groups.get(key);
      if (fields) fields.push(bucket.slice(cut + 1));
      else groups.set(key, [bucket.slice(cut + 1)]);
    }
    return groups;
  }

  /** One APPEND (or STRIP) script per bucket hash, adding (or taking out) each version in its buckets. */
  bucketCommands(
    versions: readonly { version: string; buckets: readonly string[] }[],
    what: 'append' | 'strip',
  ): Routed[] {
    const pairs = new Map<string, string[]>();
    for (const { version, buckets } of versions) {
      const token = `${version},`;
      for (const [key, fields] of this.bucketGroups(buckets)) {
        let args = pairs.get(key);
        if (!args) {
          args = [];
          pairs.set(key, args);
        }
        for (const field of fields) args.push(field, token);
      }
    }
    return [...pairs].map(([key, args]) => ({
      key,
      add: (p) =>
        what === 'append' ? scripted(p).neardupAppend(key, ...args) : scripted(p).neardupStrip(key, ...args),
    }));
  }
}

/** Runs a pipeline on the prefix's slot; ends it with WAIT `wait` unless 0; the replies (errors thrown). */
export async function onMeta(
  c: Cluster,
  fill: (p: ChainableCommander) => void,
  wait: number,
  timeout: number,
): Promise<unknown[]> {
  const pipeline = c.pipeline();
  fill(pipeline);
  const count = pipeline.length;
  if (wait > 0) pipeline.wait(wait, timeout);
  const results = (await pipeline.exec()) ?? [];
  if (results.length !== count + (wait > 0 ? 1 : 0)) throw new Error('a pipeline was cut short');
  const replies = results.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  });
  if (wait > 0 && (replies[count] as number) < wait)
    throw new Error(`WAIT ${wait}: ${replies[count]} replicas acknowledged the commit within ${timeout} ms`);
  return replies.slice(0, count);
}

/** A pipeline on the prefix's slot that first checks the epoch and the parameters (LOST if gone). */
export async function guardedRead(
  c: Cluster,
  keys: ClusterKeys,
  epoch: string,
  fill: (p: ChainableCommander) => void,
): Promise<unknown[]> {
  const [current, exists, ...rest] = await onMeta(
    c,
    (p) => {
      p.get(keys.meta('epoch')).exists(keys.meta('parameters'));
      fill(p);
    },
    0,
    0,
  );
  if (current !== epoch || exists !== 1) throw new Error(LOST);
  return rest;
}
