import { cartProductSchema, type TenantStatus } from '@marketplace/contracts';
import { globLiteral, scanKeys } from '@marketplace/offboarding';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { LuaScript } from '../../redis/lua-script';
import type { CatalogProduct } from '../catalog.client';

/**
 * One product as the projection holds it. `revision` is the catalog's product revision the entry reflects; an
 * entry stored from a catalog answer (which carries no revision) has 0, so any event replaces it. `product` is
 * null once the product left the catalog (a tombstone, so an older event cannot bring it back).
 */
const entrySchema = z.object({
  tenantId: z.string(),
  revision: z.number().int().nonnegative(),
  product: cartProductSchema.nullable(),
});
export type ProjectedEntry = z.infer<typeof entrySchema>;

const tenantStatusSchema = z.object({ status: z.string(), changedAt: z.number() });

export type ApplyOutcome = 'applied' | 'stale' | 'foreign';

/**
 * KEYS: the product's entry. ARGV: tenant id, revision, entry JSON ('' = forget the entry), ttl seconds. Applies
 * the entry unless the stored one is of another tenant (a product never changes seller; a tenant's event must not
 * touch another tenant's product) or at the same or a later revision (repeats and late, older events).
 */
const APPLY_PRODUCT = new LuaScript(`
local raw = redis.call('GET', KEYS[1])
if raw then
  local current = cjson.decode(raw)
  if current.tenantId ~= ARGV[1] then
    return 'foreign'
  end
  if ARGV[3] ~= '' and current.revision >= tonumber(ARGV[2]) then
    return 'stale'
  end
end
if ARGV[3] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], ARGV[3], 'EX', tonumber(ARGV[4]))
end
return 'applied'
`);

/**
 * KEYS: the hash of tenant statuses. ARGV: tenant id, status JSON `{status, changedAt}` (ms). Of two status changes
 * the later one wins, whatever order they arrive in (the catalog's rule, `TenantStatusService.applyStatus`).
 */
const APPLY_TENANT_STATUS = new LuaScript(`
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local incoming = cjson.decode(ARGV[2])
if raw and cjson.decode(raw).changedAt > incoming.changedAt then
  return 'stale'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 'applied'
`);

