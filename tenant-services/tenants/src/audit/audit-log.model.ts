import { ConnectionType } from '@marketplace/service-kit';
import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { AuditLogRow } from './audit-log.schema';

@ObjectType({
  description: 'One admin action or cross-tenant admin read, as the service that performed it recorded it.',
})
export class AuditRecord {
  @Field(() => ID) id!: string;
  @Field(() => GraphQLISODateTime) occurredAt!: Date;
  @Field(() => String, { nullable: true, description: 'Keycloak user id of the admin.' }) actorId!:
    string | null;
  @Field() service!: string;
  @Field() action!: string;
  @Field(() => String, { nullable: true }) tenantId!: string | null;
  @Field() targetType!: string;
  @Field(() => String, { nullable: true }) targetId!: string | null;
  @Field(() => String, { nullable: true, description: 'State before, as JSON.' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'State after, as JSON.' }) after!: string | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field({ description: 'A read across tenants (nothing changed).' }) read!: boolean;
}

@ObjectType()
export class AuditRecordConnection extends ConnectionType(AuditRecord) {}

/** MariaDB hands JSON columns back as text, MySQL as parsed values: answer JSON text either way. */
const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

export function toAuditRecord(row: AuditLogRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    service: row.service,
    action: row.action,
    tenantId: row.tenantId,
    targetType: row.targetType,
    targetId: row.targetId,
    before: json(row.before),
    after: json(row.after),
    reason: row.reason,
    read: row.read,
  };
}
