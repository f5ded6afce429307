import type { Cluster } from 'ioredis';
import { decodeEntry } from '../store/format-read.js';
import { bucketNames } from '../store/storage.js';
import { type ClusterKeys, onMeta, type Retired, scripted } from './cluster-keys.js';
import { perNode, type Routed } from './cluster-rounds.js';

/**
 * Deletes retired versions, in the order that keeps a half-done purge safe to run again: bucket entries,
 * then records, then their `retired` entries. Bucket names not given are read back from the record
 * (none left to delete when the record is gone: it is written before the buckets, deleted after them).
 */
export async function purge(
  c: Cluster,
  keys: ClusterKeys,
  retired: readonly Retired[],
  bands: number,
  wait: number,
  timeout: number,
): Promise<void> {
  if (retired.length === 0) return;
  const unknown = retired.filter((r) => !r.buckets);
  const records = await perNode(
    c,
    unknown.map(({ id, version }): Routed => {
      const key = keys.record(id, version);
      return { key, add: (p) => p.getBuffer(key) };
    }),
  );
  const named = new Map<Retired, readonly string[]>();
  unknown.forEach((r, i) => {
    const bytes = records[i] as Buffer | null;
    named.set(r, bytes ? bucketNames(decodeEntry(new Uint8Array(bytes), bands), bands) : []);
  });
  const versions = retired.map((r) => ({ version: r.version, buckets: r.buckets ?? named.get(r) ?? [] }));
  await perNode(c, keys.bucketCommands(versions, 'strip'), wait, timeout);
  await perNode(
    c,
    retired.map(({ id, version }): Routed => {
      const key = keys.record(id, version);
      return { key, add: (p) => p.del(key) };
    }),
    wait,
    timeout,
  );
  await onMeta(c, (p) => p.hdel(keys.meta('retired'), ...retired.map((r) => r.version)), wait, timeout);
}

/** Moves the versions pending at least `olderThan` ms to retired; returns every retired version. */
export async function retireStale(
  c: Cluster,
  keys: ClusterKeys,
  epoch: string,
  olderThan: number,
): Promise<Retired[]> {
  const flat = await scripted(c).neardupRetireStale(
    ...keys.guard(),
    keys.meta('pending'),
    keys.meta('retired'),
    epoch,
    olderThan,
  );
  const retired: Retired[] = [];
  for (let i = 0; i < flat.length; i += 2) retired.push({ version: flat[i], id: flat[i + 1] });
  return retired;
}
