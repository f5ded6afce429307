// redisClusterStorage on a real three-master Redis Cluster (issue 16.1): the same answers as an in-memory
// index, the index spread over every master, and the protocol's invariants after every kind of change.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndex, findDuplicates, type Pair, type Report, type SharedIndex } from '../../src/index.js';
import { redisClusterStorage } from '../../src/node/redis-cluster.js';
import { clusterDocs } from './cluster-corpus.js';
import { problems, readState } from './cluster-invariants.js';
import { redisRequired, redisServerPath, startRedis } from './redis.js';
import { type RedisCluster, redisCliPath, spawnClusterWriter, startCluster } from './redis-cluster.js';
import { redisTestDocs } from './redis-fixture.js';

const wanted = (redisServerPath !== undefined && redisCliPath !== undefined) || redisRequired;
const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });
const docs = redisTestDocs; // 40 documents of 20 paragraphs
let cluster: RedisCluster;
let prefixes = 0;
const root = join(import.meta.dirname, '..', '..');

/** A worker process (test/fixtures/cluster-writer.ts) adding documents [from, to), querying each batch first. */
function worker(prefix: string, from: number, to: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawnClusterWriter(cluster, prefix, from, to, 5, 'worker');
    let out = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += String(data);
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`worker exited with ${code}`)),
    );
  });
}

/** A pair as an unordered key: which paragraphs, and what kind. */
const pairKey = ({ a, b, kind }: Pair) =>
  `${[`${a.doc}#${a.paragraph}`, `${b.doc}#${b.paragraph}`].sort().join(' ')} ${kind}`;

