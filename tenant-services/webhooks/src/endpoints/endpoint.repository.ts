import { tenantRepository, type MySqlDb } from '@marketplace/tenancy';
import type { CreatedAtPosition } from '@marketplace/service-kit';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import { webhookEndpoints, type WebhookEndpointRow } from './endpoint.schema';

export type EndpointChanges = Partial<
  Pick<
    WebhookEndpointRow,
    | 'url'
    | 'description'
    | 'topics'
    | 'enabled'
    | 'disabledReason'
    | 'secret'
    | 'previousSecret'
    | 'previousSecretExpiresAt'
    | 'failingSince'
  >
>;

/** The current tenant's endpoints. */
export function endpointRecords(db: MySqlDb) {
  const scoped = tenantRepository(db, webhookEndpoints);
  return {
    find(id: string): Promise<WebhookEndpointRow | undefined> {
      return scoped.findOne(eq(webhookEndpoints.id, id));
    },
    page(first: number, after?: CreatedAtPosition): Promise<WebhookEndpointRow[]> {
      const where =
        after === undefined
          ? undefined
          : or(
              gt(webhookEndpoints.createdAt, after.createdAt),
              and(eq(webhookEndpoints.createdAt, after.createdAt), gt(webhookEndpoints.id, after.id)),
            );
      return scoped.findMany(where, {
        orderBy: [asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id)],
        limit: first + 1,
      });
    },
    /** Enabled endpoints subscribed to any of `topics`. */
    subscribedToAny(topics: readonly string[]): Promise<WebhookEndpointRow[]> {
      return scoped.findMany(
        and(
          eq(webhookEndpoints.enabled, true),
          or(...topics.map((topic) => sql`JSON_CONTAINS(${webhookEndpoints.topics}, JSON_QUOTE(${topic}))`)),
        ),
      );
    },
    /** Enabled endpoints subscribed to `topic`. */
    subscribedTo(topic: string): Promise<WebhookEndpointRow[]> {
      return scoped.findMany(
        and(
          eq(webhookEndpoints.enabled, true),
          sql`JSON_CONTAINS(${webhookEndpoints.topics}, JSON_QUOTE(${topic}))`,
        ),
      );
    },
    count(): Promise<number> {
      return scoped.count();
    },
    async insert(row: Omit<WebhookEndpointRow, 'tenantId'>): Promise<void> {
      await scoped.insert(row);
    },
    /** Applies `changes` and bumps the version; false when the endpoint is not the tenant's. */
    async update(id: string, changes: EndpointChanges): Promise<boolean> {
      const changed = await scoped.update(eq(webhookEndpoints.id, id), {
        ...changes,
        updatedAt: new Date(),
        version: sql`${webhookEndpoints.version} + 1` as unknown as number,
      });
      return changed === 1;
    },
    async delete(id: string): Promise<boolean> {
      return (await scoped.delete(eq(webhookEndpoints.id, id))) === 1;
    },
  };
}
