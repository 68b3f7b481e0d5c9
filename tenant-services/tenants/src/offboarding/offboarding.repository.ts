import { tenantRepository, type MySqlDb } from '@marketplace/tenancy';
import { desc, eq } from 'drizzle-orm';
import { tenantDeletions, tenantExports } from './offboarding.schema';

/** Exports of the current context's tenant. */
export function exportRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, tenantExports);
  return {
    ...scoped,
    byId: (id: string) => scoped.findOne(eq(tenantExports.id, id)),
    latest: (limit: number) =>
      scoped.findMany(undefined, {
        orderBy: [desc(tenantExports.requestedAt), desc(tenantExports.id)],
        limit,
      }),
  };
}

/** Deletion requests of the current context's tenant. */
export function deletionRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, tenantDeletions);
  return {
    ...scoped,
    byId: (id: string) => scoped.findOne(eq(tenantDeletions.id, id)),
    async latest() {
      const [row] = await scoped.findMany(undefined, {
        orderBy: [desc(tenantDeletions.requestedAt), desc(tenantDeletions.id)],
        limit: 1,
      });
      return row;
    },
  };
}
