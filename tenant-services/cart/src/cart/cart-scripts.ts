import { LuaScript } from '../redis/lua-script';

/*
 * Every change to a cart is one script on one key, so concurrent requests cannot lose each other's lines
 * and every script touches a single hash slot (safe on a clustered Redis). Fields of the hash are line
 * ids, values the line JSON. Scripts answer JSON: `{ok...}` or `{error: <reason>, ...}`.
 */

/**
 * ARGV: candidate line JSON, max quantity, max lines, ttl seconds. Adds the line, or adds its quantity to
 * the line of the same variant (refreshing that line's price snapshot to the one just read).
 */
export const ADD_LINE = new LuaScript(`
local candidate = cjson.decode(ARGV[1])
local maxQuantity = tonumber(ARGV[2])
local fields = redis.call('HGETALL', KEYS[1])
local lineCount = #fields / 2
for i = 2, #fields, 2 do
  local line = cjson.decode(fields[i])
  if line.price.currency ~= candidate.price.currency then
    return cjson.encode({ error = 'currency', currency = line.price.currency })
  end
end
for i = 1, #fields, 2 do
  local line = cjson.decode(fields[i + 1])
  if line.productId == candidate.productId and line.sku == candidate.sku then
    local quantity = line.quantity + candidate.quantity
    if quantity > maxQuantity then
      return cjson.encode({ error = 'quantity', quantity = line.quantity })
    end
    line.quantity = quantity
    line.price = candidate.price
    line.title = candidate.title
    line.categoryId = candidate.categoryId
    redis.call('HSET', KEYS[1], fields[i], cjson.encode(line))
    redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
    return cjson.encode({ lineId = line.id })
  end
end
if lineCount >= tonumber(ARGV[3]) then
  return cjson.encode({ error = 'lines' })
end
redis.call('HSET', KEYS[1], candidate.id, ARGV[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return cjson.encode({ lineId = candidate.id })
`);

/** ARGV: tenant id. Removes the lines of that seller (tenant offboarding); answers how many. */
export const REMOVE_TENANT_LINES = new LuaScript(`
local fields = redis.call('HGETALL', KEYS[1])
local removed = 0
for i = 1, #fields, 2 do
  if cjson.decode(fields[i + 1]).tenantId == ARGV[1] then
    removed = removed + redis.call('HDEL', KEYS[1], fields[i])
  end
end
return removed
`);

/** ARGV: line id, quantity, ttl seconds. */
export const SET_QUANTITY = new LuaScript(`
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then
  return cjson.encode({ error = 'not-found' })
end
local line = cjson.decode(raw)
line.quantity = tonumber(ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(line))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return cjson.encode({ lineId = line.id })
`);

/** ARGV: line id, ttl seconds. */
export const REMOVE_LINE = new LuaScript(`
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then
  return cjson.encode({ error = 'not-found' })
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return cjson.encode({ lineId = ARGV[1] })
`);

/**
 * ARGV: JSON array of lines from another cart, max quantity, max lines, ttl seconds. Checks everything
 * before writing anything: a currency conflict leaves the cart untouched. Quantities of the same variant
 * are summed and capped; lines beyond the line limit are reported as skipped.
 */
export const MERGE_LINES = new LuaScript(`
local incoming = cjson.decode(ARGV[1])
local maxQuantity = tonumber(ARGV[2])
local fields = redis.call('HGETALL', KEYS[1])
local lineCount = #fields / 2
local byVariant = {}
local currency = nil
for i = 1, #fields, 2 do
  local line = cjson.decode(fields[i + 1])
  currency = currency or line.price.currency
  byVariant[line.productId .. '\\n' .. line.sku] = line
end
for _, line in ipairs(incoming) do
  currency = currency or line.price.currency
  if line.price.currency ~= currency then
    return cjson.encode({ error = 'currency', currency = currency })
  end
end
local merged = 0
local skipped = 0
for _, line in ipairs(incoming) do
  local existing = byVariant[line.productId .. '\\n' .. line.sku]
  if existing then
    existing.quantity = math.min(existing.quantity + line.quantity, maxQuantity)
    redis.call('HSET', KEYS[1], existing.id, cjson.encode(existing))
    merged = merged + 1
  elseif lineCount < tonumber(ARGV[3]) then
    redis.call('HSET', KEYS[1], line.id, cjson.encode(line))
    byVariant[line.productId .. '\\n' .. line.sku] = line
    lineCount = lineCount + 1
    merged = merged + 1
  else
    skipped = skipped + 1
  end
end
if lineCount > 0 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
end
return cjson.encode({ merged = merged, skipped = skipped })
`);

/**
 * ARGV: pairs of line id and the exact JSON read earlier. Deletes only lines still unchanged, so a line
 * added or changed after the read survives.
 */
export const REMOVE_UNCHANGED = new LuaScript(`
local removed = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', KEYS[1], ARGV[i])
    removed = removed + 1
  end
end
return cjson.encode({ removed = removed })
`);

/** ARGV: JSON object line id -> price snapshot, ttl seconds. Leaves quantities alone. */
export const SET_PRICES = new LuaScript(`
local prices = cjson.decode(ARGV[1])
for lineId, price in pairs(prices) do
  local raw = redis.call('HGET', KEYS[1], lineId)
  if raw then
    local line = cjson.decode(raw)
    line.price = price
    redis.call('HSET', KEYS[1], lineId, cjson.encode(line))
  end
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return cjson.encode({ ok = true })
`);

/**
 * KEYS: the cart, the set of orders already taken out of it (same hash slot). ARGV: order id, JSON array of
 * `{productId, sku, quantity}`, now (ms), how long an order id is remembered (ms), cart ttl seconds. Once per
 * order: subtracts each ordered quantity from the line of the same variant, removing a line that reaches 0, so a
 * line raised since the checkout read the cart keeps the difference; variants no longer in the cart are ignored.
 * The order id is recorded in the same script, so a repeat for the same order changes nothing.
 */
export const REMOVE_ORDERED_LINES = new LuaScript(`
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return cjson.encode({ applied = false })
end
local ordered = cjson.decode(ARGV[2])
local fields = redis.call('HGETALL', KEYS[1])
local byVariant = {}
for i = 1, #fields, 2 do
  local line = cjson.decode(fields[i + 1])
  byVariant[line.productId .. '\\n' .. line.sku] = line
end
local changed = {}
for _, item in ipairs(ordered) do
  local line = byVariant[item.productId .. '\\n' .. item.sku]
  if line then
    line.quantity = line.quantity - item.quantity
    changed[line.id] = line
  end
end
for lineId, line in pairs(changed) do
  if line.quantity > 0 then
    redis.call('HSET', KEYS[1], lineId, cjson.encode(line))
  else
    redis.call('HDEL', KEYS[1], lineId)
  end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
end
local now = tonumber(ARGV[3])
local remembered = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - remembered)
redis.call('ZADD', KEYS[2], now, ARGV[1])
redis.call('PEXPIRE', KEYS[2], remembered)
return cjson.encode({ applied = true })
`);
