import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { OffboardingModule, redisTenantKeys } from '@marketplace/offboarding';
import { MySqlRedisServiceModule } from '@marketplace/service-kit';
import { Redis } from 'ioredis';
import type { NotificationsConfig } from './config';
import { EventsModule } from './events/events.module';
import { FeedModule } from './feed/feed.module';
import { tenantFeedData } from './feed/tenant-feed.repository';
import { InfrastructureModule } from './infrastructure.module';
import { LiveModule } from './live/live.module';
import { MailModule } from './mail/mail.module';

@Module({})
export class AppModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MySqlRedisServiceModule.forRoot(config, { migrationsFolder: join(__dirname, '..', 'drizzle') }),
        InfrastructureModule.forRoot(config),
        OffboardingModule.forMySql(config, {
          service: 'notifications',
          // The seller's feed, and its live replay streams (`…:live:tenant:<id>`, `…:live:stock:<id>:<sku>`).
          extraStores: {
            inject: [Redis],
            build: (redis: Redis) => [
              tenantFeedData(),
              redisTenantKeys(redis, `${config.LIVE_KEY_PREFIX}:live:`),
            ],
          },
        }),
        FeedModule,
        MailModule,
        LiveModule,
        EventsModule,
      ],
    };
  }
}
