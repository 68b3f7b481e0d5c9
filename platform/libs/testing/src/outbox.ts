import { outbox } from '@marketplace/events';
import type { MySqlDb } from '@marketplace/tenancy';
import { asc } from 'drizzle-orm';
import type { Loose } from './graphql';

/** An event a service wrote to its transactional outbox, as the relay will publish it. */
export interface OutboxEnvelope {
  type: string;
  tenantId: string | null;
  payload: Loose;
  key: string;
  published: boolean;
}

/** The envelopes in a service's outbox, oldest first, optionally only of one key, type or tenant. */
export async function outboxEnvelopes(
  db: MySqlDb,
  filter: { key?: string; type?: string; tenantId?: string } = {},
): Promise<OutboxEnvelope[]> {
  const rows = await db.select().from(outbox).orderBy(asc(outbox.id));
  return rows
    .map((row) => {
      const envelope = JSON.parse(row.envelope) as { type: string; tenantId: string | null; payload: Loose };
      return {
        type: envelope.type,
        tenantId: envelope.tenantId,
        payload: envelope.payload,
        key: row.key,
        published: row.publishedAt !== null,
      };
    })
    .filter(
      (event) =>
        (filter.key === undefined || event.key === filter.key) &&
        (filter.type === undefined || event.type === filter.type) &&
        (filter.tenantId === undefined || event.tenantId === filter.tenantId),
    );
}
