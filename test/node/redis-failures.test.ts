// The shared index in Redis when things go wrong: refused batches, storage failing mid-batch, another
// process writing the same id meanwhile, connections dropped during an add. Nothing half-written may stay.
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import {
  createIndex,
  type IndexStorage,
  NearDupError,
  type NearDupIndex,
  type Report,
  type SharedIndex,
} from '../../src/index.js';
import { redisStorage } from '../../src/node/redis.js';
import { describeRedis, redisServerForFile, redisTestDocs } from './redis-fixture.js';
import { halfWritten } from './redis-keys.js';

const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });
const docs = redisTestDocs;
const server = redisServerForFile();
let prefixes = 0;

/** Redis storage whose next write() stores the first `kept` changes of its batch, then fails. */
function failingOnce(prefix: string) {
  const storage = redisStorage({ url: server.url, prefix });
  let kept: number | undefined;
  const failing: IndexStorage = {
    ...storage,
    async write(changes) {
      if (kept === undefined) return storage.write(changes);
      const part = changes.slice(0, kept);
      kept = undefined;
      await storage.write(part);
      throw new NearDupError('STORAGE_FAILED', 'neardup: Redis write failed: the connection was lost');
    },
  };
  return { storage: failing, failNextWrite: (after: number) => (kept = after) };
}

/** Nothing half-written in Redis, and the index answers as an in-memory one holding the same documents. */
async function expectWhole(index: SharedIndex, prefix: string, query = docs[39]) {
  const keys = await halfWritten(server.url, prefix, index.options.bands);
  expect(keys).toMatchObject({ strayMembers: [], missingFromBuckets: [], unordered: [] });
  const memory = await createIndex();
  for (const id of keys.ids) memory.add([(await index.document(id)) as { id: string; text: string }]);
  expect(await index.ids()).toEqual(memory.ids());
  expect(withoutTime(await index.report())).toEqual(withoutTime(memory.report()));
  expect(await index.query(query)).toEqual(memory.query(query));
  return keys.ids;
}

