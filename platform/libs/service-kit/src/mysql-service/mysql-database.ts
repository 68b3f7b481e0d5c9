import type { OnApplicationShutdown } from '@nestjs/common';
import type { MySql2Database } from 'drizzle-orm/mysql2';
import { connectMySql, migrateMySql, type MySqlConnectOptions, type MySqlConnection } from '../mysql';
import type { MySqlServiceConfig } from '../service-settings';

export interface MySqlDatabaseOptions extends MySqlConnectOptions {
  /** The SQL migrations drizzle-kit generated for this service, applied when the database opens. */
  migrationsFolder: string;
}

/** A service's own MySQL database, migrated when opened; closed after the HTTP server and the outbox relay stopped. */
export class MySqlDatabase implements OnApplicationShutdown {
  private connection: MySqlConnection | undefined;

  constructor(private readonly options: MySqlDatabaseOptions) {}

  /** The database the settings name (`MYSQL_URL`, `MYSQL_DATABASE`, `MYSQL_CREATE_DATABASE`). */
  static fromConfig(
    config: Pick<MySqlServiceConfig, 'MYSQL_URL' | 'MYSQL_DATABASE' | 'MYSQL_CREATE_DATABASE'>,
    migrationsFolder: string,
  ): MySqlDatabase {
    return new MySqlDatabase({
      url: config.MYSQL_URL,
      database: config.MYSQL_DATABASE,
      createDatabase: config.MYSQL_CREATE_DATABASE,
      migrationsFolder,
    });
  }

  async open(): Promise<this> {
    const connection = await connectMySql(this.options);
    try {
      await migrateMySql(connection.db, this.options.migrationsFolder);
    } catch (error) {
      await connection.close();
      throw error;
    }
    this.connection = connection;
    return this;
  }

  get db(): MySql2Database {
    return this.opened().db;
  }

  async ping(): Promise<void> {
    await this.opened().pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  // Nest closes the HTTP server before this hook and runs it for global modules (this one) after the others', so
  // requests, feature modules' shutdown work and the relay (stopped before the server closes) are done with the pool.
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  private opened(): MySqlConnection {
    if (!this.connection) throw new Error(`The ${this.options.database} database is not open`);
    return this.connection;
  }
}
