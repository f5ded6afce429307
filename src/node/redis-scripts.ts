// The Lua scripts of the Redis storage (each runs atomically in Redis), and its key layout.
//
// Layout under {prefix}: `doc:<id>` the record, `order` a sorted set id → order of addition, `names` a hash
// order → id, `sequence` the last order, `serial` the last doc-N number, `parameters`, `layout` and
// `epoch`. A bucket `<group>/<field>` is field <field> of hash `h:<group>`, whose value lists the orders
// of the documents in it, each followed by a comma: a document's order is its short handle in every
// bucket, and many buckets share one small hash, which Redis keeps compact (listpack) instead of a key
// per bucket.
//
// `epoch` is a random token written with the parameters when the index is created. Every script below
// (and every read, in the same pipeline) first checks that the epoch is still the one the index was
// opened with and that the parameters are still there: a Redis that restarted empty, was flushed, or
// lost the keys fails the call with LOST instead of being written to as if it held the index.

import type { ChainableCommander, Redis } from 'ioredis';

/**
 * Raised when the layout below changes; an index stored with another layout is refused. 3: 64-bit
 * fingerprint buckets (16 hex digits), the epoch.
 */
export const LAYOUT = '3';

/** The error a script replies when the index it was opened on is gone (see above). */
export const LOST = 'NEARDUP_LOST';

/**
 * The guard every script starts with. KEYS[1] epoch, KEYS[2] parameters; ARGV[1] the epoch the index was
 * opened with. Each script's own keys and arguments follow.
 */
const GUARD = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 0 then
  return redis.error_reply('${LOST}')
end`;

/**
 * One change of one document (IndexStorage.write): the document ends in all its buckets or in none.
 * KEYS (after the guard's two): record, order, sequence, names, then the old buckets' hashes (ARGV[5] of
 * them), then the new ones'. ARGV (after the guard's one): id, the record expected ('' for none), the
 * new record ('' to remove), how many old buckets, the new record's order ('' for the next), then one
 * field per bucket hash (KEYS[i] ↔ ARGV[i]). Returns 1 done, 0 exists, -1 absent, -2 changed.
 */
export const CHANGE = `${GUARD}
local current = redis.call('GET', KEYS[3])
if ARGV[3] == '' then
  if current then return 0 end
elseif not current then return -1
elseif current ~= ARGV[3] then return -2 end
local old = tonumber(ARGV[5])
if current then
  local handle = redis.call('ZSCORE', KEYS[4], ARGV[2])
  local token = ',' .. handle .. ','
  for i = 7, 6 + old do
    local v = redis.call('HGET', KEYS[i], ARGV[i])
    if v then
      local s = ',' .. v
      local at = string.find(s, token, 1, true)
      if at then
        v = string.sub(s, 2, at) .. string.sub(s, at + #token)
        if v == '' then redis.call('HDEL', KEYS[i], ARGV[i]) else redis.call('HSET', KEYS[i], ARGV[i], v) end
      end
    end
  end
  redis.call('HDEL', KEYS[6], handle)
end
if ARGV[4] == '' then
  redis.call('DEL', KEYS[3])
  redis.call('ZREM', KEYS[4], ARGV[2])
  return 1
end
local order = ARGV[6]
if order == '' then order = redis.call('INCR', KEYS[5]) end
local entry = order .. ','
redis.call('SET', KEYS[3], ARGV[4])
redis.call('ZADD', KEYS[4], order, ARGV[2])
redis.call('HSET', KEYS[6], order, ARGV[2])
for i = 7 + old, #KEYS do
  if redis.call('HSETNX', KEYS[i], ARGV[i], entry) == 0 then
    redis.call('HSET', KEYS[i], ARGV[i], redis.call('HGET', KEYS[i], ARGV[i]) .. entry)
  end
end
return 1`;

/**
 * The ids in any of some buckets. KEYS (after the guard's two): names, then the buckets' hashes; ARGV
 * (after the guard's one): one field per bucket hash (KEYS[i] ↔ ARGV[i - 2]).
 */
export const MEMBERS = `${GUARD}
local seen, ids = {}, {}
for i = 4, #KEYS do
  local v = redis.call('HGET', KEYS[i], ARGV[i - 2])
  if v then
    for handle in string.gmatch(v, '([^,]+),') do
      if not seen[handle] then
        seen[handle] = true
        local id = redis.call('HGET', KEYS[3], handle)
        if id then ids[#ids + 1] = id end
      end
    end
  end
end
return ids`;

/** Reserves doc-N numbers (IndexStorage.reserve): KEYS[3] serial, ARGV[2] how many; returns the last. */
export const RESERVE = `${GUARD}
return redis.call('INCRBY', KEYS[3], ARGV[2])`;

/** Gives back doc-N numbers (IndexStorage.release) if none were reserved after them: KEYS[3] serial, ARGV first, count. */
export const RELEASE = `${GUARD}
if tonumber(redis.call('GET', KEYS[3]) or '0') == tonumber(ARGV[2]) + tonumber(ARGV[3]) - 1 then
  redis.call('SET', KEYS[3], tonumber(ARGV[2]) - 1)
end
return 1`;

/**
 * Creates the index if the prefix holds none: stores the parameters, the layout and a new epoch (ARGV);
 * returns all three as stored. KEYS: parameters, layout, epoch, order, serial. A prefix that holds
 * documents or numbers but no parameters lost them (evicted, deleted) or was written without them: it is
 * not created again over what is left, LOST is replied. An index of an older layout has no epoch: ''.
 */
export const INIT = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  if redis.call('EXISTS', KEYS[4]) == 1 or redis.call('EXISTS', KEYS[5]) == 1 then
    return redis.error_reply('${LOST}')
  end
  redis.call('SET', KEYS[1], ARGV[1])
  redis.call('SET', KEYS[2], ARGV[2])
  redis.call('SET', KEYS[3], ARGV[3])
end
return { redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]) or '', redis.call('GET', KEYS[3]) or '' }`;

/** The scripts as commands (defineCommand: EVALSHA, with EVAL when Redis does not know the script yet). */
export interface Scripted {
  // The keys and arguments in one array, which ioredis flattens: spread as arguments, a long document's
  // 100,000 buckets and more would overflow the stack.
  neardupChange(numberOfKeys: number, args: RedisArgument[]): Promise<number>;
  neardupMembers(numberOfKeys: number, args: RedisArgument[]): Promise<string[]>;
  neardupReserve(numberOfKeys: number, args: RedisArgument[]): Promise<number>;
  neardupRelease(numberOfKeys: number, args: RedisArgument[]): Promise<number>;
  neardupInit(numberOfKeys: number, args: RedisArgument[]): Promise<[string, string, string]>;
}
export type RedisArgument = string | Buffer | number;
export function scripted<T extends Redis | ChainableCommander>(client: T): T & Scripted {
  return client as T & Scripted;
}

/** Defines the scripts on a client (once: a client of the caller's may be shared by several storages). */
export function define(client: Redis): Redis {
  if (!(client as Partial<Scripted>).neardupChange) {
    client.defineCommand('neardupChange', { lua: CHANGE });
    client.defineCommand('neardupMembers', { lua: MEMBERS });
    client.defineCommand('neardupReserve', { lua: RESERVE });
    client.defineCommand('neardupRelease', { lua: RELEASE });
    client.defineCommand('neardupInit', { lua: INIT });
  }
  return client;
}
