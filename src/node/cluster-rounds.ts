import type { ChainableCommander, Cluster } from 'ioredis';
import { keySlot } from './key-slot.js';

/** One command of a round: the key that routes it, and how to add it to its node's pipeline. */
export interface Routed {
  key: string;
  add(pipeline: ChainableCommander): void;
}

/**
 * Sends commands as one pipeline per node (the node that serves each key's slot, as the client last
 * learnt the slot map), all nodes at once, and returns the replies in the commands' order. With `wait`,
 * each pipeline ends with `WAIT wait timeout`, and a node whose replicas acknowledged fewer writes fails
 * the round: what the caller returns has reached a replica of every master it wrote to.
 */
export async function perNode(
  cluster: Cluster,
  commands: readonly Routed[],
  wait = 0,
  timeout = 0,
): Promise<unknown[]> {
  const groups = new Map<string, number[]>();
  for (const [i, { key }] of commands.entries()) {
    const slot = keySlot(key);
    const node = cluster.slots[slot]?.join(';') ?? `slot ${slot}`;
    const group = groups.get(node);
    if (group) group.push(i);
    else groups.set(node, [i]);
  }
  const replies = new Array<unknown>(commands.length);
  await Promise.all(
    [...groups.values()].map(async (members) => {
      const pipeline = cluster.pipeline();
      for (const i of members) commands[i].add(pipeline);
      if (wait > 0) pipeline.wait(wait, timeout);
      const results = (await pipeline.exec()) ?? [];
      if (results.length !== members.length + (wait > 0 ? 1 : 0)) throw new Error('a pipeline was cut short');
      members.forEach((at, i) => {
        const [error, reply] = results[i];
        if (error) throw error;
        replies[at] = reply;
      });
      if (wait > 0) {
        const [error, acknowledged] = results[members.length];
        if (error) throw error;
        if ((acknowledged as number) < wait)
          throw new Error(
            `WAIT ${wait}: ${acknowledged} replicas acknowledged the writes within ${timeout} ms`,
          );
      }
    }),
  );
  return replies;
}
