// The shared index against a real Redis (Debian's redis-server), compared with the in-memory index.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import {
  createIndex,
  findDuplicates,
  loadIndex,
  type NearDupIndex,
  type Report,
  type SharedIndex,
} from '../../src/index.js';
import { redisStorage } from '../../src/node/redis.js';
import { quotingParagraphs } from '../helpers.js';
import { boilerplateDocs } from '../report/boilerplate.js';
import { describeRedis, redisServerForFile, redisTestDocs } from './redis-fixture.js';

const root = resolve(__dirname, '..', '..');
const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });
const docs = redisTestDocs;
const server = redisServerForFile();
let prefixes = 0;
const shared = (options: { commandTimeout?: number } = {}): Promise<SharedIndex> =>
  createIndex({ storage: redisStorage({ url: server.url, prefix: `t${++prefixes}`, ...options }) });

describeRedis('shared index in Redis', () => {
  it('gives the same reports and answers as the in-memory index', async () => {
    const index = await shared();
    const memory = await createIndex();
    await index.add(docs.slice(0, 20));
    memory.add(docs.slice(0, 20));
    await index.add(['an unnamed document']);
    memory.add(['an unnamed document']);
    expect(await index.ids()).toEqual(memory.ids());
    expect(withoutTime(await index.report())).toEqual(withoutTime(memory.report()));
    const newcomer = docs[20];
    expect((await index.query(newcomer)).length).toBeGreaterThan(0);
    expect(await index.query(newcomer)).toEqual(memory.query(newcomer));
    expect(withoutTime(await index.addAndCheck(docs.slice(20, 26)))).toEqual(
      withoutTime(memory.addAndCheck(docs.slice(20, 26))),
    );
    expect(await index.remove(docs[3].id)).toBe(true);
    memory.remove(docs[3].id);
    expect(await index.remove(docs[3].id)).toBe(false);
    expect(withoutTime(await index.report())).toEqual(withoutTime(memory.report()));
    await expect(index.add([docs[5]])).rejects.toMatchObject({ code: 'DUPLICATE_ID' });
    await index.close();
  });

  it('reports clusters, repeated passages and document groups as the in-memory index does (check and addAndCheck)', async () => {
    const index = await shared();
    const memory = await createIndex();
    const licence = boilerplateDocs(30, 2);
    const quotes = quotingParagraphs(14).map((text, i) => ({ id: `quote-${i}`, text }));
    const first = [...docs.slice(0, 10), ...licence.slice(0, 20), ...quotes.slice(0, 10)];
    await index.add(first);
    memory.add(first);
    const batch = [...licence.slice(20), ...quotes.slice(10), docs[3]].map((d, i) =>
      i === 14 ? { id: 'copy-of-g3', text: d.text } : d,
    );
    const checked = await index.check(batch);
    expect(withoutTime(checked)).toEqual(withoutTime(memory.check(batch)));
    expect(checked.clusters.filter((c) => c.members.length === 60)).toHaveLength(2); // 30 files × 2 repeats
    expect(checked.passages.map((p) => p.occurrences.length)).toEqual([14]);
    expect(checked.documentGroups.some((g) => g.members.some((m) => m.doc === 'copy-of-g3'))).toBe(true);
    const added = await index.addAndCheck(batch);
    expect(withoutTime(added)).toEqual(withoutTime(memory.addAndCheck(batch)));
    expect(withoutTime(added)).toEqual(withoutTime(checked));
    expect(withoutTime(await index.report())).toEqual(withoutTime(memory.report()));
    await index.close();
  });

  it('numbers unnamed documents as the in-memory index does: a query uses up no number', async () => {
    const index = await shared();
    const memory = await createIndex();
    for (const step of [
      (i: SharedIndex | NearDupIndex) => i.add(['first unnamed']),
      (i: SharedIndex | NearDupIndex) => i.query('a query, first unnamed'),
      (i: SharedIndex | NearDupIndex) => i.add(['second unnamed']),
      (i: SharedIndex | NearDupIndex) => i.query({ text: 'another query' }),
      (i: SharedIndex | NearDupIndex) => i.addAndCheck(['third unnamed', { id: 'named', text: 'x' }]),
      (i: SharedIndex | NearDupIndex) => i.add(['fourth unnamed']),
    ]) {
      const timeless = (x: unknown) =>
        x && typeof x === 'object' && 'stats' in x ? withoutTime(x as Report) : x;
      expect(timeless(await step(index))).toEqual(timeless(step(memory)));
    }
    expect(await index.ids()).toEqual(['doc-1', 'doc-2', 'doc-3', 'named', 'doc-5']);
    expect(await index.ids()).toEqual(memory.ids());
    // The query's own pairs name it as the in-memory index does.
    expect(await index.query('first unnamed')).toEqual(memory.query('first unnamed'));
    expect((await index.query('first unnamed'))[0]?.b.doc).toBe('doc-6');
    await index.close();
  });

  it('refuses options that would hash differently from the stored index', async () => {
    const prefix = `t${++prefixes}`;
    const first = await createIndex({ storage: redisStorage({ url: server.url, prefix }) });
    await first.add(docs.slice(0, 2));
    await first.close();
    await expect(
      createIndex({ storage: redisStorage({ url: server.url, prefix }), numHashes: 64, bands: 16, rows: 4 }),
    ).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
    });
  });

  it('refuses an index stored in another Redis layout (or one from before layouts were recorded)', async () => {
    const prefix = `t${++prefixes}`;
    const first = await createIndex({ storage: redisStorage({ url: server.url, prefix }) });
    await first.add(docs.slice(0, 2));
    await first.close();
    const { Redis } = await import('ioredis');
    const raw = new Redis(server.url);
    await raw.del(`{${prefix}}:layout`);
    await expect(createIndex({ storage: redisStorage({ url: server.url, prefix }) })).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringContaining('is stored in Redis layout "1"; this neardup reads layout 3'),
    });
    // Layout 2 had 32-bit fingerprint buckets and no epoch.
    await raw.set(`{${prefix}}:layout`, '2');
    raw.disconnect();
    await expect(createIndex({ storage: redisStorage({ url: server.url, prefix }) })).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringContaining('is stored in Redis layout "2"; this neardup reads layout 3'),
    });
  });

  it('two processes adding halves of a corpus at once give the same pairs as one process', async () => {
    const prefix = `t${++prefixes}`;
    const half = (from: number, to: number) =>
      new Promise<void>((done, fail) => {
        const child = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            join(root, 'test', 'fixtures', 'redis-adder.ts'),
            server.url,
            prefix,
            String(from),
            String(to),
          ],
          {
            cwd: root,
            stdio: ['ignore', 'ignore', 'inherit'],
          },
        );
        child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`adder exited with ${code}`))));
      });
    await Promise.all([half(0, 20), half(20, 40)]);
    const index = await createIndex({ storage: redisStorage({ url: server.url, prefix }) });
    const order = await index.ids();
    expect(order.sort()).toEqual(
      docs
        .slice(0, 40)
        .map((d) => d.id)
        .sort(),
    );
    const inOrder = (await index.ids()).map((id) => docs.find((d) => d.id === id)!);
    const report = await index.report();
    expect(report.pairs.length).toBeGreaterThan(0);
    expect(withoutTime(report)).toEqual(withoutTime(await findDuplicates(inOrder)));
    await index.close();
  }, 60_000);

  it('neardup --redis URL: reports what new files duplicate, then skips them on the next run', async () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
    const cli = (...args: string[]) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [join(root, 'dist', 'cli.js'), '--format', 'json', '--redis', server.url, ...args],
          {
            cwd: root,
            encoding: 'utf8',
          },
        ),
      ) as Report;
    const first = cli('examples/articles');
    const expected = await findDuplicates(
      ['article-1', 'article-2'].map((name) => ({
        id: `examples/articles/${name}.txt`,
        text: readFileSync(join(root, 'examples', 'articles', `${name}.txt`), 'utf8'),
      })),
    );
    expect(first.pairs).toEqual(expected.pairs);
    expect(cli('examples/articles').pairs).toEqual([]);
  });

  it('neardup --redis: a changed file replaces its old version only once it checks; a failed check keeps it', async () => {
    const { checkAgainstRedis } = await import('../../src/cli/index-file.js');
    const url = `${server.url}/3`; // a database of its own: the CLI uses the default prefix
    const inputs = (...list: { id: string; text: string }[]) =>
      (async function* () {
        yield* list;
      })();
    const original = { id: 'a.txt', text: docs[30].text };
    await checkAgainstRedis(url, inputs(original), {});
    const repeated = { id: 'a.txt', text: quotingParagraphs(3).join('\n\n') };
    await expect(checkAgainstRedis(url, inputs(repeated), { maxPairs: 1 })).rejects.toMatchObject({
      code: 'TOO_MANY_PAIRS',
    });
    const index = await createIndex({ storage: redisStorage({ url }) });
    expect(await index.document('a.txt')).toEqual(original);
    // When it checks: reported against the index without its old version, which it then replaces.
    const changed = { id: 'a.txt', text: `${docs[31].text}\n\n${docs[30].text}` };
    const other = { id: 'b.txt', text: docs[31].text };
    const second = await checkAgainstRedis(url, inputs(changed, other), {});
    const memory = await createIndex();
    expect(withoutTime(second.report)).toEqual(withoutTime(memory.addAndCheck([changed, other])));
    expect(second.report.pairs.length).toBeGreaterThan(0);
    expect(await index.ids()).toEqual(['a.txt', 'b.txt']);
    expect(await index.document('a.txt')).toEqual(changed);
    await index.close();
  });

  it('rejects with STORAGE_FAILED while Redis is stopped, leaves nothing half-written, and works again after', async () => {
    const index = await shared({ commandTimeout: 500 });
    await index.add(docs.slice(0, 5));
    server.process.kill('SIGSTOP');
    try {
      await expect(index.add([docs[5]])).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    } finally {
      server.process.kill('SIGCONT');
    }
    await new Promise((r) => setTimeout(r, 300));
    // The insert sent before the stop either ran whole or not at all.
    const ids = await index.ids();
    const memory = await createIndex();
    memory.add(ids.map((id) => docs.find((d) => d.id === id)!));
    expect(withoutTime(await index.report())).toEqual(withoutTime(memory.report()));
    if (!ids.includes(docs[5].id)) await index.add([docs[5]]);
    await index.add([docs[6]]);
    expect(await index.size()).toBe(7);
    await index.close();
  }, 30_000);
});

