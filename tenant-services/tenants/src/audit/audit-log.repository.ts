import { Injectable } from '@nestjs/common';
import type { MySqlDb as EventsDb } from '@marketplace/events';
import { MySqlDatabase } from '@marketplace/service-kit';
import { and, desc, type SQL } from 'drizzle-orm';
import { auditLog, type AuditLogRow } from './audit-log.schema';

/**
 * The platform's audit trail. Its rows span every tenant and none (platform actions have no tenant), and only
 * platform admins read them, so no tenant scope applies.
 */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly database: MySqlDatabase) {}

  /** Records matching every condition, newest first. */
  newestFirst(conditions: SQL[], limit: number): Promise<AuditLogRow[]> {
    return this.database.db
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.occurredAt), desc(auditLog.id))
      .limit(limit);
  }
}

/** Stores one audit record in the consumer's transaction; a redelivered event (same id) is stored once. */
export async function recordAuditEntry(tx: EventsDb, entry: typeof auditLog.$inferInsert): Promise<void> {
  await tx.insert(auditLog).ignore().values(entry);
}
