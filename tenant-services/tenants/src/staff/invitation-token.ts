import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '@marketplace/observability';

/**
 * An accept token is `<tenantId>.<32 random bytes, base64url>`. The tenant part lets acceptance look the
 * invitation up inside that tenant's scope; the random part makes it unguessable. Only the hash is stored.
 */
export function newInvitationToken(tenantId: string): string {
  return `${tenantId}.${randomBytes(32).toString('base64url')}`;
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const tokenSchema = z
  .string()
  .max(200)
  .regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/, 'token: not an invitation token');

export function tenantOfInvitationToken(token: string): string {
  const parsed = tokenSchema.safeParse(token);
  const tenantId = parsed.success ? z.uuid().safeParse(parsed.data.split('.')[0]) : undefined;
  if (!tenantId?.success) throw new ValidationError('token: not an invitation token');
  return tenantId.data;
}
