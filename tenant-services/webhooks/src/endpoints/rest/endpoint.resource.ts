import { WEBHOOK_TOPICS } from '@marketplace/contracts';
import { pageSchemaOf } from '@marketplace/rest';
import { z } from 'zod';
import { ATTEMPT_STATUSES } from '../../delivery/delivery.schema';
import type { WebhookDeliveryAttempt, WebhookEndpoint } from '../endpoint.model';

export const endpointResource = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    topics: z.array(z.enum(WEBHOOK_TOPICS)),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .describe('`failing` when the platform disabled it after days of failures; null otherwise.'),
    failingSince: z.iso.datetime().nullable().describe('First failed attempt since the last success.'),
    previousSecretExpiresAt: z.iso
      .datetime()
      .nullable()
      .describe('Until then the previous secret still signs beside the new one (after a rotation).'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint', description: "A receiver of the tenant's events, signed with its secret." });

export const endpointWithSecretResource = z
  .object({
    endpoint: endpointResource,
    secret: z
      .string()
      .describe(
        '`whsec_` and base64: the HMAC-SHA256 key of the webhook-signature header. Shown in this answer only.',
      ),
  })
  .meta({ id: 'WebhookEndpointWithSecret' });

export const attemptResource = z
  .object({
    id: z.string(),
    eventId: z.string().describe('The webhook-id header: stable over every attempt of the event.'),
    topic: z.string(),
    attempt: z.number().int(),
    manual: z.boolean().describe('The attempt belongs to a redelivery asked for by hand.'),
    status: z.enum(ATTEMPT_STATUSES),
    responseStatus: z.number().int().nullable().describe('HTTP status of the answer; null when none came.'),
    latencyMs: z.number().int(),
    responseBody: z.string().nullable().describe('The start of the answer (512 characters at most).'),
    error: z
      .string()
      .nullable()
      .describe('Why no answer came: timeout, refused connection, forbidden target.'),
    attemptedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDeliveryAttempt', description: 'One attempt to deliver an event (the delivery log).' });

export const endpointPage = pageSchemaOf('WebhookEndpoint', endpointResource);
export const attemptPage = pageSchemaOf('WebhookDeliveryAttempt', attemptResource);

export const redeliveredResource = z
  .object({ redelivered: z.number().int().describe('Deliveries that start a new round of attempts.') })
  .meta({ id: 'WebhookRedelivery' });

export type EndpointResource = z.input<typeof endpointResource>;
export type AttemptResource = z.input<typeof attemptResource>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toEndpointResource(endpoint: WebhookEndpoint): EndpointResource {
  return {
    ...endpoint,
    topics: endpoint.topics as EndpointResource['topics'],
    failingSince: iso(endpoint.failingSince),
    previousSecretExpiresAt: iso(endpoint.previousSecretExpiresAt),
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function toAttemptResource(attempt: WebhookDeliveryAttempt): AttemptResource {
  return {
    ...attempt,
    status: attempt.status as AttemptResource['status'],
    attemptedAt: attempt.attemptedAt.toISOString(),
  };
}
