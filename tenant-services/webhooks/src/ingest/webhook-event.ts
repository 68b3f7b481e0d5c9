import type { WebhookTopic } from '@marketplace/contracts';

/** One tenant's webhook event made from a domain event, before it is stored and owed to endpoints. */
export interface WebhookEventDraft {
  tenantId: string;
  topic: WebhookTopic;
  /** Deliveries of one resource go out in order; e.g. `product:<id>`, `order:<sellerOrderId>`, `sku:<sku>`. */
  resourceKey: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** The JSON body every receiver gets (Standard Webhooks' `{type, timestamp, data}`). */
export function bodyOf(draft: WebhookEventDraft): string {
  return JSON.stringify({ type: draft.topic, timestamp: draft.occurredAt, data: draft.data });
}
