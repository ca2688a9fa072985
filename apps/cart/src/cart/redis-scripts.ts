import { createHash } from 'node:crypto';

/*
 * A cart is one Redis hash: field = product id, value = JSON line. Each write
 * is one Lua script, so read-check-write runs atomically on the server and
 * concurrent AddItems on a cart never lose an update. Every script answers
 * { status, ...HGETALL } so the caller sees the cart its write produced.
 */

/** KEYS[1] cart; ARGV: product id, quantity to add, name, currency, unit minor units, max per line, max lines, ttl ms. */
export const ADD_ITEM = `
local key, id = KEYS[1], ARGV[1]
local quantity = tonumber(ARGV[2])
local existing = redis.call('HGET', key, id)
if existing then
  quantity = quantity + cjson.decode(existing).quantity
elseif redis.call('HLEN', key) >= tonumber(ARGV[7]) then
  return {'cart-full'}
end
if quantity > tonumber(ARGV[6]) then return {'line-limit', tostring(quantity)} end
local all = redis.call('HGETALL', key)
for i = 1, #all, 2 do
  if all[i] ~= id then
    local currency = cjson.decode(all[i + 1]).currency
    if currency ~= ARGV[4] then return {'currency-mismatch', currency} end
  end
end
redis.call('HSET', key, id, cjson.encode({name = ARGV[3], currency = ARGV[4], unitMinor = ARGV[5], quantity = quantity}))
redis.call('PEXPIRE', key, ARGV[8])
return {'ok', unpack(redis.call('HGETALL', key))}
`;

/** KEYS[1] cart; ARGV: product id, quantity (0 removes), ttl ms. */
export const SET_QUANTITY = `
local key, id = KEYS[1], ARGV[1]
local quantity = tonumber(ARGV[2])
local existing = redis.call('HGET', key, id)
if not existing then
  if quantity ~= 0 then return {'missing-line'} end
else
  if quantity == 0 then
    redis.call('HDEL', key, id)
  else
    local line = cjson.decode(existing)
    line.quantity = quantity
    redis.call('HSET', key, id, cjson.encode(line))
  end
  redis.call('PEXPIRE', key, ARGV[3])
end
return {'ok', unpack(redis.call('HGETALL', key))}
`;

export function sha1(script: string): string {
  return createHash('sha1').update(script).digest('hex');
}
