import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { Public } from '@marketplace/auth';
import type { RawBodyRequest } from './raw-body';
import { WebhookService, type WebhookOutcome } from './webhook.service';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/** Public: the provider authenticates with the signature header, checked over the raw body. */
@Controller()
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Public()
  @Post(STRIPE_WEBHOOK_PATH)
  @HttpCode(200)
  async stripe(
    @Req() request: RawBodyRequest,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<{ received: true; outcome: WebhookOutcome }> {
    return { received: true, outcome: await this.webhooks.receive(request.rawBody, signature) };
  }
}
