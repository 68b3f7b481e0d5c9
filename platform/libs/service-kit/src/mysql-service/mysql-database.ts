import type { MySql2Database } from 'drizzle-orm/mysql2';
import { connectMySql, migrateMySql, type MySqlConnectOptions, type MySqlConnection } from '../mysql';
import type { MySqlServiceConfig } from '../service-settings';
import { StoreConnection } from '../store-connection';

export interface MySqlDatabaseOptions extends MySqlConnectOptions {
  /** The SQL migrations drizzle-kit generated for this service, applied when the database opens. */
  migrationsFolder: string;
}

/** A service's own MySQL database, migrated when opened; closed after the HTTP server and the outbox relay stopped. */
export class MySqlDatabase extends StoreConnection<MySqlConnection> {
  constructor(private readonly options: MySqlDatabaseOptions) {
    super(options.database);
  }

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

  protected async connect(): Promise<MySqlConnection> {
    const connection = await connectMySql(this.options);
    try {
      await migrateMySql(connection.db, this.options.migrationsFolder);
    } catch (error) {
      await connection.close();
      throw error;
    }
    return connection;
  }

  get db(): MySql2Database {
    return this.opened().db;
  }

  async ping(): Promise<void> {
    await this.opened().pool.query('SELECT 1');
  }
}
