import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '@marketplace/observability';
import { type Connection, createdAtCursor, MySqlDatabase, pageOf } from '@marketplace/service-kit';
import { ulid } from 'ulid';
import { ssrfGuardOn, type WebhooksConfig } from '../config';
import { WEBHOOKS_CONFIG } from '../config.token';
import { deliveryRecords } from '../delivery/delivery.repository';
import type { WebhookAttemptRow } from '../delivery/delivery.schema';
import { Dispatcher } from '../delivery/dispatcher';
import { newSecret } from '../delivery/signature';
import type {
  CreateWebhookEndpointInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
} from './endpoint.inputs';
import {
  attemptFilterSchema,
  createEndpointSchema,
  endpointIdSchema,
  pageArgsSchema,
  redeliverEventSchema,
  redeliverSinceSchema,
  rotateSecretSchema,
  updateEndpointSchema,
} from './endpoint.inputs';
import { endpointRecords, type EndpointChanges } from './endpoint.repository';
import type { WebhookEndpointRow } from './endpoint.schema';
import { validateEndpointUrl } from './endpoint-url';

/** Endpoints one tenant may have; a receiver can take every topic, so a few are plenty. */
const MAX_ENDPOINTS_PER_TENANT = 20;

/** The caller's tenant's endpoints (tenant from the token), their secrets, log and redelivery. */
@Injectable()
export class EndpointsService {
  constructor(
    private readonly database: MySqlDatabase,
    private readonly dispatcher: Dispatcher,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  async page(args: { first: number; after?: string | null }): Promise<Connection<WebhookEndpointRow>> {
    const { first, after } = pageArgsSchema.parse({ first: args.first, after: args.after ?? undefined });
    const rows = await endpointRecords(this.database.db).page(
      first,
      after ? createdAtCursor.decode(after) : undefined,
    );
    return pageOf(rows, first, createdAtCursor.encode);
  }

  async get(id: string): Promise<WebhookEndpointRow> {
    return this.owned(endpointIdSchema.parse(id));
  }

  async create(input: CreateWebhookEndpointInput): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
    const valid = createEndpointSchema.parse(input);
    const url = await validateEndpointUrl(valid.url, ssrfGuardOn(this.config));
    const records = endpointRecords(this.database.db);
    if ((await records.count()) >= MAX_ENDPOINTS_PER_TENANT)
      throw new ValidationError(`A seller can have at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints`);
    const now = new Date();
    const secret = newSecret();
    const id = ulid();
    await records.insert({
      id,
      url,
      description: valid.description ?? '',
      topics: valid.topics,
      enabled: true,
      disabledReason: null,
      secret,
      previousSecret: null,
      previousSecretExpiresAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    return { endpoint: await this.owned(id), secret };
  }

  async update(input: UpdateWebhookEndpointInput): Promise<WebhookEndpointRow> {
    const valid = updateEndpointSchema.parse(input);
    const current = await this.owned(valid.id);
    const changes: EndpointChanges = {};
    if (valid.url !== undefined) changes.url = await validateEndpointUrl(valid.url, ssrfGuardOn(this.config));
    if (valid.topics !== undefined) changes.topics = valid.topics;
    if (valid.description !== undefined) changes.description = valid.description;
    if (valid.enabled !== undefined) {
      changes.enabled = valid.enabled;
      // Re-enabled by its owner: the failure streak that disabled it is over.
      if (valid.enabled && !current.enabled)
        Object.assign(changes, { disabledReason: null, failingSince: null });
    }
    await endpointRecords(this.database.db).update(current.id, changes);
    if (valid.enabled) this.dispatcher.nudge();
    return this.owned(current.id);
  }

  async rotateSecret(
    input: RotateWebhookSecretInput,
  ): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
    const valid = rotateSecretSchema.parse(input);
    const current = await this.owned(valid.id);
    const overlapMs =
      valid.overlapSeconds !== undefined ? valid.overlapSeconds * 1000 : this.config.WEBHOOK_ROTATION_OVERLAP;
    const secret = newSecret();
    await endpointRecords(this.database.db).update(current.id, {
      secret,
      previousSecret: overlapMs > 0 ? current.secret : null,
      previousSecretExpiresAt: overlapMs > 0 ? new Date(Date.now() + overlapMs) : null,
    });
    return { endpoint: await this.owned(current.id), secret };
  }

  async delete(id: string): Promise<boolean> {
    const endpointId = endpointIdSchema.parse(id);
    return this.database.db.transaction(async (tx) => {
      if (!(await endpointRecords(tx).delete(endpointId))) throw notFound();
      await deliveryRecords(tx).dropPending(endpointId);
      return true;
    });
  }

  async attempts(
    endpointId: string,
    args: { first: number; after?: string | null },
    filter: { topic?: string | null; status?: string | null; since?: Date | null; until?: Date | null } = {},
  ): Promise<Connection<WebhookAttemptRow>> {
    const { first, after } = pageArgsSchema.parse({ first: args.first, after: args.after ?? undefined });
    const valid = attemptFilterSchema.parse({
      topic: filter.topic ?? undefined,
      status: filter.status ?? undefined,
      since: filter.since ?? undefined,
      until: filter.until ?? undefined,
    });
    const endpoint = await this.owned(endpointIdSchema.parse(endpointId));
    const rows = await deliveryRecords(this.database.db).attemptsPage(
      endpoint.id,
      valid,
      first,
      after ? createdAtCursor.decode(after) : undefined,
    );
    return pageOf(rows, first, (row) => createdAtCursor.encode({ createdAt: row.attemptedAt, id: row.id }));
  }

  /** Sends the event to the endpoint again (a new round of attempts, same webhook-id). */
  async redeliverEvent(endpointId: string, eventId: string): Promise<number> {
    const valid = redeliverEventSchema.parse({ endpointId, eventId });
    await this.owned(valid.endpointId);
    const count = await deliveryRecords(this.database.db).redeliver(valid.endpointId, {
      eventId: valid.eventId,
    });
    if (count === 0) throw new NotFoundError('Webhook event not found for this endpoint');
    this.dispatcher.nudge();
    return count;
  }

  /** Sends every event owed to the endpoint since `since` again, in their original order per resource. */
  async redeliverSince(endpointId: string, since: Date): Promise<number> {
    const valid = redeliverSinceSchema.parse({ endpointId, since });
    await this.owned(valid.endpointId);
    const count = await deliveryRecords(this.database.db).redeliver(valid.endpointId, { since: valid.since });
    if (count > 0) this.dispatcher.nudge();
    return count;
  }

  private async owned(id: string): Promise<WebhookEndpointRow> {
    const endpoint = await endpointRecords(this.database.db).find(id);
    if (!endpoint) throw notFound();
    return endpoint;
  }
}

const notFound = () => new NotFoundError('Webhook endpoint not found');
