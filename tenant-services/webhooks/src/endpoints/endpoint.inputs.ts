import { WEBHOOK_TOPICS, safeText } from '@marketplace/contracts';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { ATTEMPT_STATUSES } from '../delivery/delivery.schema';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const endpointIdSchema = z.string().regex(ULID, 'must be a webhook endpoint id');
export const topicSchema = z.enum(WEBHOOK_TOPICS, { error: `must be one of ${WEBHOOK_TOPICS.join(', ')}` });
export const attemptStatusSchema = z.enum(ATTEMPT_STATUSES, {
  error: `must be one of ${ATTEMPT_STATUSES.join(', ')}`,
});
const topicsSchema = z
  .array(topicSchema)
  .min(1, 'must name at least one topic')
  .max(WEBHOOK_TOPICS.length)
  .refine((topics) => new Set(topics).size === topics.length, 'must not repeat a topic');
const descriptionSchema = safeText().trim().max(255);
const urlSchema = z.string().trim().min(1, 'must not be empty').max(2048);

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'https URL the events are POSTed to.' })
  url!: string;

  @Field(() => [String], {
    description: 'Topics to receive, e.g. order.paid, product.updated (see webhookTopics).',
  })
  topics!: string[];

  @Field({ nullable: true })
  description?: string;
}

export const createEndpointSchema = z.object({
  url: urlSchema,
  topics: topicsSchema,
  description: descriptionSchema.optional(),
});

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  url?: string;

  @Field(() => [String], { nullable: true })
  topics?: string[];

  @Field({ nullable: true })
  description?: string;

  @Field({ nullable: true, description: 'false pauses deliveries (they wait); true resumes them.' })
  enabled?: boolean;
}

export const updateEndpointSchema = z.object({
  id: endpointIdSchema,
  url: urlSchema.optional(),
  topics: topicsSchema.optional(),
  description: descriptionSchema.optional(),
  enabled: z.boolean().optional(),
});

@InputType()
export class RotateWebhookSecretInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'Seconds the previous secret keeps signing beside the new one (default one day, at most 7 days).',
  })
  overlapSeconds?: number;
}

export const rotateSecretSchema = z.object({
  id: endpointIdSchema,
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .optional(),
});

export const pageArgsSchema = z.object({
  first: z.number().int().min(1).max(100),
  after: z.string().min(1).max(500).optional(),
});

const dateSchema = z.date().refine((date) => !Number.isNaN(date.getTime()), 'must be a date');

export const redeliverSinceSchema = z.object({
  endpointId: endpointIdSchema,
  since: dateSchema,
});

/** Which attempts of the delivery log to list: of one topic, one outcome, attempted in [since, until). */
export const attemptFilterSchema = z
  .object({
    topic: topicSchema.optional(),
    status: attemptStatusSchema.optional(),
    since: dateSchema.optional(),
    until: dateSchema.optional(),
  })
  .refine((filter) => !filter.since || !filter.until || filter.since < filter.until, {
    message: 'must be after since',
    path: ['until'],
  });
export type AttemptFilter = z.output<typeof attemptFilterSchema>;

export const redeliverEventSchema = z.object({
  endpointId: endpointIdSchema,
  eventId: z.string().regex(/^msg_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a webhook event id (msg_...)'),
});
