import { MongoServiceModule } from '@marketplace/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { MediaConfig } from './config';
import { MediaModule } from './media/media.module';

@Module({})
export class AppModule {
  static forRoot(config: MediaConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [MongoServiceModule.forRoot(config), MediaModule.forRoot(config)],
    };
  }
}
