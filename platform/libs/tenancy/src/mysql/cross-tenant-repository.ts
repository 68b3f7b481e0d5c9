import { and, eq, type SQL } from 'drizzle-orm';
import { requireAcrossTenants } from '../scope';
import { TenantScopeViolationError } from '../errors';
import {
  countRows,
  selectRows,
  type FindManyOptions,
  type MySqlDb,
  type Row,
  type TenantScopedTable,
} from './tenant-repository';

/**
 * Platform-admin access across tenants. Every call must run inside a named `acrossTenants` operation;
 * `tenantId` narrows to one tenant when given. There is deliberately no insert: rows are created by a tenant.
 */
export interface CrossTenantRepository<T extends TenantScopedTable> {
  findMany(where?: SQL, options?: FindManyOptions & { tenantId?: string }): Promise<Row<T>[]>;
  count(where?: SQL, options?: { tenantId?: string }): Promise<number>;
  update(
    where: SQL,
    values: Partial<Omit<T['$inferInsert'], 'tenantId'>>,
    options?: { tenantId?: string },
  ): Promise<number>;
  delete(where: SQL, options?: { tenantId?: string }): Promise<number>;
}

export function crossTenantRepository<T extends TenantScopedTable>(
  db: MySqlDb,
  table: T,
): CrossTenantRepository<T> {
  const narrowed = (where: SQL | undefined, tenantId: string | undefined): SQL | undefined =>
    tenantId === undefined ? where : and(eq(table.tenantId, tenantId), where);
  return {
    async findMany(where, options = {}) {
      requireAcrossTenants();
      return selectRows(db, table, narrowed(where, options.tenantId), options) as Promise<Row<T>[]>;
    },
    async count(where, options = {}) {
      requireAcrossTenants();
      return countRows(db, table, narrowed(where, options.tenantId));
    },
    async update(where, values, options = {}) {
      requireAcrossTenants();
      const { tenantId: moveTo, ...changes } = values as { tenantId?: string } & Record<string, unknown>;
      if (moveTo !== undefined)
        throw new TenantScopeViolationError('A cross-tenant update cannot move a row to another tenant');
      const [result] = await db
        .update(table)
        .set(changes as never)
        .where(narrowed(where, options.tenantId));
      return result.affectedRows;
    },
    async delete(where, options = {}) {
      requireAcrossTenants();
      const [result] = await db.delete(table).where(narrowed(where, options.tenantId));
      return result.affectedRows;
    },
  };
}
