import { AuditRecorded } from '@marketplace/audit';
import { EventConsumer, type EventConsumerOptions } from '@marketplace/events';
import { recordAuditEntry } from './audit-log.repository';

/** Collects every service's audit.recorded events into audit_log (idempotent: processed_events + event id key). */
export function auditLogConsumer(options: EventConsumerOptions): EventConsumer {
  return new EventConsumer(options).handle(AuditRecorded, async (event, { tx }) => {
    const { payload } = event;
    await recordAuditEntry(tx, {
      id: event.id,
      occurredAt: new Date(event.occurredAt),
      actorId: payload.actorId,
      service: payload.service,
      action: payload.action,
      tenantId: payload.tenantId,
      targetType: payload.targetType,
      targetId: payload.targetId,
      before: payload.before,
      after: payload.after,
      reason: payload.reason,
      read: payload.read,
      traceId: event.traceId,
    });
  });
}
