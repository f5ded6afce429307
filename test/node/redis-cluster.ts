// A throwaway Redis Cluster for the tests: three redis-server nodes (Debian's package) with
// cluster-enabled, on free loopback ports (each with its bus port, +10000, free too), no persistence,
// joined by `redis-cli --cluster create`; stopped, and its folder removed, by the test that started it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { type RedisServer, startRedis } from './redis.js';

export const redisCliPath = ['/usr/bin/redis-cli', '/usr/local/bin/redis-cli'].find((p) => existsSync(p));

export interface RedisCluster {
  /** One URL per node: redis://127.0.0.1:port. */
  urls: string[];
  ports: number[];
  /** The redis-server of each port (masters first, as `redis-cli --cluster create` was given them). */
  servers: RedisServer[];
  /** Starts the server of ports[i] again (after it was killed): it rejoins the cluster from its nodes.conf. */
  restart(i: number): Promise<void>;
  stop(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` ports p from 20,000 on whose bus port p + 10,000 is free too. */
async function clusterPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let tries = 0; ports.length < count && tries < 500; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if (!ports.includes(port) && (await portIsFree(port)) && (await portIsFree(port + 10_000)))
      ports.push(port);
  }
  if (ports.length < count) throw new Error('no free ports for a Redis Cluster');
  return ports;
}

/** A cluster of `masters` masters (3 or more; fewer with `--cluster create` is refused) and `replicas` replicas each. */
export async function startCluster({ masters = 3, replicas = 0 } = {}): Promise<RedisCluster> {
  if (!redisCliPath) throw new Error('redis-cli not found: install the Debian package "redis-tools"');
  const dir = mkdtempSync(join(tmpdir(), 'neardup-cluster-'));
  const ports = await clusterPorts(masters * (1 + replicas));
  const nodes: RedisServer[] = [];
  try {
    for (const port of ports) nodes.push(await startRedis({ port, args: nodeArgs(dir, port) }));
    if (masters === 1 && replicas === 0) {
      // `--cluster create` wants three masters: one node takes every slot itself.
      await promisify(execFile)(redisCliPath, [
        '-p',
        String(ports[0]),
        'CLUSTER',
        'ADDSLOTSRANGE',
        '0',
        '16383',
      ]);
    } else {
      await promisify(execFile)(redisCliPath, [
        '--cluster',
        'create',
        ...ports.map((p) => `127.0.0.1:${p}`),
        '--cluster-replicas',
        String(replicas),
        '--cluster-yes',
      ]);
    }
    for (const port of ports) await clusterReady(port);
  } catch (error) {
    for (const node of nodes) await node.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    urls: ports.map((p) => `redis://127.0.0.1:${p}`),
    ports,
    servers: nodes,
    async restart(i) {
      await nodes[i].stop();
      nodes[i] = await startRedis({ port: ports[i], args: nodeArgs(dir, ports[i]) });
    },
    async stop() {
      for (const node of nodes) await node.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function nodeArgs(dir: string, port: number): string[] {
  return [
    '--cluster-enabled',
    'yes',
    // A lone node never learns its address from a peer; CLUSTER SLOTS would name it '' to clients.
    '--cluster-announce-ip',
    '127.0.0.1',
    '--cluster-config-file',
    join(dir, `nodes-${port}.conf`),
    '--cluster-node-timeout',
    '3000',
    '--dir',
    dir,
  ];
}

/** Waits until the node says the cluster is ok (every slot served) and, a replica, is in sync with its master. */
async function clusterReady(port: number): Promise<void> {
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
  try {
    await r.connect();
    for (let i = 0; i < 200; i++) {
      const replication = await r.info('replication');
      const linked = !/^role:slave/m.test(replication) || /^master_link_status:up/m.test(replication);
      if (linked && /cluster_state:ok/.test(await r.cluster('INFO'))) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the Redis Cluster node on port ${port} never said cluster_state:ok`);
  } finally {
    r.disconnect();
  }
}

/** The port of the node that serves the hash slot of `{prefix}`. */
export async function ownerOf(cluster: RedisCluster, prefix: string): Promise<number> {
  const r = new Redis({ port: cluster.ports[0], host: '127.0.0.1' });
  try {
    const slot = (await r.cluster('KEYSLOT', `{${prefix}}`)) as number;
    const slots = (await r.cluster('SLOTS')) as unknown as [number, number, [string, number]][];
    const range = slots.find(([from, to]) => slot >= from && slot <= to);
    if (!range) throw new Error(`no node serves slot ${slot}`);
    return range[2][1];
  } finally {
    r.disconnect();
  }
}

/**
 * Starts test/fixtures/cluster-writer.ts on the cluster: it adds documents [from, to) of the cluster test
 * corpus under `prefix`, `batch` documents a batch, in `mode` ('restart' or 'worker'; see the fixture).
 */
export function spawnClusterWriter(
  cluster: RedisCluster,
  prefix: string,
  from: number,
  to: number,
  batch: number,
  mode: 'restart' | 'worker',
): ChildProcess {
  const root = join(import.meta.dirname, '..', '..');
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'test', 'fixtures', 'cluster-writer.ts'),
      cluster.urls.join(','),
      prefix,
      String(from),
      String(to),
      String(batch),
      mode,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
}
