import { Field, InputType } from '@nestjs/graphql';
import { z } from 'zod';

@InputType({ description: 'Narrows the audit log; every field is optional and they combine with AND.' })
export class AuditLogFilter {
  @Field({ nullable: true, description: 'Records about this tenant.' }) tenantId?: string;
  @Field({ nullable: true, description: 'Records of this admin (Keycloak user id).' }) actorId?: string;
  @Field({
    nullable: true,
    description: 'Exact action, e.g. tenant.suspend; or a prefix ending in a dot: tenant.',
  })
  action?: string;
  @Field({ nullable: true, description: 'From this instant (inclusive).' }) from?: Date;
  @Field({ nullable: true, description: 'Before this instant.' }) to?: Date;
  @Field({ nullable: true, description: 'Leave out cross-tenant reads (only changes).' })
  changesOnly?: boolean;
}

export const auditFilterSchema = z
  .object({
    tenantId: z.string().trim().min(1).max(36).optional(),
    actorId: z.string().trim().min(1).max(36).optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9.-]{0,79}$/, 'action: lowercase words separated by dots')
      .optional(),
    from: z.date().optional(),
    to: z.date().optional(),
    changesOnly: z.boolean().optional(),
  })
  .refine((f) => !f.from || !f.to || f.from < f.to, { message: 'from must be before to', path: ['from'] });

export type AuditFilterInput = z.output<typeof auditFilterSchema>;

export const auditPageSchema = z.object({
  first: z.number().int().min(1).max(200).default(50),
  after: z.string().min(1).max(500).optional(),
});

/** The most rows one CSV export holds; a bigger period is exported in parts (narrow from/to). */
export const CSV_EXPORT_LIMIT = 10_000;
