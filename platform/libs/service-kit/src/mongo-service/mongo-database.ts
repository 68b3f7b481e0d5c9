import type { OnApplicationShutdown } from '@nestjs/common';
import type { Db } from 'mongodb';
import { connectMongo, type MongoConnection } from '../mongo';
import type { MongoServiceConfig } from '../service-settings';

/** A service's own MongoDB database, connected when opened; closed after the HTTP server and the feature modules stopped. */
export class MongoDatabase implements OnApplicationShutdown {
  private connection: MongoConnection | undefined;

  constructor(private readonly options: { url: string; database: string }) {}

  /** The database the settings name (`MONGODB_URL`, `MONGODB_DATABASE`). */
  static fromConfig(config: Pick<MongoServiceConfig, 'MONGODB_URL' | 'MONGODB_DATABASE'>): MongoDatabase {
    return new MongoDatabase({ url: config.MONGODB_URL, database: config.MONGODB_DATABASE });
  }

  async open(): Promise<this> {
    this.connection = await connectMongo(this.options);
    return this;
  }

  get db(): Db {
    if (!this.connection) throw new Error(`The ${this.options.database} database is not open`);
    return this.connection.db;
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  // Global modules' shutdown hooks run after the others', so the catalog's consumers and relays have stopped.
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
