import { ServicePlatformModule, SubgraphModule } from '@marketplace/service-kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { MediaConfig } from './config';
import { MediaModule, MediaRuntimeRef } from './media/media.module';

@Module({})
export class AppModule {
  static forRoot(config: MediaConfig): DynamicModule {
    const runtime = new MediaRuntimeRef();
    return {
      module: AppModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: config.SERVICE_NAME,
          logLevel: config.LOG_LEVEL,
          keycloak: {
            url: config.KEYCLOAK_URL,
            realm: config.KEYCLOAK_REALM,
            audience: config.AUTH_AUDIENCE,
          },
          readinessChecks: {
            mongodb: () => runtime.require().pingMongo(),
            s3: () => runtime.require().objects.ping(),
          },
        }),
        SubgraphModule.forRoot(),
        MediaModule.forRoot(config, runtime),
      ],
    };
  }
}
