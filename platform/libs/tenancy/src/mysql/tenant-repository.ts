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
  /** Lock the rows read until the transaction ends (`FOR UPDATE`); only meaningful inside one. */
  forUpdate?: boolean;
}

/** Rows of one owner (a tenant or a buyer): `N` is what may be inserted, without the owner column. */
export interface OwnerScopedRepository<T extends MySqlTable, N> {
  findMany(where?: SQL, options?: FindManyOptions): Promise<T['$inferSelect'][]>;
  findOne(where: SQL): Promise<T['$inferSelect'] | undefined>;
  /** Returns the values written (with the owner), without server-side defaults. */
  insert(values: N | N[]): Promise<T['$inferInsert'][]>;
  /** Returns the number of rows changed. */
  update(where: SQL, values: Partial<N>): Promise<number>;
  /** Returns the number of rows deleted. */
  delete(where: SQL): Promise<number>;
  count(where?: SQL): Promise<number>;
}

export type TenantRepository<T extends TenantScopedTable> = OwnerScopedRepository<T, NewRow<T>>;

/** Every statement gets `tenant_id = <context tenant>` ANDed in; the tenant is read per call, not cached. */
export function tenantRepository<T extends TenantScopedTable>(db: MySqlDb, table: T): TenantRepository<T> {
  return ownerScopedRepository(db, table, {
    column: 'tenantId',
    current: requireTenantId,
    mismatch: () =>
      new TenantMismatchError(
        'tenantId differs from the tenant of the request context and cannot be set or changed',
      ),
  }) as TenantRepository<T>;
}

/** Which column names the owner of a row and how the owner of the current unit of work is found. */
export interface OwnerScope<K extends string> {
  column: K;
  current: () => string;
  mismatch: () => Error;
}

type OwnedTable<K extends string> = MySqlTable & Record<K, AnyMySqlColumn<{ data: string }>>;

/**
 * The one scoping choke point for MySQL, shared by tenant- and buyer-owned tables: every statement gets
 * `<owner column> = <owner of the context>` ANDed in, inserts get the owner, and no write may change it.
 */
export function ownerScopedRepository<K extends string, T extends OwnedTable<K>>(
  db: MySqlDb,
  table: T,
  owner: OwnerScope<K>,
) {
  const ownerColumn = table[owner.column] as AnyMySqlColumn;
  const scoped = (where?: SQL): SQL => and(eq(ownerColumn, owner.current()), where) as SQL;
  const sameOwner = (requested: unknown, current: string): string => {
    if (requested !== undefined && requested !== current) throw owner.mismatch();
    return current;
  };
  return {
    async findMany(where?: SQL, options: FindManyOptions = {}): Promise<T['$inferSelect'][]> {
      return selectRows(db, table, scoped(where), options);
    },
    async findOne(where: SQL): Promise<T['$inferSelect'] | undefined> {
      const rows = await selectRows(db, table, scoped(where), { limit: 1 });
      return rows[0];
    },
    async insert(values: object | object[]): Promise<T['$inferInsert'][]> {
      const current = owner.current();
      const rows = (Array.isArray(values) ? values : [values]).map((row) => ({
        ...row,
        [owner.column]: sameOwner((row as Record<string, unknown>)[owner.column], current),
      })) as T['$inferInsert'][];
      if (rows.length === 0) return [];
      await db.insert(table).values(rows);
      return rows;
    },
    async update(where: SQL, values: object): Promise<number> {
      const current = owner.current();
      const { [owner.column]: requested, ...changes } = values as Record<string, unknown>;
      sameOwner(requested, current);
      if (Object.keys(changes).length === 0) return 0;
      const [result] = await db
        .update(table)
        .set(changes as never)
        .where(scoped(where));
      return result.affectedRows;
    },
    async delete(where: SQL): Promise<number> {
      const [result] = await db.delete(table).where(scoped(where));
      return result.affectedRows;
    },
    async count(where?: SQL): Promise<number> {
      return countRows(db, table, scoped(where));
    },
  };
}

export async function selectRows<T extends MySqlTable>(
  db: MySqlDb,
  table: T,
  where: SQL | undefined,
  options: FindManyOptions,
): Promise<T['$inferSelect'][]> {
  const query = db.select().from(table).where(where).$dynamic();
  if (options.orderBy !== undefined) {
    query.orderBy(...(Array.isArray(options.orderBy) ? options.orderBy : [options.orderBy]));
  }
  if (options.limit !== undefined) query.limit(options.limit);
  if (options.offset !== undefined) query.offset(options.offset);
  if (options.forUpdate) query.for('update');
  return query;
}

export async function countRows(db: MySqlDb, table: MySqlTable, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ value: count() }).from(table).where(where);
  return row?.value ?? 0;
}
