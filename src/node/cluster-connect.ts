import type { Cluster, ClusterOptions } from 'ioredis';
import { describeValue, NearDupError } from '../errors.js';
import { failFastOptions, loadIoredis } from './redis-connect.js';

export interface ClusterNode {
  host: string;
  port: number;
}

/**
 * The nodes of `redisClusterStorage({ nodes })`: 'host:port,host:port' (each may start redis://), or an
 * array of such strings. Anything else is INVALID_OPTION naming the value, before anything connects.
 */
export function parseNodes(nodes: unknown): ClusterNode[] {
  const items = typeof nodes === 'string' ? nodes.split(',') : Array.isArray(nodes) ? nodes : undefined;
  const bad = (why: string): never => {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: redisClusterStorage nodes must be 'host:port,host:port,…', got ${describeValue(nodes)}: ${why}`,
    );
  };
  if (!items || items.length === 0) bad('no node');
  return (items as unknown[]).map((item) => {
    if (typeof item !== 'string') return bad(`${describeValue(item)} is not a string`);
    const text = item.trim().replace(/^rediss?:\/\//, '');
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(text);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) return bad(`${JSON.stringify(item)} is not host:port`);
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
}

/**
 * A Cluster client over the nodes, connected. Before it, each node is asked (in turn, until one answers)
 * whether it runs in cluster mode: a plain Redis would leave the Cluster client retrying for ever. Fails
 * fast while a node is away (no offline queue); the caller retries reads through a failover.
 */
export async function connectCluster(nodes: ClusterNode[], commandTimeout: number): Promise<Cluster> {
  const ioredis = await loadIoredis('Redis Cluster storage');
  const options = failFastOptions(commandTimeout);
  const failures: string[] = [];
  for (const { host, port } of nodes) {
    const probe = new ioredis.Redis({ ...options, host, port, lazyConnect: true, retryStrategy: () => null });
    probe.on('error', () => {});
    let info: string;
    try {
      await probe.connect();
      info = await probe.info('cluster');
    } catch (error) {
      failures.push(`${host}:${port}: ${(error as Error).message}`);
      continue;
    } finally {
      probe.disconnect();
    }
    if (!/^cluster_enabled:1\b/m.test(info)) {
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: the Redis at ${host}:${port} is not in cluster mode (cluster_enabled:0): redisClusterStorage needs a Redis Cluster; use redisStorage({ url }) for a single Redis`,
      );
    }
    const clusterOptions: ClusterOptions = {
      lazyConnect: true,
      enableOfflineQueue: false,
      clusterRetryStrategy: (attempt) => (attempt > 20 ? null : Math.min(attempt * 100, 1000)),
      redisOptions: options,
    };
    const cluster = new ioredis.Cluster(nodes, clusterOptions);
    cluster.on('error', () => {});
    try {
      await cluster.connect();
    } catch (error) {
      cluster.disconnect();
      throw new NearDupError(
        'STORAGE_FAILED',
        `neardup: cannot connect to the Redis Cluster of ${host}:${port}: ${(error as Error).message}`,
      );
    }
    return cluster;
  }
  throw new NearDupError(
    'STORAGE_FAILED',
    `neardup: cannot connect to any node of the Redis Cluster: ${failures.join('; ')}`,
  );
}
