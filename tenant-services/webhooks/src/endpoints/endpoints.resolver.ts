import { CheckAbility } from '@marketplace/auth';
import { WEBHOOK_TOPICS } from '@marketplace/contracts';
import { mapConnection } from '@marketplace/service-kit';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CreateWebhookEndpointInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
} from './endpoint.inputs';
import {
  toAttempt,
  toEndpoint,
  WebhookDeliveryAttemptConnection,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookEndpointWithSecret,
} from './endpoint.model';
import { EndpointsService } from './endpoints.service';

/** The seller owner's and the tenant's API clients' webhook settings; everything is the caller's tenant's. */
@Resolver(() => WebhookEndpoint)
export class EndpointsResolver {
  constructor(private readonly endpoints: EndpointsService) {}

  @CheckAbility('read', 'Webhook')
  @Query(() => [String], { description: 'Every topic an endpoint can subscribe to.' })
  webhookTopics(): string[] {
    return [...WEBHOOK_TOPICS];
  }

  @CheckAbility('read', 'Webhook')
  @Query(() => WebhookEndpointConnection, { description: "The caller's endpoints, oldest first." })
  async webhookEndpoints(
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<WebhookEndpointConnection> {
    return mapConnection(await this.endpoints.page({ first, after }), toEndpoint);
  }

  @CheckAbility('read', 'Webhook')
  @Query(() => WebhookEndpoint)
  async webhookEndpoint(@Args('id', { type: () => ID }) id: string): Promise<WebhookEndpoint> {
    return toEndpoint(await this.endpoints.get(id));
  }

  @CheckAbility('read', 'Webhook')
  @Query(() => WebhookDeliveryAttemptConnection, {
    description: "An endpoint's delivery log (30 days), newest attempt first; each filter narrows it.",
  })
  async webhookDeliveryAttempts(
    @Args('endpointId', { type: () => ID }) endpointId: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('topic', { type: () => String, nullable: true, description: 'Only attempts of this topic.' })
    topic?: string | null,
    @Args('status', { type: () => String, nullable: true, description: 'Only succeeded or failed attempts.' })
    status?: string | null,
    @Args('since', { type: () => Date, nullable: true, description: 'Only attempts at or after this time.' })
    since?: Date | null,
    @Args('until', { type: () => Date, nullable: true, description: 'Only attempts before this time.' })
    until?: Date | null,
  ): Promise<WebhookDeliveryAttemptConnection> {
    return mapConnection(
      await this.endpoints.attempts(endpointId, { first, after }, { topic, status, since, until }),
      toAttempt,
    );
  }

  @CheckAbility('manage', 'Webhook')
  @Mutation(() => WebhookEndpointWithSecret, { description: 'The secret is in this answer only.' })
  async createWebhookEndpoint(
    @Args('input') input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecret> {
    const { endpoint, secret } = await this.endpoints.create(input);
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @CheckAbility('manage', 'Webhook')
  @Mutation(() => WebhookEndpoint)
  async updateWebhookEndpoint(@Args('input') input: UpdateWebhookEndpointInput): Promise<WebhookEndpoint> {
    return toEndpoint(await this.endpoints.update(input));
  }

  @CheckAbility('manage', 'Webhook')
  @Mutation(() => WebhookEndpointWithSecret, {
    description: 'A new secret (shown once); the previous one keeps signing beside it during the overlap.',
  })
  async rotateWebhookEndpointSecret(
    @Args('input') input: RotateWebhookSecretInput,
  ): Promise<WebhookEndpointWithSecret> {
    const { endpoint, secret } = await this.endpoints.rotateSecret(input);
    return { endpoint: toEndpoint(endpoint), secret };
  }

  @CheckAbility('manage', 'Webhook')
  @Mutation(() => Boolean, { description: 'Deletes the endpoint; deliveries still owed to it are dropped.' })
  async deleteWebhookEndpoint(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.endpoints.delete(id);
  }

  @CheckAbility('manage', 'Webhook')
  @Mutation(() => Int, { description: 'Sends one event to the endpoint again (same webhook-id); answers 1.' })
  async redeliverWebhookEvent(
    @Args('endpointId', { type: () => ID }) endpointId: string,
    @Args('eventId', { type: () => ID }) eventId: string,
  ): Promise<number> {
    return this.endpoints.redeliverEvent(endpointId, eventId);
  }

  @CheckAbility('manage', 'Webhook')
  @Mutation(() => Int, {
    description: 'Sends every event owed to the endpoint since `since` again; answers how many.',
  })
  async redeliverWebhookEventsSince(
    @Args('endpointId', { type: () => ID }) endpointId: string,
    @Args('since', { type: () => Date }) since: Date,
  ): Promise<number> {
    return this.endpoints.redeliverSince(endpointId, since);
  }
}