describeRedis('shared index in Redis, when things go wrong', () => {
  it('add and addAndCheck keep nothing of a batch they refuse, and use up no doc-N number', async () => {
    const prefix = `f${++prefixes}`;
    const index = await createIndex({ storage: redisStorage({ url: server.url, prefix }) });
    const memory = await createIndex();
    const [x, z, w, p] = docs;
    const both = async (step: (i: SharedIndex | NearDupIndex) => unknown) => {
      let inMemory: unknown;
      try {
        step(memory);
      } catch (error) {
        inMemory = (error as NearDupError).code;
      }
      const shared = await Promise.resolve()
        .then(() => step(index))
        .then(
          () => undefined,
          (error: NearDupError) => error.code,
        );
      expect(shared).toBe(inMemory);
      return shared;
    };
    expect(await both((i) => i.add([x]))).toBeUndefined();
    expect(await both((i) => i.add([z, x, w]))).toBe('DUPLICATE_ID');
    expect(await both((i) => i.addAndCheck([p, x]))).toBe('DUPLICATE_ID');
    expect(await both((i) => i.add([z, 'unnamed', z]))).toBe('DUPLICATE_ID');
    expect(await both((i) => i.add(['unnamed', { id: 'bad', text: 7 as unknown as string }]))).toBe(
      'INVALID_DOCUMENT',
    );
    expect(await index.ids()).toEqual([x.id]);
    await both((i) => i.add(['the first unnamed document added']));
    expect(await index.ids()).toEqual([x.id, 'doc-2']);
    expect(await index.ids()).toEqual(memory.ids());
    await expectWhole(index, prefix);
    await index.close();
  });

  it('a storage failure mid-batch takes back what the batch had written, then rethrows', async () => {
    const prefix = `f${++prefixes}`;
    const { storage, failNextWrite } = failingOnce(prefix);
    const index = await createIndex({ storage });
    await index.add(docs.slice(0, 10));
    failNextWrite(3);
    await expect(index.add(docs.slice(10, 20))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(await expectWhole(index, prefix)).toEqual(docs.slice(0, 10).map((d) => d.id));
    failNextWrite(2);
    await expect(index.addAndCheck(docs.slice(10, 20))).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(await expectWhole(index, prefix)).toEqual(docs.slice(0, 10).map((d) => d.id));
    // A replacing addAndCheck that fails leaves the old versions, in their places.
    const changed = [docs[2], docs[5]].map((d) => ({ id: d.id, text: `${d.text}\n\nA new last paragraph.` }));
    failNextWrite(1);
    await expect(index.addAndCheck([...changed, docs[10]], { replace: true })).rejects.toMatchObject({
      code: 'STORAGE_FAILED',
    });
    expect(await expectWhole(index, prefix)).toEqual(docs.slice(0, 10).map((d) => d.id));
    expect((await index.document(docs[2].id))?.text).toBe(docs[2].text);
    // The numbers the failed batches reserved were given back: the next unnamed document is doc-11.
    await index.add(['an unnamed document']);
    expect((await index.ids()).at(-1)).toBe('doc-11');
    await index.close();
  });

  it('a document indexed by another process between the check and the write: the batch is refused whole', async () => {
    const prefix = `f${++prefixes}`;
    const other = await createIndex({ storage: redisStorage({ url: server.url, prefix }) });
    const storage = redisStorage({ url: server.url, prefix });
    let interfere = true;
    const index = await createIndex({
      storage: {
        ...storage,
        async write(changes) {
          if (interfere) await other.add([docs[12]]);
          interfere = false;
          return storage.write(changes);
        },
      },
    });
    await expect(index.add(docs.slice(10, 14))).rejects.toMatchObject({ code: 'DUPLICATE_ID' });
    expect(await expectWhole(index, prefix)).toEqual([docs[12].id]);
    await Promise.all([index.close(), other.close()]);
  });

  it('replaces documents in a replacing addAndCheck as remove + addAndCheck does in memory', async () => {
    const prefix = `f${++prefixes}`;
    const index = await createIndex({ storage: redisStorage({ url: server.url, prefix }) });
    const memory = await createIndex();
    await index.add(docs.slice(0, 12));
    memory.add(docs.slice(0, 12));
    const changed = [docs[3], docs[7]].map((d) => ({ id: d.id, text: `${docs[20].text}\n\n${d.text}` }));
    const batch = [...changed, docs[12], docs[13]];
    const report = withoutTime(await index.addAndCheck(batch, { replace: true }));
    expect(report.pairs.length).toBeGreaterThan(0);
    expect(report).toEqual(withoutTime(memory.addAndCheck(batch, { replace: true })));
    const removedFirst = await createIndex();
    removedFirst.add(docs.slice(0, 12));
    for (const d of changed) removedFirst.remove(d.id);
    expect(report).toEqual(withoutTime(removedFirst.addAndCheck(batch)));
    expect(await expectWhole(index, prefix)).toEqual(memory.ids());
    await expect(index.addAndCheck([docs[0]])).rejects.toMatchObject({ code: 'DUPLICATE_ID' });
    await index.close();
  });

  it('connections dropped mid-add (CLIENT KILL): STORAGE_FAILED, nothing half-written, and it reconnects', async () => {
    const prefix = `f${++prefixes}`;
    const index = await createIndex({ storage: redisStorage({ url: server.url, prefix }) });
    await index.add(docs.slice(0, 10));
    const big = generateCorpus({ paragraphs: 12_000, seed: 8 }).documents.map((d, i) => ({
      id: `big${i}`,
      text: d.text,
    }));
    const killer = new Redis(server.url);
    const order = `{${prefix}}:order`;
    let failure: unknown;
    let kills = 0;
    try {
      // The batch's write pipeline must be under way when the connections drop; if the whole batch got
      // through first, take it out and try again.
      for (let attempt = 0; attempt < 5 && failure === undefined; attempt++) {
        let settled = false;
        const pending = index.add(big).then(
          () => undefined,
          (error: unknown) => error,
        );
        void pending.then(() => (settled = true));
        while (!settled && (await killer.zcard(order)) <= 10) await new Promise((r) => setTimeout(r, 1));
        if (!settled) {
          await killer.client('KILL', 'TYPE', 'normal');
          kills++;
        }
        failure = await pending;
        if (failure === undefined) for (const d of big) await index.remove(d.id);
      }
    } finally {
      killer.disconnect();
    }
    expect(kills).toBeGreaterThan(0);
    expect(failure).toBeInstanceOf(NearDupError);
    expect(failure).toMatchObject({ code: 'STORAGE_FAILED' });
    // The batch was taken out again once the connection came back; the rest is whole.
    expect(await expectWhole(index, prefix)).toEqual(docs.slice(0, 10).map((d) => d.id));
    await index.add(docs.slice(10, 14));
    expect(await index.size()).toBe(14);
    await expectWhole(index, prefix);
    await index.close();
  }, 60_000);
});