/** KEYS: a product's entry. ARGV: tenant id. Deletes the entry if it is of that tenant (a product never changes seller). */
const ERASE_TENANT_ENTRY = new LuaScript(`
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).tenantId == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

export interface ProductProjectionOptions {
  /** The cart's key prefix: the projection lives beside the carts (`<prefix>:catalog:…`). */
  keyPrefix: string;
  entryTtlSeconds: number;
}

/**
 * The buyer-visible part of the catalog's products (what `CartProduct` holds) and the sellers' statuses, in the
 * cart's Redis (ADR 0064). One string key per product with an expiry, so products nobody adds or changes leave;
 * one hash for the statuses (one field per tenant, a few bytes each, never expiring: an unknown status counts as
 * active).
 */
export class ProductProjection {
  constructor(
    private readonly redis: Redis,
    private readonly options: ProductProjectionOptions,
  ) {}

  /** Stores a product entry from an event, unless it is older than the stored one (see APPLY_PRODUCT). */
  async apply(productId: string, entry: ProjectedEntry): Promise<ApplyOutcome> {
    return this.applyScript(productId, entry.tenantId, entry.revision, JSON.stringify(entry));
  }

  /** Drops a product's entry (the next read asks the catalog), unless it belongs to another tenant. */
  async forget(productId: string, tenantId: string): Promise<ApplyOutcome> {
    return this.applyScript(productId, tenantId, 0, '');
  }

  /**
   * Stores catalog answers as entries of revision 0, only where no entry exists: an event applied meanwhile is
   * kept (it is at least as recent in the product's own order), and the next event replaces the answer.
   */
  async storeAnswers(products: readonly CatalogProduct[]): Promise<void> {
    if (products.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const product of products) {
      const entry: ProjectedEntry = { tenantId: product.tenantId, revision: 0, product };
      pipeline.set(
        this.productKey(product.id),
        JSON.stringify(entry),
        'EX',
        this.options.entryTtlSeconds,
        'NX',
      );
    }
    await execOrThrow(pipeline);
  }

  /** Drops entries (each next read asks the catalog). */
  async drop(productIds: readonly string[]): Promise<void> {
    if (productIds.length === 0) return;
    await this.redis.del(...productIds.map((id) => this.productKey(id)));
  }

  /** The stored entries by product id; a product without one is absent. */
  async entries(productIds: readonly string[]): Promise<Map<string, ProjectedEntry>> {
    // One GET per key in one round trip: each command names one key, so this works on a cluster too.
    const pipeline = this.redis.pipeline();
    for (const id of productIds) pipeline.get(this.productKey(id));
    const values = await execOrThrow(pipeline);
    const entries = new Map<string, ProjectedEntry>();
    productIds.forEach((id, index) => {
      const raw = values[index];
      if (typeof raw === 'string') entries.set(id, entrySchema.parse(JSON.parse(raw)));
    });
    return entries;
  }

  async applyTenantStatus(tenantId: string, status: TenantStatus, changedAt: Date): Promise<ApplyOutcome> {
    const answer = await APPLY_TENANT_STATUS.run(
      this.redis,
      [this.tenantStatusKey()],
      [tenantId, JSON.stringify({ status, changedAt: changedAt.getTime() })],
    );
    return answer === 'applied' ? 'applied' : 'stale';
  }

  /** The statuses the projection knows, by tenant id; a tenant without one is absent. */
  async tenantStatuses(tenantIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(tenantIds)];
    if (ids.length === 0) return new Map();
    const values = await this.redis.hmget(this.tenantStatusKey(), ...ids);
    const statuses = new Map<string, string>();
    ids.forEach((id, index) => {
      const raw = values[index];
      if (raw) statuses.set(id, tenantStatusSchema.parse(JSON.parse(raw)).status);
    });
    return statuses;
  }

  /**
   * Removes what the projection holds of a deleted seller (tenant offboarding, ADR 0038): its products' entries,
   * tombstones included, and its status. Product keys do not name their tenant, so every entry is looked at;
   * offboarding is rare and SCAN works through the keys in steps without blocking the server.
   */
  async eraseTenant(tenantId: string): Promise<{ entries: number; statuses: number }> {
    let entries = 0;
    await scanKeys(this.redis, `${globLiteral(this.productKey(''))}*`, async (keys) => {
      for (const key of keys) entries += Number(await ERASE_TENANT_ENTRY.run(this.redis, [key], [tenantId]));
    });
    const statuses = await this.redis.hdel(this.tenantStatusKey(), tenantId);
    return { entries, statuses };
  }

  productKey(productId: string): string {
    return `${this.options.keyPrefix}:catalog:product:${productId}`;
  }

  tenantStatusKey(): string {
    return `${this.options.keyPrefix}:catalog:tenant-status`;
  }

  private async applyScript(
    productId: string,
    tenantId: string,
    revision: number,
    entryJson: string,
  ): Promise<ApplyOutcome> {
    const answer = await APPLY_PRODUCT.run(
      this.redis,
      [this.productKey(productId)],
      [tenantId, revision, entryJson, this.options.entryTtlSeconds],
    );
    return z.enum(['applied', 'stale', 'foreign']).parse(answer);
  }
}

async function execOrThrow(pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

/**
 * Whether buyers are offered the product, the catalog's rule (`isIndexable` and the search index's `visible`):
 * published, not removed by moderation, and its seller active — a seller whose status the projection never
 * learned counts as active, as in the catalog.
 */
export function offeredProduct(
  entry: ProjectedEntry,
  tenantStatus: string | undefined,
): CatalogProduct | null {
  const product = entry.product;
  if (!product || product.status !== 'PUBLISHED' || product.moderation === 'REMOVED') return null;
  if (tenantStatus !== undefined && tenantStatus !== 'active') return null;
  return product;
}
