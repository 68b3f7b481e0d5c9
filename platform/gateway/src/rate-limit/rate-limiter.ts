import type { Redis } from 'ioredis';
import type { Principal } from '@marketplace/auth';

export type RateLimitScope = 'tenant' | 'user' | 'ip';

/** Who a request counts against: its tenant, else its signed-in user, else its client address. */
export interface RateLimitSubject {
  scope: RateLimitScope;
  id: string;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

export interface RateLimiterOptions {
  /** Redis key prefix; tests use a unique one. */
  prefix: string;
  windowSeconds: number;
  limits: Readonly<Record<RateLimitScope, number>>;
}

export function rateLimitSubjectOf(
  principal: Principal | undefined,
  clientAddress: string,
): RateLimitSubject {
  if (principal?.tenantId) return { scope: 'tenant', id: principal.tenantId };
  if (principal) return { scope: 'user', id: principal.userId };
  return { scope: 'ip', id: clientAddress };
}

// One round trip, atomic: count the request and start the window on its first request. A key that somehow
// lost its TTL gets one again instead of blocking its subject forever.
const CONSUME_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type RedisWithConsume = Redis & {
  gatewayRateLimitConsume(key: string, windowMs: number): Promise<[number, number]>;
};

/**
 * Fixed-window request counter per subject in Redis, shared by every gateway replica. ioredis sends the
 * script by SHA and, with auto-pipelining, batches the calls of concurrent requests into one write.
 */
export class RedisRateLimiter {
  private readonly redis: RedisWithConsume;
  private readonly windowMs: number;

  constructor(
    redis: Redis,
    private readonly options: RateLimiterOptions,
  ) {
    redis.defineCommand('gatewayRateLimitConsume', { lua: CONSUME_SCRIPT, numberOfKeys: 1 });
    this.redis = redis as RedisWithConsume;
    this.windowMs = options.windowSeconds * 1000;
  }

  async consume(subject: RateLimitSubject): Promise<RateLimitDecision> {
    const limit = this.options.limits[subject.scope];
    const key = `${this.options.prefix}:${subject.scope}:${subject.id}`;
    const [count, ttlMs] = await this.redis.gatewayRateLimitConsume(key, this.windowMs);
    return {
      allowed: count <= limit,
      limit,
      remaining: Math.max(0, limit - count),
      resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    };
  }
}
