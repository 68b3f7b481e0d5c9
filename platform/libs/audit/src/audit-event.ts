import { defineEvent, enqueue, type MySqlDb, type OutgoingEvent } from '@marketplace/events';
import { currentContext } from '@marketplace/tenancy';
import { z } from 'zod';

/**
 * One topic for every admin action and cross-tenant admin read, whichever service performs it. The envelope's
 * tenantId is null (it is a platform record); the tenant acted on is in the payload. One owner (the tenants
 * service) collects it into its append-only audit_log table (ADR 0020).
 */
export const AUDIT_TOPIC = 'platform.audit.v1';

const snapshot = z.record(z.string(), z.unknown()).nullable();

export const auditEntrySchema = z.object({
  /** Keycloak user id of the admin; null only when the platform itself acted. */
  actorId: z.string().min(1).max(36).nullable(),
  /** The service that performed the action. */
  service: z.string().min(1).max(40),
  /** Dotted verb, e.g. `tenant.suspend`, `product.moderate`, `orders.read`. */
  action: z.string().min(1).max(80),
  /** The tenant acted on or read; null for platform-wide things (categories, the search index). */
  tenantId: z.string().min(1).max(36).nullable(),
  targetType: z.string().min(1).max(40),
  targetId: z.string().min(1).max(191).nullable(),
  before: snapshot,
  after: snapshot,
  reason: z.string().max(1000).nullable(),
  /** True for reads across tenants (no state changed). */
  read: z.boolean(),
});

export type AuditEntry = z.output<typeof auditEntrySchema>;

export const AuditRecorded = defineEvent({
  topic: AUDIT_TOPIC,
  type: 'audit.recorded',
  version: 1,
  payload: auditEntrySchema,
});

export type AuditInput = Omit<AuditEntry, 'actorId' | 'before' | 'after' | 'reason' | 'read' | 'targetId'> & {
  /** Defaults to the signed-in user of the request. */
  actorId?: string | null;
  targetId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  read?: boolean;
};

/** The outbox event of one audited action (for services with a document outbox, which stage it themselves). */
export function auditEvent(input: AuditInput): OutgoingEvent {
  return AuditRecorded.create(
    {
      actorId: input.actorId !== undefined ? input.actorId : (currentContext()?.userId ?? null),
      service: input.service,
      action: input.action,
      tenantId: input.tenantId,
      targetType: input.targetType,
      targetId: input.targetId ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      reason: input.reason ?? null,
      read: input.read ?? false,
    },
    { tenantId: null },
  );
}

/**
 * Records an audited action in a MySQL service's outbox. Call it with the transaction that makes the change, so
 * the record exists exactly when the change commits. Keyed by the tenant so one tenant's records stay in order.
 */
export async function recordAudit(tx: MySqlDb, input: AuditInput): Promise<void> {
  await enqueue(tx, auditEvent(input), { key: input.tenantId ?? 'platform' });
}

/** Records an admin's cross-tenant read: nothing changes with it, so it is a small transaction of its own. */
export async function recordAuditedRead(db: MySqlDb, input: Omit<AuditInput, 'read'>): Promise<void> {
  await db.transaction((tx: MySqlDb) => recordAudit(tx, { ...input, read: true }));
}