describeRedis('opening a shared index: one rule with loadIndex, and nothing left open on failure', () => {
  /** The clients connected to the test server (the one asking included). */
  const connectedClients = async () => {
    const { Redis } = await import('ioredis');
    const raw = new Redis(server.url);
    try {
      return String(await raw.client('LIST'))
        .trim()
        .split('\n').length;
    } finally {
      raw.disconnect();
    }
  };

  it('lets threshold and the like change, keeps bands and rows as stored, and takes stored parameters when none are given', async () => {
    const prefix = `t${++prefixes}`;
    const first = await createIndex({
      storage: redisStorage({ url: server.url, prefix }),
      threshold: 0.9,
      shingleSize: 4,
    });
    await first.add(docs.slice(0, 3));
    await first.close();
    // As loadIndex allows for a saved index: a stricter or looser threshold, the stored hashes kept.
    const looser = await createIndex({ storage: redisStorage({ url: server.url, prefix }), threshold: 0.5 });
    expect(looser.options).toMatchObject({
      threshold: 0.5,
      shingleSize: 4,
      bands: first.options.bands,
      rows: first.options.rows,
    });
    expect(await looser.ids()).toHaveLength(3);
    await looser.close();
    const plain = await createIndex({ storage: redisStorage({ url: server.url, prefix }) });
    expect(plain.options).toMatchObject({ threshold: 0.7, shingleSize: 4, bands: first.options.bands });
    const memory = await loadIndex((await createIndex({ threshold: 0.9, shingleSize: 4 })).save(), {
      threshold: 0.7,
    });
    expect(plain.options).toEqual(memory.options);
    await plain.close();
  });

  it('refuses an option that would hash differently, naming it, its CLI flag and the prefix, and closes the connection', async () => {
    const prefix = `t${++prefixes}`;
    const first = await createIndex({
      storage: redisStorage({ url: server.url, prefix }),
      minOverlapWords: 8,
    });
    await first.close();
    await new Promise((r) => setTimeout(r, 100));
    const before = await connectedClients();
    await expect(
      createIndex({ storage: redisStorage({ url: server.url, prefix }), minOverlapWords: 12 }),
    ).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
      message: `neardup: the Redis index under prefix "${prefix}" was saved with minOverlapWords = 8 (--min-overlap 8), these options give 12: run with --min-overlap 8 or without --min-overlap, or build a new index`,
    });
    await expect(
      createIndex({ storage: redisStorage({ url: server.url, prefix }), stopwords: ['the'] }),
    ).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringContaining('stopwords = false'),
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await connectedClients()).toBe(before);
  });

  it('neardup --redis exits 2 at once when the stored index hashes differently (the connection is closed)', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
    const url = `${server.url}/5`; // a database of its own: the CLI uses the default prefix
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [join(root, 'dist', 'cli.js'), '--redis', url, ...args, 'examples/articles'],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 20_000, // a run left hanging on an open connection is killed here, and fails below
        },
      );
    expect(cli('--min-overlap', '8').status).toBe(0);
    const refused = cli('--min-overlap', '12');
    expect(refused.signal).toBeNull();
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'neardup: the Redis index under prefix "neardup" was saved with minOverlapWords = 8 (--min-overlap 8), these options give 12: run with --min-overlap 8 or without --min-overlap, or build a new index\n',
    );
    expect(cli('--threshold', '0.9').status).toBe(0); // not a hashing option: allowed, as for --index
  }, 60_000);

  it('addAndCheck bounds a batch by maxPairs with the message findDuplicates gives', async () => {
    // Different paragraphs quoting one sentence, kept as overlap pairs (passageParagraphs raised).
    const copies = quotingParagraphs(300).map((text, i) => ({ id: `copy-${i}`, text }));
    const limits = { maxPairs: 100, passageParagraphs: 1_000_000 };
    const expected = await findDuplicates(copies, limits).catch((error: Error) => error.message);
    expect(expected).toMatch(/^neardup: 44850 candidate pairs/);
    const index = await createIndex({
      storage: redisStorage({ url: server.url, prefix: `t${++prefixes}` }),
      ...limits,
    });
    await expect(index.addAndCheck(copies)).rejects.toMatchObject({
      code: 'TOO_MANY_PAIRS',
      message: expected,
    });
    expect(await index.size()).toBe(0);
    // 14 copies: 91 pairs, within the limit; 14 more against them: 287 pairs, at most 27 for any document.
    const batch = (from: number) => copies.slice(from, from + 14);
    expect((await index.addAndCheck(batch(0))).pairs).toHaveLength(91);
    await expect(index.addAndCheck(batch(14))).rejects.toMatchObject({
      code: 'TOO_MANY_PAIRS',
      message: expect.stringMatching(/^neardup: more than 100 overlap pairs/),
    });
    expect(await index.size()).toBe(14);
    await index.close();
  });
});
