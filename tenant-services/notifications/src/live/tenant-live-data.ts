import { redisTenantKeys, type TenantDataStore } from '@marketplace/offboarding';
import type { Redis } from 'ioredis';
import { ADMINS_AUDIENCE } from '../feed/audience';

const PAGE = 500;

/**
 * The admins' entries about one seller in their replay stream (`seller.applied` names the seller and its store):
 * the stream is every seller's, so the seller's entries are removed from it, not the stream.
 */
function adminsLiveEntries(redis: Redis, key: string): TenantDataStore<unknown> {
  return {
    exportFiles: () => Promise.resolve([]),
    async erase(tenantId) {
      const ids: string[] = [];
      for (let from = '-'; ;) {
        const batch = await redis.xrange(key, from, '+', 'COUNT', PAGE);
        for (const [id, fields] of batch) {
          const event = JSON.parse(fields[1] ?? '{}') as { data?: { tenantId?: unknown } };
          if (event.data?.tenantId === tenantId) ids.push(id);
        }
        if (batch.length < PAGE) break;
        from = `(${batch.at(-1)![0]}`;
      }
      let deleted = 0;
      for (let start = 0; start < ids.length; start += PAGE)
        deleted += await redis.xdel(key, ...ids.slice(start, start + PAGE));
      return { deleted: { 'admins-live-entries': deleted }, anonymized: {} };
    },
  };
}

/**
 * A seller's live data in Redis: its own replay streams (`…:live:tenant:<id>`, `…:live:stock:<id>:<sku>`) and
 * its entries in the admins' stream. Short-lived state: erased, not exported.
 */
export function tenantLiveData(redis: Redis, keyPrefix: string): TenantDataStore<unknown>[] {
  return [
    redisTenantKeys(redis, `${keyPrefix}:live:`),
    adminsLiveEntries(redis, `${keyPrefix}:live:${ADMINS_AUDIENCE}`),
  ];
}
