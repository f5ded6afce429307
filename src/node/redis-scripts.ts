// The Lua scripts of the Redis storage (each runs atomically in Redis), and its key layout.
//
// Layout under {prefix}: `doc:<id>` the record, `order` a sorted set id → order of addition, `names` a hash
// order → id, `sequence` the last order, `serial` the last doc-N number, `parameters` and `layout`. A
// bucket `<group>/<field>` is field <field> of hash `h:<group>`, whose value lists the orders of the
// documents in it, each followed by a comma: a document's order is its short handle in every bucket, and
// many buckets share one small hash, which Redis keeps compact (listpack) instead of a key per bucket.

/** Raised when the layout below changes; an index stored with another layout is refused. */
export const LAYOUT = '2';

/**
 * One change of one document (IndexStorage.write): the document ends in all its buckets or in none.
 * KEYS: record, order, sequence, names, then the old buckets' hashes (ARGV[4] of them), then the new
 * ones'. ARGV: id, the record expected ('' for none), the new record ('' to remove), how many old
 * buckets, the new record's order ('' for the next), then one field per bucket hash (KEYS[i] ↔ ARGV[i + 1]).
 * Returns 1 done, 0 exists, -1 absent, -2 changed.
 */
export const CHANGE = `
local current = redis.call('GET', KEYS[1])
if ARGV[2] == '' then
  if current then return 0 end
elseif not current then return -1
elseif current ~= ARGV[2] then return -2 end
local old = tonumber(ARGV[4])
if current then
  local handle = redis.call('ZSCORE', KEYS[2], ARGV[1])
  local token = ',' .. handle .. ','
  for i = 5, 4 + old do
    local v = redis.call('HGET', KEYS[i], ARGV[i + 1])
    if v then
      local s = ',' .. v
      local at = string.find(s, token, 1, true)
      if at then
        v = string.sub(s, 2, at) .. string.sub(s, at + #token)
        if v == '' then redis.call('HDEL', KEYS[i], ARGV[i + 1]) else redis.call('HSET', KEYS[i], ARGV[i + 1], v) end
      end
    end
  end
  redis.call('HDEL', KEYS[4], handle)
end
if ARGV[3] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return 1
end
local order = ARGV[5]
if order == '' then order = redis.call('INCR', KEYS[3]) end
local entry = order .. ','
redis.call('SET', KEYS[1], ARGV[3])
redis.call('ZADD', KEYS[2], order, ARGV[1])
redis.call('HSET', KEYS[4], order, ARGV[1])
for i = 5 + old, #KEYS do
  if redis.call('HSETNX', KEYS[i], ARGV[i + 1], entry) == 0 then
    redis.call('HSET', KEYS[i], ARGV[i + 1], redis.call('HGET', KEYS[i], ARGV[i + 1]) .. entry)
  end
end
return 1`;

/** The ids in any of some buckets. KEYS: names, then the buckets' hashes; ARGV: their fields. */
export const MEMBERS = `
local seen, ids = {}, {}
for i = 2, #KEYS do
  local v = redis.call('HGET', KEYS[i], ARGV[i - 1])
  if v then
    for handle in string.gmatch(v, '([^,]+),') do
      if not seen[handle] then
        seen[handle] = true
        local id = redis.call('HGET', KEYS[1], handle)
        if id then ids[#ids + 1] = id end
      end
    end
  end
end
return ids`;

/** Gives back doc-N numbers (IndexStorage.release) if none were reserved after them. */
export const RELEASE = `
if tonumber(redis.call('GET', KEYS[1]) or '0') == tonumber(ARGV[1]) + tonumber(ARGV[2]) - 1 then
  redis.call('SET', KEYS[1], tonumber(ARGV[1]) - 1)
end
return 1`;

/**
 * Stores the parameters and the layout if the index is new; returns both as stored. KEYS: parameters,
 * layout. An index stored before layouts were recorded has parameters and no layout: returned as ''.
 */
export const INIT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then redis.call('SET', KEYS[2], ARGV[2]) end
return { redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]) or '' }`;
