import { type DynamicModule, Module } from '@nestjs/common';
import type { MongoServiceConfig } from '../service-settings';
import { storeServiceModule } from '../store-service-module';
import { MongoDatabase } from './mongo-database';

/**
 * Everything a MongoDB service runs on, imported once by its root module: the platform module (logs, metrics,
 * health with a MongoDB readiness check, auth), the federated subgraph, and — injectable everywhere — its
 * connected `MongoDatabase`.
 */
@Module({})
export class MongoServiceModule {
  static forRoot(config: MongoServiceConfig): DynamicModule {
    const database = MongoDatabase.fromConfig(config);
    return storeServiceModule(MongoServiceModule, config, {
      readinessChecks: { mongodb: () => database.ping() },
      providers: [{ provide: MongoDatabase, useFactory: () => database.open() }],
      exports: [MongoDatabase],
    });
  }
}
