// What the Redis test files share: when they run, the corpus they index, and their redis-server.
import { afterAll, beforeAll, describe } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { type RedisServer, redisRequired, redisServerPath, startRedis } from './redis.js';

const wanted = redisServerPath !== undefined || redisRequired;

/** describe when there is a redis-server (or one is required: then a missing one fails), else skip. */
export const describeRedis: ReturnType<typeof describe.skipIf> = describe.skipIf(!wanted);

/** The documents the Redis tests index: 800 generated paragraphs, ids g0, g1, … */
export const redisTestDocs = generateCorpus({ paragraphs: 800, seed: 21 }).documents.map((d, i) => ({
  id: `g${i}`,
  text: d.text,
}));

/** A redis-server for the calling test file: started before its tests, stopped after them. */
export function redisServerForFile(): RedisServer {
  let started: RedisServer | undefined;
  beforeAll(async () => {
    if (wanted) started = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await started?.stop();
  });
  const current = (): RedisServer => {
    if (!started) throw new Error('no redis-server was started for this file');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get process() {
      return current().process;
    },
    stop: () => current().stop(),
  };
}
