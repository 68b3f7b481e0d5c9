import { tenantRepository, type MySqlDb } from '@marketplace/tenancy';
import { desc } from 'drizzle-orm';
import { staffInvitations } from './invitation.schema';

/** Invitations of the current request context's tenant. */
export function invitationRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, staffInvitations);
  return {
    ...scoped,
    list(limit: number) {
      return scoped.findMany(undefined, {
        orderBy: [desc(staffInvitations.createdAt), desc(staffInvitations.id)],
        limit,
      });
    },
  };
}
