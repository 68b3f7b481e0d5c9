import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CheckAbility } from '@marketplace/auth';
import { WEBHOOK_TOPICS } from '@marketplace/contracts';
import {
  pageQuerySchema,
  parseInput,
  RestController,
  restListOf,
  RestRoute,
  type RestPage,
} from '@marketplace/rest';
import { z } from 'zod';
import {
  attemptStatusSchema,
  createEndpointSchema,
  rotateSecretSchema,
  topicSchema,
  updateEndpointSchema,
} from '../endpoint.inputs';
import { toAttempt, toEndpoint } from '../endpoint.model';
import { EndpointsService } from '../endpoints.service';
import {
  attemptPage,
  endpointPage,
  endpointResource,
  endpointWithSecretResource,
  redeliveredResource,
  toAttemptResource,
  toEndpointResource,
  type AttemptResource,
  type EndpointResource,
} from './endpoint.resource';

const ENDPOINT_ID = { id: 'Webhook endpoint id.' };
const updateBody = updateEndpointSchema.omit({ id: true });
const rotateBody = rotateSecretSchema.omit({ id: true });
const redeliverBody = z.union([
  z.strictObject({
    eventId: z.string().describe('One event (`msg_…`, the webhook-id header) to send again.'),
  }),
  z.strictObject({
    since: z.iso.datetime().describe('Every event owed to the endpoint since this time (UTC).'),
  }),
]);
const attemptsQuery = pageQuerySchema.extend({
  topic: topicSchema.optional().describe('Only attempts of this topic.'),
  status: attemptStatusSchema.optional().describe('Only attempts with this outcome.'),
  since: z.iso.datetime().optional().describe('Only attempts at or after this time (UTC).'),
  until: z.iso.datetime().optional().describe('Only attempts before this time (UTC); after `since`.'),
});
const topicList = z.object({ data: z.array(z.enum(WEBHOOK_TOPICS)) }).meta({ id: 'WebhookTopicList' });

type WithSecret = z.input<typeof endpointWithSecretResource>;

/**
 * The tenant's webhook endpoints over REST (ADR 0035): the `EndpointsService` the GraphQL resolver uses, so the
 * seller owner and the tenant's API clients manage them alike and staff are refused by the same ability.
 */
@RestController('webhooks')
@Controller('api/v1/endpoints')
export class EndpointsRestController {
  constructor(private readonly endpoints: EndpointsService) {}

  @CheckAbility('read', 'Webhook')
  @Get('topics')
  @RestRoute({
    operationId: 'listWebhookTopics',
    summary: 'Every topic an endpoint can subscribe to',
    response: { status: 200, schema: topicList },
  })
  topics(): z.input<typeof topicList> {
    return { data: [...WEBHOOK_TOPICS] };
  }

  @CheckAbility('read', 'Webhook')
  @Get()
  @RestRoute({
    operationId: 'listWebhookEndpoints',
    summary: "The tenant's webhook endpoints, oldest first",
    query: pageQuerySchema,
    response: { status: 200, schema: endpointPage },
  })
  async list(@Query() query: unknown): Promise<RestPage<EndpointResource>> {
    return restListOf(
      parseInput(pageQuerySchema, query),
      (first, after) => this.endpoints.page({ first, after }),
      (row) => toEndpointResource(toEndpoint(row)),
    );
  }

  @CheckAbility('manage', 'Webhook')
  @Post()
  @HttpCode(201)
  @RestRoute({
    operationId: 'createWebhookEndpoint',
    summary: 'Registers a receiver; the answer holds its signing secret, shown this once',
    description:
      'https only in production, and never a private, loopback or link-local address. A replay of the same Idempotency-Key answers the same endpoint and secret.',
    body: createEndpointSchema,
    response: { status: 201, schema: endpointWithSecretResource },
    idempotent: true,
  })
  async create(@Body() body: unknown): Promise<WithSecret> {
    const { endpoint, secret } = await this.endpoints.create(parseInput(createEndpointSchema, body));
    return { endpoint: toEndpointResource(toEndpoint(endpoint)), secret };
  }

