import { Injectable } from '@nestjs/common';
import { toCsv } from '@marketplace/audit';
import { type Connection, createdAtCursor, pageOf } from '@marketplace/service-kit';
import { and, eq, gte, like, lt, or, type SQL } from 'drizzle-orm';
import {
  auditFilterSchema,
  auditPageSchema,
  CSV_EXPORT_LIMIT,
  type AuditFilterInput,
  type AuditLogFilter,
} from './audit-log.inputs';
import { AuditLogRepository } from './audit-log.repository';
import { auditLog, type AuditLogRow } from './audit-log.schema';

const CSV_COLUMNS = [
  { header: 'id', value: (row: AuditLogRow) => row.id },
  { header: 'occurred_at', value: (row: AuditLogRow) => row.occurredAt },
  { header: 'actor_id', value: (row: AuditLogRow) => row.actorId },
  { header: 'service', value: (row: AuditLogRow) => row.service },
  { header: 'action', value: (row: AuditLogRow) => row.action },
  { header: 'tenant_id', value: (row: AuditLogRow) => row.tenantId },
  { header: 'target_type', value: (row: AuditLogRow) => row.targetType },
  { header: 'target_id', value: (row: AuditLogRow) => row.targetId },
  { header: 'before', value: (row: AuditLogRow) => row.before },
  { header: 'after', value: (row: AuditLogRow) => row.after },
  { header: 'reason', value: (row: AuditLogRow) => row.reason },
  { header: 'read', value: (row: AuditLogRow) => row.read },
] as const;

/** GraphQL hands absent optional fields as null; the schema knows them as absent. */
function parseFilter(filter: AuditLogFilter | null): AuditFilterInput {
  const given = Object.entries(filter ?? {}).filter(([, value]) => value !== null && value !== undefined);
  return auditFilterSchema.parse(Object.fromEntries(given));
}

/** Platform admins' view of the audit trail: newest first, filtered, cursor-paginated, exportable. */
@Injectable()
export class AuditLogService {
  constructor(private readonly records: AuditLogRepository) {}

  async page(
    filter: AuditLogFilter | null,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<AuditLogRow>> {
    const page = auditPageSchema.parse({ first: first ?? undefined, after: after ?? undefined });
    const conditions = this.conditions(parseFilter(filter));
    if (page.after) {
      const position = createdAtCursor.decode(page.after);
      conditions.push(
        or(
          lt(auditLog.occurredAt, position.createdAt),
          and(eq(auditLog.occurredAt, position.createdAt), lt(auditLog.id, position.id)),
        ) as SQL,
      );
    }
    const rows = await this.records.newestFirst(conditions, page.first + 1);
    return pageOf(rows, page.first, (row) =>
      createdAtCursor.encode({ createdAt: row.occurredAt, id: row.id }),
    );
  }

  /** The filtered records as CSV, newest first, at most CSV_EXPORT_LIMIT of them. */
  async csv(filter: AuditLogFilter | null): Promise<string> {
    const rows = await this.records.newestFirst(this.conditions(parseFilter(filter)), CSV_EXPORT_LIMIT);
    return toCsv(CSV_COLUMNS, rows);
  }

  private conditions(filter: AuditFilterInput): SQL[] {
    const conditions: SQL[] = [];
    if (filter.tenantId) conditions.push(eq(auditLog.tenantId, filter.tenantId));
    if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
    if (filter.action)
      conditions.push(
        filter.action.endsWith('.')
          ? like(auditLog.action, `${filter.action}%`)
          : eq(auditLog.action, filter.action),
      );
    if (filter.from) conditions.push(gte(auditLog.occurredAt, filter.from));
    if (filter.to) conditions.push(lt(auditLog.occurredAt, filter.to));
    if (filter.changesOnly) conditions.push(eq(auditLog.read, false));
    return conditions;
  }
}
