import {
  OFFBOARDING_OBJECTS,
  OffboardingModule,
  type OffboardingObjects,
  s3TenantObjects,
} from '@marketplace/offboarding';
import { MongoServiceModule } from '@marketplace/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { MediaConfig } from './config';
import { MediaModule } from './media/media.module';

@Module({})
export class AppModule {
  static forRoot(config: MediaConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MongoServiceModule.forRoot(config),
        MediaModule.forRoot(config),
        OffboardingModule.forMongo(config, {
          service: 'media',
          // The tenant's originals and variants live under one prefix (ObjectKeys), exported as they are.
          extraStores: {
            inject: [OFFBOARDING_OBJECTS],
            build: (objects: OffboardingObjects) => [
              s3TenantObjects(
                objects,
                (tenantId) => `${config.MEDIA_KEY_PREFIX.replace(/\/+$/, '')}/tenants/${tenantId}/`,
              ),
            ],
          },
        }),
      ],
    };
  }
}
