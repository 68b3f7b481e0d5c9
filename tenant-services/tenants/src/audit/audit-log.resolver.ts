import { Roles } from '@marketplace/auth';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { AuditLogFilter } from './audit-log.inputs';
import { AuditRecordConnection, toAuditRecord } from './audit-log.model';
import { AuditLogService } from './audit-log.service';

@Roles('platform-admin')
@Resolver()
export class AuditLogResolver {
  constructor(private readonly records: AuditLogService) {}

  @Query(() => AuditRecordConnection, {
    description: 'Platform admin: the audit trail of every service, newest first.',
  })
  async auditLog(
    @Args('filter', { type: () => AuditLogFilter, nullable: true }) filter: AuditLogFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AuditRecordConnection> {
    const page = await this.records.page(filter, first, after);
    return { nodes: page.nodes.map(toAuditRecord), pageInfo: page.pageInfo };
  }

  @Query(() => String, {
    description:
      'Platform admin: the filtered audit trail as CSV (RFC 4180, newest first, at most 10,000 rows).',
  })
  auditLogCsv(
    @Args('filter', { type: () => AuditLogFilter, nullable: true }) filter: AuditLogFilter | null,
  ): Promise<string> {
    return this.records.csv(filter);
  }
}
