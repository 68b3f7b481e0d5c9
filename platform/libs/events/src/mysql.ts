import type { MySql2PreparedQueryHKT, MySql2QueryResultHKT } from 'drizzle-orm/mysql2';
import type { MySqlDatabase } from 'drizzle-orm/mysql-core';
import type { TablesRelationalConfig } from 'drizzle-orm';

/**
 * A drizzle mysql2 database or transaction, whatever the service's own schema. Transactions are
 * databases too, so the same type serves `enqueue(tx, ...)` and the relay's `db`.
 */
export type MySqlDb = MySqlDatabase<MySql2QueryResultHKT, MySql2PreparedQueryHKT, Record<string, unknown>, TablesRelationalConfig>;
