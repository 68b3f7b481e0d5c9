import type { CatalogDatabase } from '../../database/catalog-database';
import type { TenantStatus } from '../../products/product.document';

/**
 * Which tenants' products buyers may see, for the OpenSearch engine (ADR 0041): the catalog's tenant states
 * (one small entry per tenant, loaded at start) kept current by the tenant events. Searches exclude the
 * tenants that are not active, so a suspension hides a seller's products at once without rewriting them,
 * and a reactivation shows them again.
 */
export class TenantVisibility {
  private readonly statuses = new Map<string, { status: TenantStatus; changedAt: number }>();
  private hiddenTenants: string[] | undefined;

  async load(database: CatalogDatabase): Promise<void> {
    for (const state of await database.tenantStates.find({}).toArray()) {
      this.set(state._id, state.status, state.changedAt);
    }
  }

  /** Records a status unless a later change is known (events may be redelivered or reordered). */
  set(tenantId: string, status: TenantStatus, changedAt: Date): void {
    const known = this.statuses.get(tenantId);
    if (known && known.changedAt > changedAt.getTime()) return;
    this.statuses.set(tenantId, { status, changedAt: changedAt.getTime() });
    this.hiddenTenants = undefined;
  }

  isHidden(tenantId: string): boolean {
    const status = this.statuses.get(tenantId)?.status ?? 'active';
    return status !== 'active';
  }

  /** Tenants whose products buyers must not see, sorted (a stable query for the engine's caches). */
  hidden(): string[] {
    this.hiddenTenants ??= [...this.statuses]
      .filter(([, { status }]) => status !== 'active')
      .map(([tenantId]) => tenantId)
      .sort();
    return this.hiddenTenants;
  }
}
