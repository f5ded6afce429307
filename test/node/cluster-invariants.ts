// Reads everything an index under `prefix` left on a Redis Cluster, node by node, and checks the
// invariants of docs/redis-cluster.md ("Invariants"): what the crash and failover tests assert.
import { Cluster } from 'ioredis';
import { decodeEntry } from '../../src/store/format-read.js';
import { bucketNames } from '../../src/store/storage.js';

export interface ClusterState {
  live: Map<string, string>;
  names: Map<string, string>;
  order: string[];
  pending: number;
  retired: number;
  /** version → record bytes. */
  records: Map<string, Buffer>;
  /** `group/field` → versions listed. */
  buckets: Map<string, string[]>;
  bands: number;
}

export async function readState(ports: readonly number[], prefix: string): Promise<ClusterState> {
  const c = new Cluster(ports.map((port) => ({ host: '127.0.0.1', port })));
  await new Promise((ready) => c.once('ready', ready));
  try {
    const meta = (name: string) => `{${prefix}}:${name}`;
    const [live, names, order, pending, retired, parameters] = await Promise.all([
      c.hgetall(meta('live')),
      c.hgetall(meta('names')),
      c.zrange(meta('order'), 0, -1),
      c.hlen(meta('pending')),
      c.hlen(meta('retired')),
      c.get(meta('parameters')),
    ]);
    const state: ClusterState = {
      live: new Map(Object.entries(live)),
      names: new Map(Object.entries(names)),
      order,
      pending,
      retired,
      records: new Map(),
      buckets: new Map(),
      bands: (JSON.parse(parameters ?? '{}') as { bands: number }).bands,
    };
    for (const node of c.nodes('master')) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `{${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        const pipeline = node.pipeline();
        for (const key of keys) {
          if (/^\{[^}]*:d:[0-9a-f]{3}\}:\d+$/.test(key)) pipeline.getBuffer(key);
          else if (/^\{[^:]*:.*\}:h$/.test(key)) pipeline.hgetall(key);
          else throw new Error(`a key the layout does not have: ${key}`);
        }
        const replies = (await pipeline.exec()) ?? [];
        keys.forEach((key, i) => {
          const [error, reply] = replies[i];
          if (error) throw error;
          const record = /^\{[^}]*:d:[0-9a-f]{3}\}:(\d+)$/.exec(key);
          if (record) {
            state.records.set(record[1], reply as Buffer);
            return;
          }
          const group = (/^\{[^:]*:(.*)\}:h$/.exec(key) as RegExpExecArray)[1];
          for (const [field, value] of Object.entries(reply as Record<string, string>))
            state.buckets.set(`${group}/${field}`, value.split(',').filter(Boolean));
        });
      } while (cursor !== '0');
    }
    return state;
  } finally {
    c.disconnect();
  }
}

/** Invariants 1 and 2; with `clean`, 3 too. Returns the problems found (none: []). */
export function problems(state: ClusterState, clean: boolean): string[] {
  const found: string[] = [];
  for (const [bucket, versions] of state.buckets) {
    for (const v of versions) {
      const id = state.names.get(v);
      if (id !== undefined && state.live.get(id) !== v)
        found.push(
          `bucket ${bucket} shows version ${v} of ${id}, whose live version is ${state.live.get(id)}`,
        );
      if (clean && id === undefined) found.push(`bucket ${bucket} keeps uncommitted version ${v}`);
    }
  }
  for (const id of state.order) {
    const v = state.live.get(id);
    if (v === undefined || state.names.get(v) !== id) {
      found.push(`committed ${id} has no live version named back to it`);
      continue;
    }
    const record = state.records.get(v);
    if (!record) {
      found.push(`committed ${id} (version ${v}) has no record`);
      continue;
    }
    for (const bucket of bucketNames(decodeEntry(new Uint8Array(record), state.bands), state.bands))
      if (!state.buckets.get(bucket)?.includes(v))
        found.push(`committed ${id} (version ${v}) is missing from ${bucket}`);
  }
  if (state.live.size !== state.order.length || state.names.size !== state.order.length)
    found.push(`${state.order.length} ids in order, ${state.live.size} live, ${state.names.size} names`);
  if (clean) {
    if (state.pending + state.retired > 0)
      found.push(`${state.pending} pending, ${state.retired} retired left`);
    for (const v of state.records.keys())
      if (!state.names.has(v)) found.push(`record of uncommitted version ${v} left`);
  }
  return found;
}
