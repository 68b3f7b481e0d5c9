import { Global, Module } from '@nestjs/common';
import { MongoDatabase } from '@marketplace/service-kit';
import { CatalogDatabase } from './catalog-database';

/**
 * The catalog's collections over the service's MongoDB database, with their indexes created and (once per
 * database) the tenants with products recorded at start.
 */
@Global()
@Module({
  providers: [
    {
      provide: CatalogDatabase,
      inject: [MongoDatabase],
      useFactory: async (mongo: MongoDatabase) => {
        const database = new CatalogDatabase(mongo.db, mongo.filterSupport);
        await database.ensureIndexes();
        await database.recordTenantsWithProductsOnce();
        return database;
      },
    },
  ],
  exports: [CatalogDatabase],
})
export class CatalogDatabaseModule {}
