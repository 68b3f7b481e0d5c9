import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  datetime,
  index,
  int,
  longtext,
  mysqlTable,
  primaryKey,
  text,
  varchar,
} from 'drizzle-orm/mysql-core';
import { MySqlDb } from './mysql';

/**
 * Events waiting to be published, written in the same transaction as the state change they describe.
 * The auto-increment id gives the publishing order.
 */
export const outbox = mysqlTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey(),
    eventId: char('event_id', { length: 26 }).notNull().unique('uq_outbox_event_id'),
    topic: varchar('topic', { length: 249 }).notNull(),
    /** Kafka message key: the aggregate id, so one aggregate's events stay in one partition, in order. */
    key: varchar('message_key', { length: 191 }).notNull(),
    /** The serialized envelope, published byte for byte. */
    envelope: longtext('envelope').notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 })
      .notNull()
      .default(sql`(UTC_TIMESTAMP(3))`),
    publishedAt: datetime('published_at', { mode: 'date', fsp: 3 }),
    attempts: int('attempts', { unsigned: true }).notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('idx_outbox_unpublished').on(t.publishedAt, t.id),
    index('idx_outbox_key').on(t.key, t.publishedAt, t.id),
  ],
);

/** Events a consumer group has handled; the primary key turns a redelivery into a no-op. */
export const processedEvents = mysqlTable(
  'processed_events',
  {
    eventId: char('event_id', { length: 26 }).notNull(),
    consumerGroup: varchar('consumer_group', { length: 191 }).notNull(),
    processedAt: datetime('processed_at', { mode: 'date', fsp: 3 })
      .notNull()
      .default(sql`(UTC_TIMESTAMP(3))`),
  },
  (t) => [primaryKey({ name: 'pk_processed_events', columns: [t.eventId, t.consumerGroup] })],
);

/** DDL for services that keep their schema as SQL migrations; matches the drizzle tables above. */
export const OUTBOX_TABLE_SQL = `CREATE TABLE IF NOT EXISTS \`outbox\` (
  \`id\` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  \`event_id\` CHAR(26) NOT NULL,
  \`topic\` VARCHAR(249) NOT NULL,
  \`message_key\` VARCHAR(191) NOT NULL,
  \`envelope\` LONGTEXT NOT NULL,
  \`created_at\` DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
  \`published_at\` DATETIME(3) NULL,
  \`attempts\` INT UNSIGNED NOT NULL DEFAULT 0,
  \`last_error\` TEXT NULL,
  PRIMARY KEY (\`id\`),
  UNIQUE KEY \`uq_outbox_event_id\` (\`event_id\`),
  KEY \`idx_outbox_unpublished\` (\`published_at\`, \`id\`),
  KEY \`idx_outbox_key\` (\`message_key\`, \`published_at\`, \`id\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;

export const PROCESSED_EVENTS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS \`processed_events\` (
  \`event_id\` CHAR(26) NOT NULL,
  \`consumer_group\` VARCHAR(191) NOT NULL,
  \`processed_at\` DATETIME(3) NOT NULL DEFAULT (UTC_TIMESTAMP(3)),
  CONSTRAINT \`pk_processed_events\` PRIMARY KEY (\`event_id\`, \`consumer_group\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`;

/** Creates the outbox and processed_events tables if they do not exist yet (idempotent). */
export async function createEventTables(db: MySqlDb): Promise<void> {
  await db.execute(sql.raw(OUTBOX_TABLE_SQL));
  await db.execute(sql.raw(PROCESSED_EVENTS_TABLE_SQL));
}
