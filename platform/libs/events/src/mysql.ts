import type { TablesRelationalConfig } from 'drizzle-orm';
import type { MySql2PreparedQueryHKT, MySql2QueryResultHKT } from 'drizzle-orm/mysql2';
import type { MySqlDatabase } from 'drizzle-orm/mysql-core';

/**
 * A drizzle mysql2 database or transaction, whatever the service's own schema: the relational
 * `query` API (the only schema-typed part) is left out. Transactions are databases too, so the same
 * type serves `enqueue(tx, ...)` and the relay's `db`.
 */
export type MySqlDb = Omit<
  MySqlDatabase<
    MySql2QueryResultHKT,
    MySql2PreparedQueryHKT,
    Record<string, unknown>,
    TablesRelationalConfig
  >,
  'query' | '_'
>;

/** A unique key refused the row (mysql2 `ER_DUP_ENTRY`, possibly wrapped by drizzle as the cause). */
export function isMySqlDuplicateKey(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: string }).code === 'ER_DUP_ENTRY') return true;
  }
  return false;
}
