import { Inject, Injectable } from '@nestjs/common';
import { runWithContext } from '@marketplace/tenancy';
import { CatalogDatabase } from '../database/catalog-database';
import type { TenantStatus } from '../products/product.document';

/** Products stamped at once while a status pass runs: few enough to leave room for the sellers' own writes. */
const STAMPS_AT_ONCE = 8;

/**
 * The catalog's copy of each tenant's status, fed by the tenants service's events. A tenant the catalog has
 * heard nothing about counts as active: organizations are created active by provisioning, and any later
 * pending/suspended state arrives as an event that hides its products.
 */
@Injectable()
export class TenantStatusService {
  constructor(@Inject(CatalogDatabase) private readonly database: CatalogDatabase) {}

  /**
   * The status a new product of the tenant is drawn up with (the repository stamps it again as it stores the
   * product). The tenant is recorded as having products first: a status change recorded before that is read
   * here, and one recorded after it sees the record and stamps the product.
   */
  async statusForNewProduct(tenantId: string): Promise<TenantStatus> {
    await this.database.recordTenantWithProducts(tenantId);
    return this.database.recordedTenantStatus(tenantId);
  }

  /**
   * Records the status and stamps it on every product of the tenant, if it has any, so buyer search filters on
   * the product alone. An event older than the recorded one changes nothing (redeliveries, reordering).
   */
  async applyStatus(tenantId: string, status: TenantStatus, changedAt: Date): Promise<boolean> {
    const current = await this.database.tenantStates.findOne({ _id: tenantId });
    if (current && current.changedAt > changedAt) return false;
    await this.database.tenantStates.updateOne(
      { _id: tenantId },
      { $set: { status, changedAt } },
      { upsert: true },
    );
    // The products already carry this status: each earlier change stamped the recorded one, and products written
    // before any was recorded carry 'active'. Skipping saves a pass over the whole collection for most events
    // (a new seller registered active, a status repeated).
    if ((current?.status ?? 'active') === status) return true;
    // A tenant that never created a product has none to stamp (a new seller's registration and approval).
    if (!(await this.database.tenantsWithProducts.findOne({ _id: tenantId }))) return true;
    await this.stampProducts(tenantId, status);
    return true;
  }

  /**
   * ADR 0075: stamps the status on each of the tenant's products that carries another, each through the
   * product-write queue like any write of that product, so no other write waits for the pass (on FerretDB the
   * search for them reads the whole collection, for seconds). The writes queued before the status was recorded
   * may store the old one, so the pass starts once they have landed; a product written later reads the new one.
   */
  private async stampProducts(tenantId: string, status: TenantStatus): Promise<void> {
    const { products, serializeProductWrites } = this.database;
    await serializeProductWrites.settled();
    await runWithContext({ tenantId }, async () => {
      const stale = await products.find(
        { tenantStatus: { $ne: status } },
        { projection: { _id: 1, tenantId: 1, tenantStatus: 1 } },
      );
      for (let at = 0; at < stale.length; at += STAMPS_AT_ONCE) {
        await Promise.all(
          stale
            .slice(at, at + STAMPS_AT_ONCE)
            .map(({ _id, tenantStatus }) =>
              serializeProductWrites(_id, () =>
                products.updateByIdWhere(_id, { tenantStatus }, { $set: { tenantStatus: status } }),
              ),
            ),
        );
      }
    });
  }
}
