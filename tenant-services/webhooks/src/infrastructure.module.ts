import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { WebhooksConfig } from './config';
import { WEBHOOKS_CONFIG } from './config.token';

/** The configuration every feature module reads (MySQL and the outbox relay come from MySqlServiceModule). */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: WebhooksConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [{ provide: WEBHOOKS_CONFIG, useValue: config }],
      exports: [WEBHOOKS_CONFIG],
    };
  }
}
