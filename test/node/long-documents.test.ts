// neardup/node with batches far larger than a function call can take as spread arguments (about
// 120,000 in V8): the Redis storage given a long document, threads given huge indexing batches.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { createIndex } from '../../src/index.js';
import { redisStorage } from '../../src/node/redis.js';
import { describeRedis, redisServerForFile } from './redis-fixture.js';

const root = resolve(__dirname, '..', '..');
let node: typeof import('../../src/node/index.js');
beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
  node = await import(join(root, 'dist', 'node.js'));
}, 120_000);

describe('findDuplicatesParallel', () => {
  it('appends an indexing batch of 150,000 documents', async () => {
    // Short, so that all of them fit one batch (batches also end at 2 M characters).
    const docs = Array.from({ length: 150_000 }, (_, i) => `w${i}`);
    const report = await node.findDuplicatesParallel(docs, {}, { threads: 2, batchDocuments: 200_000 });
    expect(report.stats.documents).toBe(150_000);
    expect(report.documents[149_999].id).toBe('doc-150000');
  }, 60_000);
});

const server = redisServerForFile();

describeRedis('a shared index in Redis given one long document', () => {
  it('stores and looks up a document filed under over 100,000 buckets, as the in-memory index does', async () => {
    // 2,500 generated paragraphs (125 documents of 20) as one document: about 70 buckets a paragraph.
    const texts = generateCorpus({ paragraphs: 2500, seed: 8 }).documents.map((d) => d.text);
    const long = { id: 'book.txt', text: texts.join('\n\n') };
    const probe = { id: 'probe.txt', text: texts.slice(10, 12).join('\n\n') }; // 40 of its paragraphs
    const shared = await createIndex({ storage: redisStorage({ url: server.url, prefix: 'long' }) });
    const memory = await createIndex();
    try {
      await shared.add([long]);
      memory.add([long]);
      const expected = memory.query(probe);
      expect(expected.length).toBeGreaterThanOrEqual(40);
      expect(await shared.query(probe)).toEqual(expected);
      expect(await shared.remove('book.txt')).toBe(true);
      memory.remove('book.txt');
      const after = await shared.query(probe);
      expect(after.filter((p) => p.a.doc === 'book.txt' || p.b.doc === 'book.txt')).toEqual([]);
      expect(after).toEqual(memory.query(probe));
    } finally {
      await shared.close();
    }
  }, 120_000);
});
