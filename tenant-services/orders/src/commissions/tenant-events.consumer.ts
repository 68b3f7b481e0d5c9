import { TenantCommissionChanged, TenantRegistered } from '@marketplace/contracts';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import { recordCommission } from './commission-rates.repository';

/** Keeps tenant_commissions in step with tenants.tenant.v1 (idempotent through processed_events). */
export function tenantEventsConsumer(options: EventConsumerOptions): EventConsumer {
  return new EventConsumer(options)
    .handle(TenantRegistered, async ({ payload }, { tx }) => {
      await recordCommission(
        tx,
        payload.tenantId,
        payload.commissionBps,
        new Date(payload.registeredAt),
        false,
      );
    })
    .handle(TenantCommissionChanged, async ({ payload }, { tx }) => {
      await recordCommission(tx, payload.tenantId, payload.commissionBps, new Date(payload.changedAt), true);
    });
}
