import { Module, type DynamicModule } from '@nestjs/common';
import { OffboardingModule } from '@marketplace/offboarding';
import { MongoServiceModule } from '@marketplace/service-kit';
import { CatalogJobsModule } from './catalog-jobs';
import type { CatalogConfig } from './config';
import { CatalogDatabaseModule } from './database/catalog-database.module';
import { ImportsModule } from './imports/imports.module';
import { MediaOwnershipModule } from './media/media-ownership.module';
import { ProductsModule } from './products/products.module';
import { ReviewsProjectionModule } from './reviews-projection/reviews-projection.module';
import { SearchModule } from './search/search.module';
import { StockSyncModule } from './stock/stock-sync.module';

@Module({})
export class AppModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MongoServiceModule.forRoot(config),
        CatalogDatabaseModule,
        MediaOwnershipModule.forRoot(config),
        SearchModule.forRoot(config),
        ProductsModule,
        ImportsModule,
        CatalogJobsModule.forRoot(config),
        StockSyncModule.forRoot(config),
        ReviewsProjectionModule.forRoot(config),
        OffboardingModule.forMongo(config, { service: 'catalog' }),
      ],
    };
  }
}
