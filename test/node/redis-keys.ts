// Reads a shared index's keys in Redis directly, to check what the index's own methods cannot show.
import { Redis } from 'ioredis';
import { decodeEntry } from '../../src/store/format-read.js';
import { bucketNames } from '../../src/store/storage.js';

async function scan(r: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await r.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/**
 * What is half-written in the index at url/prefix (layout of src/node/redis-scripts.ts): bucket entries
 * that are no stored document, stored documents missing from one of their buckets, records, orders and
 * names that do not match. All empty when every document is in all its buckets or in none. Also the ids
 * stored, in order.
 */
export async function halfWritten(
  url: string,
  prefix: string,
  bands: number,
): Promise<{ strayMembers: string[]; missingFromBuckets: string[]; unordered: string[]; ids: string[] }> {
  const r = new Redis(url);
  try {
    const tag = `{${prefix}}`;
    const ordered = await r.zrange(`${tag}:order`, 0, -1, 'WITHSCORES');
    const ids: string[] = [];
    const handleOf = new Map<string, string>();
    for (let i = 0; i < ordered.length; i += 2) {
      ids.push(ordered[i]);
      handleOf.set(ordered[i], ordered[i + 1]);
    }
    const names = new Map(Object.entries(await r.hgetall(`${tag}:names`)));
    const records = new Set((await scan(r, `${tag}:doc:*`)).map((k) => k.slice(`${tag}:doc:`.length)));
    const unordered = [
      ...[...records].filter((id) => !handleOf.has(id)).map((id) => `record without order: ${id}`),
      ...ids.filter((id) => !records.has(id)).map((id) => `order without record: ${id}`),
      ...ids.filter((id) => names.get(handleOf.get(id) as string) !== id).map((id) => `no name for ${id}`),
      ...[...names]
        .filter(([handle, id]) => handleOf.get(id) !== handle)
        .map(([handle, id]) => `stale name ${handle} → ${id}`),
    ];
    const strayMembers: string[] = [];
    const entries = new Set<string>();
    for (const hash of await scan(r, `${tag}:h:*`)) {
      const group = hash.slice(`${tag}:h:`.length);
      for (const [field, value] of Object.entries(await r.hgetall(hash))) {
        if (!/^(\d+,)+$/.test(value)) strayMembers.push(`${group}/${field} holds ${JSON.stringify(value)}`);
        for (const handle of value.split(',').slice(0, -1)) {
          const id = names.get(handle);
          if (id === undefined || handleOf.get(id) !== handle)
            strayMembers.push(`${group}/${field} holds ${handle}`);
          const entry = `${group}/${field} ${handle}`;
          if (entries.has(entry)) strayMembers.push(`${group}/${field} holds ${handle} twice`);
          entries.add(entry);
        }
      }
    }
    const missingFromBuckets: string[] = [];
    for (const id of ids) {
      const record = await r.getBuffer(`${tag}:doc:${id}`);
      if (!record) continue;
      for (const name of bucketNames(decodeEntry(new Uint8Array(record), bands), bands)) {
        if (!entries.has(`${name} ${handleOf.get(id)}`)) missingFromBuckets.push(`${id} not in ${name}`);
      }
    }
    return { strayMembers, missingFromBuckets, unordered, ids };
  } finally {
    r.disconnect();
  }
}
