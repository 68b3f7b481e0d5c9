import type { Redis } from 'ioredis';
import type { TenantDataStore } from './tenant-data';

const SCAN_BATCH = 500;

/** Glob-escapes a literal for SCAN MATCH (tenant ids are ids and prefixes plain words, but a pattern must not depend on it). */
export function globLiteral(value: string): string {
  return value.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Every key matching `pattern`, in SCAN steps (each step's work on the server is bounded, nothing blocks it):
 * `visit` gets each step's keys. A key written meanwhile may or may not be visited.
 */
export async function scanKeys(
  redis: Redis,
  pattern: string,
  visit: (keys: string[]) => Promise<void>,
): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_BATCH);
    cursor = next;
    if (keys.length > 0) await visit(keys);
  } while (cursor !== '0');
}

/**
 * A service's Redis keys of a tenant: every key under `prefix` that contains the tenant id (live replay
 * streams `…:tenant:<id>`, `…:stock:<id>:<sku>`). Short-lived state: erased, not exported.
 */
export function redisTenantKeys(redis: Redis, prefix: string): TenantDataStore<unknown> {
  return {
    exportFiles: () => Promise.resolve([]),
    async erase(tenantId) {
      let deleted = 0;
      await scanKeys(redis, `${globLiteral(prefix)}*${globLiteral(tenantId)}*`, async (keys) => {
        deleted += await redis.del(...keys);
      });
      return { deleted: { 'redis-keys': deleted }, anonymized: {} };
    },
  };
}
