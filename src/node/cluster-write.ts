import type { ChainableCommander, Cluster } from 'ioredis';
import type { StorageChange, StorageChangeResult } from '../store/storage.js';
import { type ClusterKeys, onMeta, type Retired, scripted } from './cluster-keys.js';
import { purge } from './cluster-purge.js';
import { perNode } from './cluster-rounds.js';
import { NOT_PENDING } from './cluster-scripts.js';

/** What writing a batch needs of the open cluster storage. */
export interface WriteContext {
  keys: ClusterKeys;
  epoch: string;
  bands: number;
  replicas: number;
  waitTimeout: number;
  pendingTimeout: number;
  /** The version of each record the storage read or wrote: what a change `from` it expects. */
  versions: WeakMap<Uint8Array, string>;
  get(ids: readonly string[]): Promise<({ record: Uint8Array; order: number } | undefined)[]>;
}

const RESULTS: Record<number, StorageChangeResult> = {
  1: 'done',
  0: 'exists',
  [-1]: 'absent',
  [-2]: 'changed',
};

/**
 * Writes a batch in the rounds of docs/redis-cluster.md: pending versions (1), records (2) and buckets (3)
 * on their nodes, the commit on the prefix's slot (4), and the purge of what it replaced (5). On a failure
 * the batch's versions still pending are abandoned (else cleanup finishes them) and the error is thrown.
 */
export async function writeBatch(
  c: Cluster,
  changes: readonly StorageChange[],
  ctx: WriteContext,
): Promise<StorageChangeResult[]> {
  const results: (StorageChangeResult | undefined)[] = new Array(changes.length);
  const expected = await expectedVersions(changes, results, ctx);
  const fresh: (string | undefined)[] = new Array(changes.length);
  try {
    await begin(c, changes, expected, fresh, results, ctx);
    const writing = changes.flatMap((change, i) => (fresh[i] ? [{ change, version: fresh[i] }] : []));
    await perNode(
      c,
      writing.map(({ change, version }) => ctx.keys.setRecord(change.id, version, change.to?.record)),
      ctx.replicas,
      ctx.waitTimeout,
    );
    await perNode(
      c,
      ctx.keys.bucketCommands(
        writing.map(({ change, version }) => ({ version, buckets: change.to?.buckets ?? [] })),
        'append',
      ),
      ctx.replicas,
      ctx.waitTimeout,
    );
    const retired = await commit(c, changes, expected, fresh, results, ctx);
    await purge(c, ctx.keys, retired, ctx.bands, ctx.replicas, ctx.waitTimeout).catch(() => {}); // cleanup finishes it
  } catch (error) {
    await abandon(c, changes, fresh, ctx).catch(() => {});
    throw error;
  }
  return results as StorageChangeResult[];
}

/** The version each change with `from` expects; a record this storage never saw is looked up and compared. */
async function expectedVersions(
  changes: readonly StorageChange[],
  results: (StorageChangeResult | undefined)[],
  ctx: WriteContext,
): Promise<string[]> {
  const expected = changes.map(({ from }) => (from ? (ctx.versions.get(from.record) ?? '?') : ''));
  const unknown = changes.flatMap((_, i) => (expected[i] === '?' ? [i] : []));
  if (unknown.length === 0) return expected;
  const stored = await ctx.get(unknown.map((i) => changes[i].id));
  unknown.forEach((i, n) => {
    const now = stored[n];
    if (!now) results[i] = 'absent';
    else if (!sameBytes(now.record, changes[i].from?.record as Uint8Array)) results[i] = 'changed';
    else expected[i] = ctx.versions.get(now.record) as string;
  });
  return expected;
}

/** Round 1: a pending version for each change that stores a record (and an early refusal where due). */
async function begin(
  c: Cluster,
  changes: readonly StorageChange[],
  expected: readonly string[],
  fresh: (string | undefined)[],
  results: (StorageChangeResult | undefined)[],
  ctx: WriteContext,
): Promise<void> {
  const starting = changes.flatMap((change, i) => (change.to && !results[i] ? [i] : []));
  if (starting.length === 0) return;
  const k = ctx.keys;
  const replies = await onMetaSlot(c, ctx, (p) => {
    for (const i of starting)
      scripted(p).neardupBegin(
        ...k.guard(),
        k.meta('live'),
        k.meta('sequence'),
        k.meta('pending'),
        ctx.epoch,
        changes[i].id,
        expected[i],
      );
  });
  starting.forEach((i, n) => {
    const reply = Number(replies[n]);
    if (reply > 0) {
      fresh[i] = String(reply);
      ctx.versions.set(changes[i].to?.record as Uint8Array, fresh[i]);
    } else results[i] = RESULTS[reply];
  });
}

/** Round 4: each change committed (or refused); returns the versions to purge. */
async function commit(
  c: Cluster,
  changes: readonly StorageChange[],
  expected: readonly string[],
  fresh: (string | undefined)[],
  results: (StorageChangeResult | undefined)[],
  ctx: WriteContext,
): Promise<Retired[]> {
  const committing = changes.flatMap((_, i) => (!results[i] ? [i] : []));
  if (committing.length === 0) return [];
  const k = ctx.keys;
  const metaKeys = [
    ...k.guard(),
    k.meta('live'),
    k.meta('names'),
    k.meta('order'),
    k.meta('pending'),
    k.meta('retired'),
    k.meta('sequence'),
  ];
  const replies = await onMetaSlot(c, ctx, (p) => {
    for (const i of committing)
      scripted(p).neardupCommit(
        ...metaKeys,
        ctx.epoch,
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
        `the batch outlasted pendingTimeout (${ctx.pendingTimeout} ms): its versions were cleaned up`,
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
async function abandon(
  c: Cluster,
  changes: readonly StorageChange[],
  fresh: readonly (string | undefined)[],
  ctx: WriteContext,
): Promise<void> {
  const left = changes.flatMap((change, i) =>
    fresh[i] ? [{ id: change.id, version: fresh[i] as string, buckets: change.to?.buckets }] : [],
  );
  if (left.length === 0) return;
  const k = ctx.keys;
  const moved = await scripted(c).neardupAbandon(
    ...k.guard(),
    k.meta('pending'),
    k.meta('retired'),
    ctx.epoch,
    ...left.map((l) => l.version),
  );
  const abandoned = new Set(moved.filter((_, i) => i % 2 === 0));
  await purge(
    c,
    k,
    left.filter((l) => abandoned.has(l.version)),
    ctx.bands,
    ctx.replicas,
    ctx.waitTimeout,
  );
}

/** A pipeline on the prefix's slot, ended by WAIT for the replicas; the replies in order. */
function onMetaSlot(
  c: Cluster,
  ctx: WriteContext,
  fill: (p: ChainableCommander) => void,
): Promise<unknown[]> {
  return onMeta(c, fill, ctx.replicas, ctx.waitTimeout);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
