// Reads a shared index's keys in Redis directly, to check what the index's own methods cannot show.
import { Redis } from 'ioredis';
import { decodeEntry } from '../src/index-format.js';
import { bucketNames } from '../src/shared-storage.js';

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
 * What is half-written in the index at url/prefix: bucket members that are no stored document, stored
 * documents missing from one of their buckets, records without an order entry or the reverse. All empty
 * when every document is in all its buckets or in none. Also the ids stored, in order.
 */
export async function halfWritten(
  url: string,
  prefix: string,
  bands: number,
): Promise<{ strayMembers: string[]; missingFromBuckets: string[]; unordered: string[]; ids: string[] }> {
  const r = new Redis(url);
  try {
    const tag = `{${prefix}}`;
    const ids = await r.zrange(`${tag}:order`, 0, -1);
    const stored = new Set(ids);
    const records = new Set((await scan(r, `${tag}:doc:*`)).map((k) => k.slice(`${tag}:doc:`.length)));
    const unordered = [
      ...[...records].filter((id) => !stored.has(id)).map((id) => `record without order: ${id}`),
      ...ids.filter((id) => !records.has(id)).map((id) => `order without record: ${id}`),
    ];
    const strayMembers: string[] = [];
    for (const bucket of await scan(r, `${tag}:k:*`)) {
      for (const member of await r.smembers(bucket)) {
        if (!stored.has(member)) strayMembers.push(`${bucket} holds ${member}`);
      }
    }
    const missingFromBuckets: string[] = [];
    for (const id of ids) {
      const record = await r.getBuffer(`${tag}:doc:${id}`);
      if (!record) continue;
      const names = bucketNames(decodeEntry(new Uint8Array(record), bands), bands);
      const pipeline = r.pipeline();
      for (const name of names) pipeline.sismember(`${tag}:k:${name}`, id);
      const replies = (await pipeline.exec()) ?? [];
      replies.forEach(([, isMember], i) => {
        if (isMember !== 1) missingFromBuckets.push(`${id} not in ${names[i]}`);
      });
    }
    return { strayMembers, missingFromBuckets, unordered, ids };
  } finally {
    r.disconnect();
  }
}
