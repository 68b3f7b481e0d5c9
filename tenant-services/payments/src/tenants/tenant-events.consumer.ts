import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import { onTenantStatusEvents } from '@marketplace/service-kit';
import { recordTenantStatus } from './tenant-statuses.repository';

/**
 * Keeps tenant_statuses in step with tenants.tenant.v1 (idempotent through processed_events). Transfers held
 * for a tenant that becomes active are released by the payments sweeper.
 */
export function tenantEventsConsumer(options: EventConsumerOptions): EventConsumer {
  return onTenantStatusEvents(new EventConsumer(options), ({ tenantId, status, changedAt }, { tx }) =>
    recordTenantStatus(tx, tenantId, status, changedAt),
  );
}