beforeAll(async () => {
  if (wanted) cluster = await startCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

const open = (prefix: string, options = {}) =>
  createIndex({
    storage: redisClusterStorage({ nodes: cluster.urls.join(','), prefix, replicas: 0 }),
    ...options,
  });

describe.skipIf(!wanted)('shared index sharded over a Redis Cluster', () => {
  it('answers as an in-memory index through adds, checks, queries, replacements and removals', async () => {
    const prefix = `s${++prefixes}`;
    const index = await open(prefix);
    const memory = await createIndex();
    try {
      await index.add(docs.slice(0, 20));
      memory.add(docs.slice(0, 20));
      expect(await index.query(docs[35])).toEqual(memory.query(docs[35]));
      expect((await index.query(docs[35])).length).toBeGreaterThan(0);
      expect(withoutTime(await index.addAndCheck(docs.slice(20, 30)))).toEqual(
        withoutTime(memory.addAndCheck(docs.slice(20, 30))),
      );
      expect(await index.remove(docs[3].id)).toBe(true);
      memory.remove(docs[3].id);
      expect(await index.remove(docs[3].id)).toBe(false);
      const replacement = [{ id: docs[5].id, text: docs[32].text }];
      expect(withoutTime(await index.addAndCheck(replacement, { replace: true }))).toEqual(
        withoutTime(memory.addAndCheck(replacement, { replace: true })),
      );
      await index.add(['an unnamed document, numbered as the in-memory index numbers it']);
      memory.add(['an unnamed document, numbered as the in-memory index numbers it']);
      await expect(index.add([docs[7]])).rejects.toMatchObject({ code: 'DUPLICATE_ID' });
      expect(await index.ids()).toEqual(memory.ids());
      expect(await index.document(docs[5].id)).toEqual(memory.document(docs[5].id));
      const report = await index.report();
      expect(withoutTime(report)).toEqual(withoutTime(memory.report()));
      expect(report.pairs.length).toBeGreaterThan(10);
      const state = await readState(cluster.ports, prefix);
      expect(problems(state, true)).toEqual([]);
      // What was checked: every committed document's record and buckets, and no old version left over.
      expect(state.records.size).toBe(memory.ids().length);
      expect(state.buckets.size).toBeGreaterThan(10_000);
    } finally {
      await index.close();
    }
  }, 60_000);

  it('spreads buckets and records over every master, keeping a few entries a document on the meta slot', async () => {
    const prefix = `s${++prefixes}`;
    const index = await open(prefix);
    await index.add(docs);
    await index.close();
    const c = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
    await new Promise((ready) => c.once('ready', ready));
    try {
      const perNode: number[] = [];
      for (const node of c.nodes('master')) {
        const [, keys] = await node.scan('0', 'MATCH', `{${prefix}:*`, 'COUNT', 100_000);
        perNode.push(keys.length);
      }
      expect(perNode).toHaveLength(3);
      for (const keys of perNode) expect(keys).toBeGreaterThan(1000); // ~1,400 buckets a document
      expect(await c.hlen(`{${prefix}}:names`)).toBe(docs.length);
    } finally {
      c.disconnect();
    }
  }, 60_000);

  it('two processes adding the same new id at once: one wins, the other gets DUPLICATE_ID, nothing is left', async () => {
    const prefix = `s${++prefixes}`;
    const first = await open(prefix);
    const second = await open(prefix);
    try {
      const results = await Promise.allSettled(
        [first, second].map((index: SharedIndex, i) => index.add([{ id: 'same', text: docs[i].text }])),
      );
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'DUPLICATE_ID' });
      expect(await first.ids()).toEqual(['same']);
      expect(problems(await readState(cluster.ports, prefix), true)).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  }, 60_000);

  it('refuses a prefix of the single-slot layout, and options that hash differently', async () => {
    const prefix = `s${++prefixes}`;
    const index = await open(prefix);
    await index.add(docs.slice(0, 2));
    await index.close();
    await expect(open(prefix, { shingleSize: 4 })).rejects.toMatchObject({ code: 'INDEX_MISMATCH' });
    const { redisStorage } = await import('../../src/node/redis.js');
    const single = await createIndex({
      storage: redisStorage({ url: cluster.urls[0], prefix: `s${++prefixes}` }),
    });
    await single.add(docs.slice(0, 2));
    await single.close();
    await expect(open(`s${prefixes}`)).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringContaining('layout "3"'),
    });
  }, 60_000);

  it('three worker processes adding disjoint shards at once, querying as they go: the report of one findDuplicates', async () => {
    const prefix = `s${++prefixes}`;
    const shards = [0, 67, 134, clusterDocs.length];
    const outputs = await Promise.all([0, 1, 2].map((w) => worker(prefix, shards[w], shards[w + 1])));
    for (const [w, out] of outputs.entries()) {
      const size = shards[w + 1] - shards[w];
      expect(out).toContain(`done ${size} ${size}`); // every document queried before it was added
    }
    const index = await open(prefix);
    try {
      const ids = await index.ids();
      expect([...ids].sort()).toEqual(clusterDocs.map((d) => d.id).sort());
      const byId = new Map(clusterDocs.map((d) => [d.id, d]));
      const report = await index.report();
      // The whole Report (pairs, blocks and, once Report carries them, clusters) minus the time taken, for
      // the documents in the order the workers' commits gave them ...
      expect(withoutTime(report)).toEqual(
        withoutTime(await findDuplicates(ids.map((id) => byId.get(id) as (typeof clusterDocs)[0]))),
      );
      // ... and the same flagged pairs as one findDuplicates over the corpus in its own order.
      const alone = await findDuplicates(clusterDocs);
      expect(report.pairs.map(pairKey).sort()).toEqual(alone.pairs.map(pairKey).sort());
      expect(report.pairs.length).toBeGreaterThan(20);
      expect(report.clusters.length).toBeGreaterThan(0); // compared above with the rest of the Report
      expect(problems(await readState(cluster.ports, prefix), true)).toEqual([]);
    } finally {
      await index.close();
    }
  }, 120_000);

  it('examples/cluster-workers.mjs: two workers over real license texts give the report of one findDuplicates', async () => {
    const licenses = '/usr/share/common-licenses';
    const names = readdirSync(licenses).filter((name) => /^(GPL|LGPL|GFDL|Apache|MPL)/.test(name));
    const dir = mkdtempSync(join(tmpdir(), 'neardup-licenses-'));
    try {
      const files = names.map((name) => {
        copyFileSync(join(licenses, name), join(dir, name));
        return join(dir, name);
      });
      expect(files.length).toBeGreaterThan(5);
      execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
      const prefix = `s${++prefixes}`;
      const out = execFileSync(
        process.execPath,
        [join(root, 'examples', 'cluster-workers.mjs'), cluster.urls.join(','), prefix, '2', ...files],
        { cwd: root, encoding: 'utf8', env: { ...process.env, REPLICAS: '0' } },
      );
      const summary = JSON.parse(out.trim().split('\n').at(-1) as string) as {
        documents: number;
        pairs: number;
      };
      expect(summary.documents).toBe(files.length);
      const index = await open(prefix);
      try {
        const ids = await index.ids();
        const report = await index.report();
        expect(report.pairs.length).toBe(summary.pairs);
        expect(report.pairs.length).toBeGreaterThan(100); // the GPL, LGPL and GFDL versions share much
        const docs = ids.map((id) => ({ id, text: readFileSync(id, 'utf8') }));
        expect(withoutTime(report)).toEqual(withoutTime(await findDuplicates(docs)));
      } finally {
        await index.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('bad input: NearDupError naming the value, and the process ends with no handle left open', async () => {
    const plain = await startRedis();
    try {
      const run = (...args: string[]) => {
        const out = spawnSync(
          process.execPath,
          ['--import', 'tsx', join(root, 'test', 'fixtures', 'cluster-bad-input.ts'), ...args],
          { cwd: root, encoding: 'utf8', timeout: 30_000 },
        );
        expect(out.signal, out.stderr).toBeNull(); // ended by itself, not by the timeout
        expect(out.status, out.stderr).toBe(0);
        return JSON.parse(out.stdout.trim().split('\n').at(-1) as string) as {
          code: string;
          message: string;
        };
      };
      for (const nodes of ['127.0.0.1', 'localhost:http', '127.0.0.1:99999,127.0.0.1:7000', '']) {
        const { code, message } = run('nodes', nodes);
        expect(code).toBe('INVALID_OPTION');
        expect(message).toMatch(/^neardup: redisClusterStorage nodes must be/);
        expect(message).toContain(JSON.stringify(nodes));
      }
      const port = plain.url.split(':').at(-1) as string;
      expect(run('not-cluster', `127.0.0.1:${port}`)).toEqual({
        code: 'INVALID_OPTION',
        message: expect.stringContaining(`the Redis at 127.0.0.1:${port} is not in cluster mode`),
      });
      expect(run('options', cluster.urls.join(','), `s${++prefixes}`)).toEqual({
        code: 'INDEX_MISMATCH',
        message: expect.stringContaining('shingleSize'),
      });
    } finally {
      await plain.stop();
    }
  }, 120_000);
});
