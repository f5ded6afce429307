// Issue 16.3: a 3-master, 3-replica Redis Cluster on loopback; the master serving the index's commits
// (the prefix's slot, which holds buckets too) is SIGKILLed while adds and queries run. Adds fail with
// STORAGE_FAILED or succeed; queries retry through the failover; no document whose add() returned is
// lost (WAIT 1); afterwards the answers equal an in-memory index of the committed documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIndex, NearDupError, type Report } from '../../src/index.js';
import { redisClusterStorage } from '../../src/node/redis-cluster.js';
import { clusterDocs } from './cluster-corpus.js';
import { problems, readState } from './cluster-invariants.js';
import { redisRequired, redisServerPath } from './redis.js';
import { ownerOf, type RedisCluster, redisCliPath, startCluster } from './redis-cluster.js';

const wanted = (redisServerPath !== undefined && redisCliPath !== undefined) || redisRequired;
const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let cluster: RedisCluster;

beforeAll(async () => {
  if (wanted) cluster = await startCluster({ masters: 3, replicas: 1 });
}, 90_000);
afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(!wanted)('the sharded index through a master failover', () => {
  it('loses nothing acknowledged, retries reads through the failover, answers as an in-memory index', async () => {
    const prefix = 'failover';
    const nodes = cluster.urls.join(',');
    const index = await createIndex({
      storage: redisClusterStorage({ nodes, prefix, replicas: 1, failoverTimeout: 30_000 }),
    });
    const acknowledged: string[] = [];
    const failures: unknown[] = [];
    let queriesAnswered = 0;
    let queriesAfterKill = 0;
    let killed = false;
    const batches: (typeof clusterDocs)[] = [];
    for (let i = 0; i < clusterDocs.length; i += 4) batches.push(clusterDocs.slice(i, i + 4));
    const queries = (async () => {
      for (let q = 0; !killed || queriesAfterKill < 3; q++) {
        await index.query({ id: `q${q}`, text: clusterDocs[(q * 7) % clusterDocs.length].text });
        queriesAnswered++;
        if (killed) queriesAfterKill++;
      }
    })();
    let victim = -1;
    let afterRestart = 0;
    const adds = (async () => {
      for (const [b, batch] of batches.entries()) {
        if (b === 10) {
          // The master of the prefix's slot: every commit goes there.
          victim = cluster.ports.indexOf(await ownerOf(cluster, prefix));
          cluster.servers[victim].process.kill('SIGKILL');
          killed = true;
        }
        // Until it is back (as its replica's replica), the promoted master has none: WAIT 1 fails the adds.
        if (b === 14) await cluster.restart(victim);
        try {
          await index.add(batch);
          acknowledged.push(...batch.map((d) => d.id));
          if (b > 14) afterRestart++;
        } catch (error) {
          expect(error).toBeInstanceOf(NearDupError);
          expect((error as NearDupError).code).toBe('STORAGE_FAILED');
          failures.push(error);
          await sleep(500);
        }
      }
    })();
    await Promise.all([adds, queries]);
    expect(killed).toBe(true);
    expect(failures.length).toBeGreaterThan(0); // adds failed while the slot had no master or no replica
    expect(afterRestart).toBeGreaterThan(20); // and went on once the cluster was whole again
    expect(queriesAfterKill).toBeGreaterThanOrEqual(3); // reads went on through the failover
    const committed = await index.ids();
    for (const id of acknowledged) expect(committed).toContain(id); // nothing acknowledged was lost
    expect(
      problems(
        await readState(
          cluster.ports.filter((_, i) => cluster.servers[i].process.exitCode === null),
          prefix,
        ),
        false,
      ),
    ).toEqual([]);
    // What failed batches left is cleaned up; then the index holds exactly the committed documents.
    await (index as unknown as { close(): Promise<void> }).close();
    const storage = redisClusterStorage({ nodes, prefix, replicas: 1 });
    const again = await createIndex({ storage });
    try {
      await storage.cleanup(0);
      expect(problems(await readState(cluster.ports, prefix), true)).toEqual([]);
      const ids = await again.ids();
      expect(ids).toEqual(committed);
      const byId = new Map(clusterDocs.map((d) => [d.id, d]));
      const memory = await createIndex();
      memory.add(ids.map((id) => byId.get(id) as (typeof clusterDocs)[0]));
      expect(withoutTime(await again.report())).toEqual(withoutTime(memory.report()));
      const outside = { id: 'outside', text: clusterDocs[3].text };
      expect(await again.query(outside)).toEqual(memory.query(outside));
      console.log(
        `${acknowledged.length} acknowledged, ${ids.length} committed, ${failures.length} batches failed, ${queriesAnswered} queries answered (${queriesAfterKill} after the kill)`,
      );
    } finally {
      await again.close();
    }
  }, 180_000);
});
