import { ConnectionType } from '@marketplace/service-kit';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { WebhookAttemptRow } from '../delivery/delivery.schema';
import type { WebhookEndpointRow } from './endpoint.schema';

@ObjectType({ description: "A seller's webhook receiver." })
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field()
  url!: string;

  @Field()
  description!: string;

  @Field(() => [String])
  topics!: string[];

  @Field()
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: '`failing` when the platform disabled it after days of failures.',
  })
  disabledReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'First failed attempt since the last success.' })
  failingSince!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Until then the previous secret still signs beside the new one.',
  })
  previousSecretExpiresAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType({ description: 'An endpoint with its signing secret, which is shown only in this answer.' })
export class WebhookEndpointWithSecret {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;

  @Field({ description: '`whsec_` and base64: the HMAC-SHA256 key of the webhook-signature header.' })
  secret!: string;
}

@ObjectType()
export class WebhookEndpointConnection extends ConnectionType(WebhookEndpoint) {}

@ObjectType({ description: 'One attempt to deliver an event to an endpoint (the delivery log).' })
export class WebhookDeliveryAttempt {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The webhook-id header: stable over every attempt of the event.' })
  eventId!: string;

  @Field()
  topic!: string;

  @Field(() => Int)
  attempt!: number;

  @Field({ description: 'The attempt belongs to a redelivery asked for by hand.' })
  manual!: boolean;

  @Field({ description: 'succeeded or failed' })
  status!: string;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the answer; null when none came.' })
  responseStatus!: number | null;

  @Field(() => Int)
  latencyMs!: number;

  @Field(() => String, { nullable: true, description: 'The start of the answer (512 characters at most).' })
  responseBody!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why no answer came: timeout, refused connection, forbidden target.',
  })
  error!: string | null;

  @Field()
  attemptedAt!: Date;
}

@ObjectType()
export class WebhookDeliveryAttemptConnection extends ConnectionType(WebhookDeliveryAttempt) {}

export function toEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    topics: row.topics,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince,
    previousSecretExpiresAt:
      row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > new Date()
        ? row.previousSecretExpiresAt
        : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toAttempt(row: WebhookAttemptRow): WebhookDeliveryAttempt {
  return {
    id: row.id,
    eventId: row.eventId,
    topic: row.topic,
    attempt: row.attempt,
    manual: row.manual === 1,
    status: row.status,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    responseBody: row.responseBody,
    error: row.error,
    attemptedAt: row.attemptedAt,
  };
}
