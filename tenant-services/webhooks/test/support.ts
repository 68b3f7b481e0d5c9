import { productCreatedV1, productUpdatedV1, type ProductSnapshot } from '@marketplace/contracts';
import { loadConfig } from '@marketplace/config';
import { eventMessage, KafkaSender, processedEvents } from '@marketplace/events';
import { count } from 'drizzle-orm';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import {
  dataOf,
  outboxEnvelopes,
  startMySqlServiceUnderTest,
  testServiceEnv,
  type GraphQLClient,
  type OutboxEnvelope,
  type ServiceUnderTest,
  waitFor,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { AppModule } from '../src/app.module';
import { configSchema, type WebhooksConfig } from '../src/config';
import { Dispatcher } from '../src/delivery/dispatcher';
import { LogRetentionSweeper } from '../src/delivery/log-retention.sweeper';

export interface WebhooksTestApp extends ServiceUnderTest {
  config: WebhooksConfig;
  database: MySqlDatabase;
  dispatcher: Dispatcher;
  retention: LogRetentionSweeper;
  outboxEvents(filter?: { type?: string; key?: string }): Promise<OutboxEnvelope[]>;
}

/** Retries in milliseconds instead of hours, so a test sees the whole schedule. */
export const SHORT_SCHEDULE = '0,200ms,400ms,800ms,1600ms,3200ms';

/** The service in-process against the real stack: its own database and consumer group, a short retry schedule. */
export async function startWebhooksApp(overrides: Record<string, string> = {}): Promise<WebhooksTestApp> {
  const service = await startMySqlServiceUnderTest(
    loadConfig(
      configSchema,
      testServiceEnv('webhooks', {
        WEBHOOK_EVENTS_GROUP: `webhooks-test-${ulid().toLowerCase()}`,
        // The topics' history is not this test's: its own events come after the consumer joined (see below).
        WEBHOOK_EVENTS_START_FROM: 'latest',
        WEBHOOK_RETRY_SCHEDULE: SHORT_SCHEDULE,
        WEBHOOK_DISPATCH_INTERVAL_MS: '50',
        WEBHOOK_RETENTION_SWEEP_INTERVAL_MS: '0',
        ...overrides,
      }),
    ),
    (config) => createServiceApp(AppModule.forRoot(config)),
  );
  const database = service.app.get(MySqlDatabase);
  await consumerLive(database);
  return {
    ...service,
    database,
    dispatcher: service.app.get(Dispatcher),
    retention: service.app.get(LogRetentionSweeper),
    outboxEvents: (filter = {}) => outboxEnvelopes(database.db, filter),
  };
}

/** Publishes probe events until the consumer records one as processed: from then on it sees every new event. */
async function consumerLive(database: MySqlDatabase): Promise<void> {
  const events = new CatalogEvents();
  try {
    await waitFor(
      'the consumer to read new events',
      async () => {
        await events.productUpdated(`probe-${ulid()}`, ulid(), 'consumer probe');
        const [row] = await database.db.select({ value: count() }).from(processedEvents);
        return (row?.value ?? 0) > 0;
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
  } finally {
    await events.close();
  }
}

export const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url topics enabled } }
}`;
export const UPDATE_ENDPOINT = `mutation($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) { id url topics enabled disabledReason failingSince }
}`;
export const ROTATE_SECRET = `mutation($input: RotateWebhookSecretInput!) {
  rotateWebhookEndpointSecret(input: $input) { secret endpoint { id previousSecretExpiresAt } }
}`;
export const ENDPOINTS = `query($first: Int, $after: String) {
  webhookEndpoints(first: $first, after: $after) { nodes { id url topics enabled } pageInfo { hasNextPage endCursor } }
}`;
export const ENDPOINT = `query($id: ID!) { webhookEndpoint(id: $id) { id url topics enabled disabledReason } }`;
export const ATTEMPTS = `query($endpointId: ID!, $first: Int, $after: String, $topic: String, $status: String,
    $since: DateTime, $until: DateTime) {
  webhookDeliveryAttempts(endpointId: $endpointId, first: $first, after: $after, topic: $topic, status: $status,
      since: $since, until: $until) {
    nodes { id eventId topic attempt manual status responseStatus latencyMs responseBody error attemptedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;
export const REDELIVER_EVENT = `mutation($endpointId: ID!, $eventId: ID!) { redeliverWebhookEvent(endpointId: $endpointId, eventId: $eventId) }`;
export const REDELIVER_SINCE = `mutation($endpointId: ID!, $since: DateTime!) { redeliverWebhookEventsSince(endpointId: $endpointId, since: $since) }`;
export const DELETE_ENDPOINT = `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`;

export interface CreatedEndpoint {
  id: string;
  secret: string;
}

export async function createEndpoint(
  gql: GraphQLClient,
  token: string,
  url: string,
  topics: string[] = ['product.updated'],
): Promise<CreatedEndpoint> {
  const created = dataOf(
    await gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
      CREATE_ENDPOINT,
      { input: { url, topics } },
      token,
    ),
  ).createWebhookEndpoint;
  return { id: created.endpoint.id, secret: created.secret };
}

/**
 * Domain events on the real Kafka topic, as the catalog's outbox relay publishes them (key = product id), for the
 * suites that exercise delivery mechanics with many events; the end-to-end suite raises them by real product changes.
 */
export class CatalogEvents {
  private readonly sender = new KafkaSender({
    brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
    clientId: `webhooks-test-${ulid().toLowerCase()}`,
  });

  async productUpdated(tenantId: string, productId: string, title: string): Promise<void> {
    await this.productUpdates([{ tenantId, productId, title }]);
  }

  async productCreated(tenantId: string, productId: string, title: string): Promise<void> {
    await this.sender.send([this.message(tenantId, productId, title, productCreatedV1)]);
  }

  /** Several updates in one send, so they arrive together (the consumer ingests them as one batch). */
  async productUpdates(
    updates: readonly { tenantId: string; productId: string; title: string }[],
  ): Promise<void> {
    await this.sender.send(
      updates.map(({ tenantId, productId, title }) => this.message(tenantId, productId, title)),
    );
  }

  private message(
    tenantId: string,
    productId: string,
    title: string,
    definition: typeof productCreatedV1 | typeof productUpdatedV1 = productUpdatedV1,
  ) {
    const snapshot: ProductSnapshot = {
      productId,
      tenantId,
      slug: `p-${productId.toLowerCase()}`,
      title,
      status: 'published',
      moderation: 'none',
      categoryId: null,
      currency: 'EUR',
      variants: [
        { variantId: `${productId}-v`, sku: `SKU-${productId}`, priceMinor: 1999, compareAtMinor: null },
      ],
    };
    const event = definition.create(snapshot, { tenantId });
    return eventMessage(event.topic, productId, JSON.stringify(event.envelope));
  }

  close(): Promise<void> {
    return this.sender.close();
  }
}
