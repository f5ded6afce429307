/**
 * The Redis client `redisStorage({ client })` takes, written out as what the storage calls so that the
 * published types need no ioredis: an ioredis `Redis` and an ioredis `Cluster` both fit
 * (test/e2e/package-types.test.ts compiles both against the packed package). The storage also sends
 * pipelines of scripts defined with `defineCommand`, which both provide.
 */
export interface RedisClient {
  /** 'ready' while connected, 'end' once closed for good. */
  readonly status: string;
  defineCommand(name: string, definition: { lua: string; numberOfKeys?: number }): void;
  pipeline(): unknown;
  get(key: string): Promise<string | null>;
  incrby(key: string, increment: number): Promise<number>;
  zrange(key: string, start: number, stop: number): Promise<string[]>;
  once(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}
