import { Inject, Injectable } from '@nestjs/common';
import { runWithContext } from '@marketplace/tenancy';
import { CatalogDatabase } from '../database/catalog-database';
import type { TenantStatus } from '../products/product.document';

/**
 * The catalog's copy of each tenant's status, fed by the tenants service's events. A tenant the catalog has
 * heard nothing about counts as active: organizations are created active by provisioning, and any later
 * pending/suspended state arrives as an event that hides its products.
 */
@Injectable()
export class TenantStatusService {
  constructor(@Inject(CatalogDatabase) private readonly database: CatalogDatabase) {}

  /**
   * The status a new product of the tenant carries. The tenant is recorded as having products first: a status
   * change recorded before that is read here, and one recorded after it sees the record and stamps the product.
   */
  async statusForNewProduct(tenantId: string): Promise<TenantStatus> {
    await this.database.recordTenantWithProducts(tenantId);
    return (await this.database.tenantStates.findOne({ _id: tenantId }))?.status ?? 'active';
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
    // before any was recorded carry 'active'. Skipping saves a whole-collection pass and the product-write lock
    // for most events (a new seller registered active, a status repeated).
    if ((current?.status ?? 'active') === status) return true;
    // A tenant that never created a product has none to stamp (a new seller's registration and approval). The
    // pass would still read the whole collection on FerretDB under the product-write lock, holding back every
    // product write, the seller's first one included, for seconds.
    if (!(await this.database.tenantsWithProducts.findOne({ _id: tenantId }))) return true;
    await runWithContext({ tenantId }, () =>
      // Every product of the tenant at once: no other product write may overlap it (ADR 0054).
      this.database.serializeProductWrites.exclusive(() =>
        this.database.products.updateMany(
          { tenantStatus: { $ne: status } },
          { $set: { tenantStatus: status } },
        ),
      ),
    );
    return true;
  }
}
