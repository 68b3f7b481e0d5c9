import type { Redis } from 'ioredis';
import type { TenantDataStore } from './tenant-data';

const SCAN_BATCH = 500;

/** Glob-escapes a literal for SCAN MATCH (tenant ids are ids, but the pattern must not depend on it). */
function literal(value: string): string {
  return value.replace(/[*?[\]\\]/g, '\\$&');
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
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(
          cursor,
          'MATCH',
          `${literal(prefix)}*${literal(tenantId)}*`,
          'COUNT',
          SCAN_BATCH,
        );
        cursor = next;
        if (keys.length > 0) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      return { deleted: { 'redis-keys': deleted }, anonymized: {} };
    },
  };
}
