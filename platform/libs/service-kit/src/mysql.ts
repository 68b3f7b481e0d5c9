import { wakeRelaysOnOutboxCommit } from '@marketplace/events';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { migrate } from 'drizzle-orm/mysql2/migrator';
import mysql, { type Pool } from 'mysql2/promise';

export interface MySqlConnection {
  pool: Pool;
  db: MySql2Database;
  close(): Promise<void>;
}

export interface MySqlConnectOptions {
  /** Server URL without a database (MYSQL_URL). */
  url: string;
  database: string;
  poolSize?: number;
  /** Create the database when missing (local stack and tests); managed databases are created by Terraform. */
  createDatabase?: boolean;
}

const DATABASE_NAME = /^[A-Za-z0-9_]{1,64}$/;

export async function connectMySql(options: MySqlConnectOptions): Promise<MySqlConnection> {
  if (!DATABASE_NAME.test(options.database))
    throw new Error(`Invalid MySQL database name '${options.database}'`);
  if (options.createDatabase) {
    const admin = await mysql.createConnection(options.url);
    try {
      await admin.query(
        `CREATE DATABASE IF NOT EXISTS \`${options.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
      );
    } finally {
      await admin.end();
    }
  }
  const url = new URL(options.url);
  url.pathname = `/${options.database}`;
  const pool = mysql.createPool({
    uri: url.toString(),
    connectionLimit: options.poolSize ?? 10,
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
  });
  // Every service transaction that enqueued events wakes the service's outbox relay once it committed (ADR 0056).
  return { pool, db: wakeRelaysOnOutboxCommit(drizzle(pool)), close: () => pool.end() };
}

/** Applies the SQL migrations drizzle-kit generated into `folder` (idempotent, tracked in `__drizzle_migrations`). */
export async function migrateMySql(db: MySql2Database, folder: string): Promise<void> {
  await migrate(db, { migrationsFolder: folder });
}
