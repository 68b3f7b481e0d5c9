import { OffboardingModule } from '@marketplace/offboarding';
import { MongoServiceModule } from '@marketplace/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { ReviewsConfig } from './config';
import { ReviewsModule } from './reviews/reviews.module';

@Module({})
export class AppModule {
  static forRoot(config: ReviewsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MongoServiceModule.forRoot(config),
        ReviewsModule.forRoot(config),
        OffboardingModule.forMongo(config, { service: 'reviews' }),
      ],
    };
  }
}
