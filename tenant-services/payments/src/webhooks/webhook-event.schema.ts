import { mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { timestamp } from '../database/columns';

/** Provider webhook events already handled: the key turns a redelivery or replay into a no-op. */
export const webhookEvents = mysqlTable('webhook_events', {
  eventId: varchar('event_id', { length: 255 }).primaryKey(),
  type: varchar('type', { length: 100 }).notNull(),
  processedAt: timestamp('processed_at').notNull(),
});
