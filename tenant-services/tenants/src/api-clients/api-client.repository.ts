import { tenantRepository, type MySqlDb } from '@marketplace/tenancy';
import { desc } from 'drizzle-orm';
import { apiClients } from './api-client.schema';

/** API clients of the current request context's tenant. */
export function apiClientRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, apiClients);
  return {
    ...scoped,
    list(limit: number) {
      return scoped.findMany(undefined, {
        orderBy: [desc(apiClients.createdAt), desc(apiClients.id)],
        limit,
      });
    },
  };
}
