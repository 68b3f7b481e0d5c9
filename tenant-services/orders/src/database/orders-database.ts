import { join } from 'node:path';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { connectMySql, migrateMySql, type MySqlConnection } from '@marketplace/service-kit';
import type { MySql2Database } from 'drizzle-orm/mysql2';

export const MIGRATIONS_FOLDER = join(__dirname, '..', '..', 'drizzle');

export interface OrdersDatabaseOptions {
  url: string;
  database: string;
  createDatabase: boolean;
}

/** The service's MySQL database, migrated when opened. */
export class OrdersDatabase implements BeforeApplicationShutdown {
  private connection: MySqlConnection | undefined;

  constructor(private readonly options: OrdersDatabaseOptions) {}

  async open(): Promise<this> {
    this.connection = await connectMySql(this.options);
    await migrateMySql(this.connection.db, MIGRATIONS_FOLDER);
    return this;
  }

  get db(): MySql2Database {
    if (!this.connection) throw new Error('The orders database is not open');
    return this.connection.db;
  }

  async ping(): Promise<void> {
    if (!this.connection) throw new Error('The orders database is not open');
    await this.connection.pool.query('SELECT 1');
  }

  // After the HTTP server and the outbox relay stopped (both use it).
  async beforeApplicationShutdown(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }
}
