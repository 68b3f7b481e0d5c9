export {
  AUDIT_TOPIC,
  AuditRecorded,
  auditEntrySchema,
  auditEvent,
  recordAudit,
  recordAuditedRead,
} from './audit-event';
export type { AuditEntry, AuditInput } from './audit-event';
export { optionalReason, requiredReason } from './reason';
export { csvField, toCsv } from './csv';
