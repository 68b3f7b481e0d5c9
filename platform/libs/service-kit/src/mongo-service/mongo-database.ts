import type { Db } from 'mongodb';
import type { FilterSupport } from '@marketplace/tenancy';
import { connectMongo, type MongoConnection } from '../mongo';
import type { MongoServiceConfig } from '../service-settings';
import { StoreConnection } from '../store-connection';

/** A service's own MongoDB database, connected when opened; closed after the HTTP server and the feature modules stopped. */
export class MongoDatabase extends StoreConnection<MongoConnection> {
  constructor(private readonly options: { url: string; database: string }) {
    super(options.database);
  }

  /** The database the settings name (`MONGODB_URL`, `MONGODB_DATABASE`). */
  static fromConfig(config: Pick<MongoServiceConfig, 'MONGODB_URL' | 'MONGODB_DATABASE'>): MongoDatabase {
    return new MongoDatabase({ url: config.MONGODB_URL, database: config.MONGODB_DATABASE });
  }

  protected connect(): Promise<MongoConnection> {
    return connectMongo(this.options);
  }

  get db(): Db {
    return this.opened().db;
  }

  get filterSupport(): FilterSupport {
    return this.opened().filterSupport;
  }

  /**
   * The readiness check. While the driver knows no server holding data (the server is down, or unreachable) a
   * ping would wait for a server selection until readiness gave up on it (3 s): it answers "down" at once.
   */
  async ping(): Promise<void> {
    const connection = this.opened();
    if (!connection.serving()) throw new Error('MongoDB has no reachable server');
    await connection.db.command({ ping: 1 });
  }
}
