import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DisputesModule } from '../disputes/disputes.module';
import { PaymentsModule } from '../payments/payments.module';
import { PayoutsModule } from '../payouts/payouts.module';
import { keepRawBody } from './raw-body';
import { STRIPE_WEBHOOK_PATH, WebhookController } from './webhook.controller';
import { WebhookService } from './webhook.service';

@Module({
  imports: [PaymentsModule, PayoutsModule, DisputesModule],
  providers: [WebhookService],
  controllers: [WebhookController],
})
export class WebhooksModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly http: HttpAdapterHost) {}

  onModuleInit(): void {
    keepRawBody(this.http.httpAdapter.getInstance<FastifyInstance>(), [STRIPE_WEBHOOK_PATH]);
  }
}
