import type { Db } from 'mongodb';
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

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }
}
