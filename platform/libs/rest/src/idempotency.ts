import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * `Idempotency-Key` with Stripe's semantics, stored per tenant in Redis: the first request with a key runs and its
 * answer is kept (24 h by default); a retry with the same key and the same request gets that answer again without
 * running; the same key with another request is refused (422); a retry while the first still runs is refused
 * (409) rather than run twice.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface Entry {
  fingerprint: string;
  /** Absent while the first request still runs; the body in base64. */
  answer?: Omit<StoredAnswer, 'body'> & { body: string };
  /** Identifies the request holding the key while it runs. */
  token: string;
}

export type IdempotencyClaim =
  | { kind: 'claimed'; release(answer: StoredAnswer | undefined): Promise<void> }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in-flight' };

export interface IdempotencyStoreOptions {
  /** Redis key prefix; tests use a unique one. */
  prefix: string;
  /** How long an answer is replayed. */
  ttlSeconds: number;
  /** Longest a request may hold its key; past it a retry runs again (the first one timed out). */
  lockSeconds: number;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * What makes two requests "the same": method, path with query and body. JSON bodies compare by content (key
 * order and spacing do not matter), others byte for byte.
 */
export function requestFingerprint(method: string, url: string, body: Buffer | undefined): string {
  let content = body ?? Buffer.alloc(0);
  if (content.length > 0) {
    try {
      content = Buffer.from(canonicalJson(JSON.parse(content.toString('utf8'))));
    } catch {
      // Not JSON: compared as sent.
    }
  }
  return createHash('sha256').update(`${method.toUpperCase()} ${url}\n`).update(content).digest('base64url');
}

// Deletes the entry only while the same request still holds it.
const RELEASE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).token == ARGV[1] then
  if ARGV[2] == '' then return redis.call('DEL', KEYS[1]) end
  return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 0
`;

type RedisWithRelease = Redis & {
  idempotencyRelease(key: string, token: string, entry: string, ttlMs: number): Promise<unknown>;
};

export class IdempotencyStore {
  private readonly redis: RedisWithRelease;

  constructor(
    redis: Redis,
    private readonly options: IdempotencyStoreOptions,
  ) {
    redis.defineCommand('idempotencyRelease', { lua: RELEASE_SCRIPT, numberOfKeys: 1 });
    this.redis = redis as RedisWithRelease;
  }

  /** Claims `key` of `scope` (the tenant) for a request, or tells what to answer instead. */
  async claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const redisKey = `${this.options.prefix}:${scope}:${key}`;
    const token = `${Date.now()}:${Math.random().toString(36).slice(2)}`;
    const pending: Entry = { fingerprint, token };
    const set = await this.redis.set(
      redisKey,
      JSON.stringify(pending),
      'PX',
      this.options.lockSeconds * 1000,
      'NX',
    );
    if (set === 'OK') {
      return {
        kind: 'claimed',
        release: async (answer) => {
          const entry = answer
            ? JSON.stringify({
                fingerprint,
                token,
                answer: { ...answer, body: answer.body.toString('base64') },
              } satisfies Entry)
            : '';
          await this.redis.idempotencyRelease(redisKey, token, entry, this.options.ttlSeconds * 1000);
        },
      };
    }
    const raw = await this.redis.get(redisKey);
    // Expired between the two calls: the caller retries and gets a fresh claim.
    if (raw === null) return { kind: 'in-flight' };
    const existing = JSON.parse(raw) as Entry;
    if (existing.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (!existing.answer) return { kind: 'in-flight' };
    return {
      kind: 'replay',
      answer: { ...existing.answer, body: Buffer.from(existing.answer.body, 'base64') },
    };
  }
}
