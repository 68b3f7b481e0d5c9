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
  /** The scope's sustained rate: requests per window. */
  limit: number;
  /** Requests the subject may send at once, after a quiet spell. */
  burst: number;
  /** Requests the subject may send right now. */
  remaining: number;
  /** Seconds until the whole burst is available again (at least 1). */
  resetSeconds: number;
  /** Seconds until the next request is admitted (at least 1); meaningful when refused. */
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  /** Redis key prefix; tests use a unique one. */
  prefix: string;
  windowSeconds: number;
  /** How many seconds of its rate a subject may send at once (never more than a window's worth). */
  burstSeconds: number;
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

/**
 * A token bucket as GCRA: the key holds the subject's theoretical arrival time (TAT, µs on Redis's clock, shared
 * by every replica). A request is admitted when advancing the TAT by one interval keeps it within the burst of
 * now; a refused request writes nothing, so hammering does not push its own recovery further away. One key per
 * call (cluster-safe); it expires when the bucket is full again, so an idle subject holds no key.
 * Returns {admitted, µs until full, µs until the next admission}.
 */
const CONSUME_SCRIPT = `
local interval = tonumber(ARGV[1])
local capacity = interval * tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local after = tat + interval
if after - now > capacity then
  return {0, tat - now, after - now - capacity}
end
redis.call('SET', KEYS[1], string.format('%.0f', after), 'PX', math.ceil((after - now) / 1000))
return {1, after - now, 0}
`;

type RedisWithConsume = Redis & {
  gatewayRateLimitConsume(
    key: string,
    intervalMicros: number,
    burst: number,
  ): Promise<[number, number, number]>;
};

/** At most this many refused subjects are remembered per process (oldest forgotten first): a flood from many addresses. */
const REFUSED_SUBJECTS_MAX = 10_000;

interface ScopePolicy {
  limit: number;
  burst: number;
  /** µs between admissions at the sustained rate. */
  intervalMicros: number;
}

/**
 * Per-subject token bucket in Redis, shared by every gateway replica: a subject sends at most its burst at once
 * and then its rate, so its limit holds over a second as well as over the window. ioredis sends the script by SHA
 * and, with auto-pipelining, batches the calls of concurrent requests into one write.
 */
export class RedisRateLimiter {
  private readonly redis: RedisWithConsume;
  private readonly policies: Record<RateLimitScope, ScopePolicy>;
  /**
   * Subjects Redis refused, by key, with when (on this process's clock) the next request may be admitted and the
   * bucket is full. Other replicas can only push those times later, so until then a refusal needs no Redis call.
   */
  private readonly refused = new Map<string, { retryAtMs: number; fullAtMs: number }>();

  constructor(
    redis: Redis,
    private readonly options: RateLimiterOptions,
  ) {
    redis.defineCommand('gatewayRateLimitConsume', { lua: CONSUME_SCRIPT, numberOfKeys: 1 });
    this.redis = redis as RedisWithConsume;
    const policy = (limit: number): ScopePolicy => ({
      limit,
      burst: Math.min(limit, Math.max(1, Math.round((limit * options.burstSeconds) / options.windowSeconds))),
      intervalMicros: Math.max(1, Math.round((options.windowSeconds * 1_000_000) / limit)),
    });
    this.policies = {
      tenant: policy(options.limits.tenant),
      user: policy(options.limits.user),
      ip: policy(options.limits.ip),
    };
  }

  async consume(subject: RateLimitSubject): Promise<RateLimitDecision> {
    const policy = this.policies[subject.scope];
    const key = `${this.options.prefix}:${subject.scope}:${subject.id}`;
    // Taken before the call: the times remembered below end no later than Redis's own.
    const nowMs = Date.now();
    const known = this.refused.get(key);
    if (known && nowMs < known.retryAtMs)
      return decisionOf(policy, false, (known.fullAtMs - nowMs) * 1000, (known.retryAtMs - nowMs) * 1000);
    if (known) this.refused.delete(key);
    const [admitted, fullInMicros, nextInMicros] = await this.redis.gatewayRateLimitConsume(
      key,
      policy.intervalMicros,
      policy.burst,
    );
    if (admitted !== 1) {
      if (this.refused.size >= REFUSED_SUBJECTS_MAX) this.refused.delete(this.refused.keys().next().value!);
      this.refused.set(key, {
        retryAtMs: nowMs + nextInMicros / 1000,
        fullAtMs: nowMs + fullInMicros / 1000,
      });
    }
    return decisionOf(policy, admitted === 1, fullInMicros, nextInMicros);
  }
}

function decisionOf(
  { limit, burst, intervalMicros }: ScopePolicy,
  allowed: boolean,
  fullInMicros: number,
  nextInMicros: number,
): RateLimitDecision {
  const seconds = (micros: number) => Math.max(1, Math.ceil(micros / 1_000_000));
  return {
    allowed,
    limit,
    burst,
    remaining: allowed
      ? Math.max(0, Math.floor((burst * intervalMicros - fullInMicros) / intervalMicros))
      : 0,
    resetSeconds: seconds(fullInMicros),
    retryAfterSeconds: seconds(nextInMicros),
  };
}
