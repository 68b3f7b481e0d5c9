import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { OffboardingModule } from '@marketplace/offboarding';
import { MySqlRedisServiceModule } from '@marketplace/service-kit';
import { Redis } from 'ioredis';
import type { NotificationsConfig } from './config';
import { EventsModule } from './events/events.module';
import { FeedModule } from './feed/feed.module';
import { tenantFeedData } from './feed/tenant-feed.repository';
import { InfrastructureModule } from './infrastructure.module';
import { LiveModule } from './live/live.module';
import { tenantLiveData } from './live/tenant-live-data';
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
          // The seller's feed, its live replay streams and its entries in the admins' stream; its mail is found by
          // the tenant column of `emails`.
          extraStores: {
            inject: [Redis],
            build: (redis: Redis) => [tenantFeedData(), ...tenantLiveData(redis, config.LIVE_KEY_PREFIX)],
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
