import { Module } from '@nestjs/common';
import { periodicJob } from '@marketplace/service-kit';
import type { WebhooksConfig } from '../config';
import { WEBHOOKS_CONFIG } from '../config.token';
import { Dispatcher } from './dispatcher';
import { LogRetentionSweeper } from './log-retention.sweeper';

@Module({
  providers: [
    Dispatcher,
    periodicJob('webhook-dispatch', Dispatcher, {
      config: WEBHOOKS_CONFIG,
      intervalMs: (config: WebhooksConfig) => config.WEBHOOK_DISPATCH_INTERVAL_MS,
    }),
    LogRetentionSweeper,
    periodicJob('webhook-log-retention', LogRetentionSweeper, {
      config: WEBHOOKS_CONFIG,
      intervalMs: (config: WebhooksConfig) => config.WEBHOOK_RETENTION_SWEEP_INTERVAL_MS,
    }),
  ],
  exports: [Dispatcher, LogRetentionSweeper],
})
export class DeliveryModule {}
