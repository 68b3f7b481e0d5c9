import { and, count, eq, type SQL } from 'drizzle-orm';
import type { AnyMySqlColumn, MySqlDatabase, MySqlTable } from 'drizzle-orm/mysql-core';
import type { MySql2PreparedQueryHKT, MySql2QueryResultHKT } from 'drizzle-orm/mysql2';
import { TenantMismatchError } from '../errors';
import { requireTenantId } from '../request-context';

/** A drizzle MySQL table with the shared `tenantId` column (see `tenantIdColumn`). */
export type TenantScopedTable = MySqlTable & { tenantId: AnyMySqlColumn<{ data: string }> };

/** A drizzle mysql2 database or transaction; repositories work inside `db.transaction(tx => ...)` too. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MySqlDb = MySqlDatabase<MySql2QueryResultHKT, MySql2PreparedQueryHKT, any, any>;

export type Row<T extends TenantScopedTable> = T['$inferSelect'];
/** Insert values; `tenantId` is taken from the request context and may only be repeated, never changed. */
export type NewRow<T extends TenantScopedTable> = Omit<T['$inferInsert'], 'tenantId'> & { tenantId?: string };
/** Update values; `tenantId` may not be changed. */
export type RowChanges<T extends TenantScopedTable> = Partial<NewRow<T>>;

export interface FindManyOptions {
  orderBy?: SQL | AnyMySqlColumn | (SQL | AnyMySqlColumn)[];
  limit?: number;
  offset?: number;
}

export interface TenantRepository<T extends TenantScopedTable> {
  findMany(where?: SQL, options?: FindManyOptions): Promise<Row<T>[]>;
  findOne(where: SQL): Promise<Row<T> | undefined>;
  /** Returns the values written (with `tenantId`), without server-side defaults. */
  insert(values: NewRow<T> | NewRow<T>[]): Promise<T['$inferInsert'][]>;
  /** Returns the number of rows changed. */
  update(where: SQL, values: RowChanges<T>): Promise<number>;
  /** Returns the number of rows deleted. */
  delete(where: SQL): Promise<number>;
  count(where?: SQL): Promise<number>;
}

/** Every statement gets `tenant_id = <context tenant>` ANDed in; the tenant is read per call, not cached. */
export function tenantRepository<T extends TenantScopedTable>(db: MySqlDb, table: T): TenantRepository<T> {
  const scoped = (where?: SQL): SQL => and(eq(table.tenantId, requireTenantId()), where) as SQL;
  return {
    async findMany(where, options = {}) {
      return selectRows(db, table, scoped(where), options) as Promise<Row<T>[]>;
    },
    async findOne(where) {
      const rows = await selectRows(db, table, scoped(where), { limit: 1 });
      return rows[0] as Row<T> | undefined;
    },
    async insert(values) {
      const tenantId = requireTenantId();
      const rows = (Array.isArray(values) ? values : [values]).map((row) => ({
        ...row,
        tenantId: assertSameTenant(row.tenantId, tenantId),
      })) as T['$inferInsert'][];
      if (rows.length === 0) return [];
      await db.insert(table).values(rows);
      return rows;
    },
    async update(where, values) {
      const tenantId = requireTenantId();
      const { tenantId: requested, ...changes } = values as { tenantId?: string } & Record<string, unknown>;
      assertSameTenant(requested, tenantId);
      if (Object.keys(changes).length === 0) return 0;
      const [result] = await db
        .update(table)
        .set(changes as never)
        .where(scoped(where));
      return result.affectedRows;
    },
    async delete(where) {
      const [result] = await db.delete(table).where(scoped(where));
      return result.affectedRows;
    },
    async count(where) {
      return countRows(db, table, scoped(where));
    },
  };
}

function assertSameTenant(requested: string | undefined, tenantId: string): string {
  if (requested !== undefined && requested !== tenantId) {
    throw new TenantMismatchError(
      'tenantId differs from the tenant of the request context and cannot be set or changed',
    );
  }
  return tenantId;
}

export async function selectRows(
  db: MySqlDb,
  table: MySqlTable,
  where: SQL | undefined,
  options: FindManyOptions,
) {
  const query = db.select().from(table).where(where).$dynamic();
  if (options.orderBy !== undefined) {
    query.orderBy(...(Array.isArray(options.orderBy) ? options.orderBy : [options.orderBy]));
  }
  if (options.limit !== undefined) query.limit(options.limit);
  if (options.offset !== undefined) query.offset(options.offset);
  return query;
}

export async function countRows(db: MySqlDb, table: MySqlTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ value: count() }).from(table).where(where);
  return row?.value ?? 0;
}
