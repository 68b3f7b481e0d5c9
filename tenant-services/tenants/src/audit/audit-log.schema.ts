import { boolean, datetime, index, json, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';

/**
 * The platform's audit trail (ADR 0020): one row per audit.recorded event of any service, keyed by the event id
 * so a redelivered event is stored once. Rows are only ever inserted: no code path updates or deletes them.
 */
export const auditLog = mysqlTable(
  'audit_log',
  {
    id: varchar('id', { length: 26 }).primaryKey(),
    occurredAt: datetime('occurred_at', { mode: 'date', fsp: 3 }).notNull(),
    actorId: varchar('actor_id', { length: 36 }),
    service: varchar('service', { length: 40 }).notNull(),
    action: varchar('action', { length: 80 }).notNull(),
    tenantId: varchar('tenant_id', { length: 36 }),
    targetType: varchar('target_type', { length: 40 }).notNull(),
    targetId: varchar('target_id', { length: 191 }),
    before: json('before'),
    after: json('after'),
    reason: text('reason'),
    read: boolean('is_read').notNull(),
    traceId: varchar('trace_id', { length: 128 }).notNull(),
  },
  (t) => [
    index('idx_audit_occurred').on(t.occurredAt, t.id),
    index('idx_audit_tenant').on(t.tenantId, t.occurredAt, t.id),
    index('idx_audit_actor').on(t.actorId, t.occurredAt, t.id),
    index('idx_audit_action').on(t.action, t.occurredAt, t.id),
  ],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