  @CheckAbility('read', 'Webhook')
  @Get(':id')
  @RestRoute({
    operationId: 'getWebhookEndpoint',
    summary: 'One endpoint of the tenant (never its secret)',
    params: ENDPOINT_ID,
    response: { status: 200, schema: endpointResource },
    problems: [404],
  })
  async get(@Param('id') id: string): Promise<EndpointResource> {
    return toEndpointResource(toEndpoint(await this.endpoints.get(id)));
  }

  @CheckAbility('manage', 'Webhook')
  @Patch(':id')
  @RestRoute({
    operationId: 'updateWebhookEndpoint',
    summary:
      'Changes the URL, topics or description; `enabled: false` pauses deliveries, `true` resumes them',
    params: ENDPOINT_ID,
    body: updateBody,
    response: { status: 200, schema: endpointResource },
    problems: [404],
  })
  async update(@Param('id') id: string, @Body() body: unknown): Promise<EndpointResource> {
    const changes = parseInput(updateBody, body);
    return toEndpointResource(toEndpoint(await this.endpoints.update({ ...changes, id })));
  }

  @CheckAbility('manage', 'Webhook')
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RestRoute({
    operationId: 'rotateWebhookEndpointSecret',
    summary: 'A new signing secret (shown this once); the previous one keeps signing during the overlap',
    description:
      'During `overlapSeconds` (default one day, at most 7 days) every delivery carries both signatures, so receivers can switch secrets without losing one.',
    params: ENDPOINT_ID,
    body: rotateBody,
    response: { status: 200, schema: endpointWithSecretResource },
    problems: [404],
    idempotent: true,
  })
  async rotate(@Param('id') id: string, @Body() body: unknown): Promise<WithSecret> {
    const { endpoint, secret } = await this.endpoints.rotateSecret({ ...parseInput(rotateBody, body), id });
    return { endpoint: toEndpointResource(toEndpoint(endpoint)), secret };
  }

  @CheckAbility('manage', 'Webhook')
  @Delete(':id')
  @HttpCode(204)
  @RestRoute({
    operationId: 'deleteWebhookEndpoint',
    summary: 'Deletes the endpoint; deliveries still owed to it are dropped',
    params: ENDPOINT_ID,
    response: { status: 204 },
    problems: [404],
  })
  async delete(@Param('id') id: string): Promise<void> {
    await this.endpoints.delete(id);
  }

  @CheckAbility('read', 'Webhook')
  @Get(':id/attempts')
  @RestRoute({
    operationId: 'listWebhookDeliveryAttempts',
    summary: "The endpoint's delivery log (30 days), newest attempt first, optionally filtered",
    params: ENDPOINT_ID,
    query: attemptsQuery,
    response: { status: 200, schema: attemptPage },
    problems: [404],
  })
  async attempts(@Param('id') id: string, @Query() query: unknown): Promise<RestPage<AttemptResource>> {
    const args = parseInput(attemptsQuery, query);
    const filter = {
      topic: args.topic,
      status: args.status,
      since: args.since ? new Date(args.since) : undefined,
      until: args.until ? new Date(args.until) : undefined,
    };
    return restListOf(
      args,
      (first, after) => this.endpoints.attempts(id, { first, after }, filter),
      (row) => toAttemptResource(toAttempt(row)),
    );
  }

  @CheckAbility('manage', 'Webhook')
  @Post(':id/redeliver')
  @HttpCode(200)
  @RestRoute({
    operationId: 'redeliverWebhookEvents',
    summary: 'Sends one event, or every event since a time, to the endpoint again (same webhook-id)',
    description:
      'Each delivery starts a new round of attempts, in its original order per resource. Receivers deduplicate by webhook-id.',
    params: ENDPOINT_ID,
    body: redeliverBody,
    response: { status: 200, schema: redeliveredResource },
    problems: [404],
    idempotent: true,
  })
  async redeliver(
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<z.input<typeof redeliveredResource>> {
    const target = parseInput(redeliverBody, body);
    return {
      redelivered:
        'eventId' in target
          ? await this.endpoints.redeliverEvent(id, target.eventId)
          : await this.endpoints.redeliverSince(id, new Date(target.since)),
    };
  }
}
