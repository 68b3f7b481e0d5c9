import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import { onTenantStatusEvents } from '@marketplace/service-kit';
import type { BuyerSearchEngine } from '../search/search-engine';
import type { TenantStatusService } from '../tenants/tenant-status.service';

/**
 * Keeps the catalog's tenant status in step with the tenants service: a suspended tenant's products leave
 * buyer search at once and come back on reactivation. Idempotency (processed_events in MongoDB) and
 * dead-lettering come from the events library's consumer; applying a status is idempotent too, since
 * without transactions a crash after it but before the record re-runs it. This replica's search engine
 * learns the status at once (the other replicas' from their search followers).
 */
export function tenantEventsConsumer(
  options: EventConsumerOptions<undefined>,
  tenants: TenantStatusService,
  searchEngine: BuyerSearchEngine,
): EventConsumer<undefined> {
  return onTenantStatusEvents(
    new EventConsumer<undefined>(options),
    async ({ tenantId, status, changedAt }) => {
      await tenants.applyStatus(tenantId, status, changedAt);
      await searchEngine.setTenantStatus(tenantId, status, changedAt);
    },
  );
}
