import { defineEvent } from '@marketplace/events';
import { z } from 'zod';

/** Topic of the webhooks service's endpoint aggregate; keyed by endpoint id. */
export const WEBHOOK_ENDPOINT_TOPIC = 'webhooks.endpoint.v1';

/** What an integrator can subscribe an endpoint to (the `type` of every delivered payload). */
export const WEBHOOK_TOPICS = [
  'order.created',
  'order.paid',
  'order.cancelled',
  'order.shipped',
  'refund.created',
  'refund.succeeded',
  'product.created',
  'product.updated',
  'product.deleted',
  'stock.low',
  'payout.paid',
  'payout.failed',
  'review.created',
] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/**
 * An endpoint kept failing for the configured time and was disabled: its owner is to be told (notifications)
 * and re-enables it once the receiver works again.
 */
export const WebhookEndpointDisabled = defineEvent({
  topic: WEBHOOK_ENDPOINT_TOPIC,
  type: 'webhook-endpoint.disabled',
  version: 1,
  payload: z.object({
    endpointId: z.string().min(1).max(64),
    tenantId: z.string().min(1).max(36),
    url: z.string().min(1),
    failingSince: z.iso.datetime({ offset: false }),
    lastResponseStatus: z.number().int().nullable(),
    disabledAt: z.iso.datetime({ offset: false }),
  }),
});
