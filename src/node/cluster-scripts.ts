// The Lua scripts of the Redis Cluster storage (docs/redis-cluster.md has the layout and the protocol).
// The meta scripts run on the prefix's own slot ({P}) and start with redis-scripts.ts' guard (the epoch);
// the bucket scripts run on one bucket hash each.

import { LOST } from './redis-scripts.js';

/** Written with the parameters; an index of another layout (or a single-slot one) is refused. */
export const CLUSTER_LAYOUT = 'cluster-1';

/** A commit whose version is no longer pending: cleanup retired it (the batch outlasted pendingTimeout). */
export const NOT_PENDING = -3;

const GUARD = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 0 then
  return redis.error_reply('${LOST}')
end`;

/** The state check of begin and commit: 1 if live[id] is what ARGV[3] expects ('' none), else 0/-1/-2. */
const EXPECTED = `
local current = redis.call('HGET', KEYS[3], ARGV[2])
local code = 1
if ARGV[3] == '' then
  if current then code = 0 end
elseif not current then code = -1
elseif current ~= ARGV[3] then code = -2 end`;

/** The server's clock in milliseconds. */
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * Round 1, begin: KEYS epoch, parameters, live, sequence, pending; ARGV epoch, id, expected version.
 * Returns a new version noted as pending (> 0), or 0 exists / -1 absent / -2 changed, writing nothing.
 */
export const BEGIN = `${GUARD}${EXPECTED}
if code ~= 1 then return code end
${NOW}
local version = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[5], version, now .. ' ' .. ARGV[2])
return version`;

/**
 * Round 4, commit: KEYS epoch, parameters, live, names, order, pending, retired, sequence; ARGV epoch, id,
 * expected version ('' none), new version ('' to remove), position ('' after everything). Returns 1 done,
 * 0/-1/-2 refused (the new version retired), or NOT_PENDING.
 */
export const COMMIT = `${GUARD}${EXPECTED}
local fresh = ARGV[4]
if fresh ~= '' and redis.call('HEXISTS', KEYS[6], fresh) == 0 then return ${NOT_PENDING} end
if code ~= 1 then
  if fresh ~= '' then
    redis.call('HDEL', KEYS[6], fresh)
    redis.call('HSET', KEYS[7], fresh, ARGV[2])
  end
  return code
end
if current then
  redis.call('HDEL', KEYS[4], current)
  redis.call('HSET', KEYS[7], current, ARGV[2])
end
if fresh == '' then
  redis.call('HDEL', KEYS[3], ARGV[2])
  redis.call('ZREM', KEYS[5], ARGV[2])
  return 1
end
local position = ARGV[5]
if position == '' then position = redis.call('INCR', KEYS[8]) end
redis.call('HDEL', KEYS[6], fresh)
redis.call('HSET', KEYS[3], ARGV[2], fresh)
redis.call('HSET', KEYS[4], fresh, ARGV[2])
redis.call('ZADD', KEYS[5], position, ARGV[2])
return 1`;

/**
 * Cleanup: KEYS epoch, parameters, pending, retired; ARGV epoch, age in ms. Moves the versions pending
 * for at least that long to retired (a pending version is never committed: commit takes it out of
 * pending in the same step). Returns every retired version and its id, flat.
 */
export const RETIRE_STALE = `${GUARD}${NOW}
local pending = redis.call('HGETALL', KEYS[3])
for i = 1, #pending, 2 do
  local at = string.find(pending[i + 1], ' ', 1, true)
  if now - tonumber(string.sub(pending[i + 1], 1, at - 1)) >= tonumber(ARGV[2]) then
    redis.call('HDEL', KEYS[3], pending[i])
    redis.call('HSET', KEYS[4], pending[i], string.sub(pending[i + 1], at + 1))
  end
end
return redis.call('HGETALL', KEYS[4])`;

/**
 * After a failed write: KEYS epoch, parameters, pending, retired; ARGV epoch, then versions. Moves each
 * version still pending to retired (one whose commit ran, its reply lost, is not pending: left alone).
 * Returns the versions moved and their ids, flat.
 */
export const ABANDON = `${GUARD}
local moved = {}
for i = 2, #ARGV do
  local entry = redis.call('HGET', KEYS[3], ARGV[i])
  if entry then
    local id = string.sub(entry, string.find(entry, ' ', 1, true) + 1)
    redis.call('HDEL', KEYS[3], ARGV[i])
    redis.call('HSET', KEYS[4], ARGV[i], id)
    moved[#moved + 1] = ARGV[i]
    moved[#moved + 1] = id
  end
end
return moved`;

/** Round 3: KEYS[1] a bucket hash; ARGV field, token ('<version>,') pairs. Appends each token once. */
export const APPEND = `
for i = 1, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 0 then
    local v = redis.call('HGET', KEYS[1], ARGV[i])
    if not string.find(',' .. v, ',' .. ARGV[i + 1], 1, true) then
      redis.call('HSET', KEYS[1], ARGV[i], v .. ARGV[i + 1])
    end
  end
end
return 1`;

/** Purge: KEYS[1] a bucket hash; ARGV field, token pairs. Takes each token out (a field left empty goes). */
export const STRIP = `
for i = 1, #ARGV, 2 do
  local v = redis.call('HGET', KEYS[1], ARGV[i])
  if v then
    local s = ',' .. v
    local token = ',' .. ARGV[i + 1]
    local at = string.find(s, token, 1, true)
    if at then
      v = string.sub(s, 2, at) .. string.sub(s, at + #token)
      if v == '' then redis.call('HDEL', KEYS[1], ARGV[i]) else redis.call('HSET', KEYS[1], ARGV[i], v) end
    end
  end
end
return 1`;
