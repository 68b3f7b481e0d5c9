import { char, datetime, index, mysqlTable, primaryKey, unique, varchar } from 'drizzle-orm/mysql-core';

/**
 * One entry of the in-app feed, addressed to an audience: one user (`user:<id>`), every member of a seller
 * (`tenant:<id>`) or every platform admin (`admins`). Read state is per user (below), so a tenant's entry is
 * unread for each staff member until they read it.
 */
export const notifications = mysqlTable(
  'notifications',
  {
    id: char('id', { length: 26 }).primaryKey(),
    audience: varchar('audience', { length: 80 }).notNull(),
    kind: varchar('kind', { length: 40 }).notNull(),
    title: varchar('title', { length: 200 }).notNull(),
    body: varchar('body', { length: 1000 }).notNull(),
    /** Absolute link into the app the audience uses (storefront, seller or admin portal). */
    link: varchar('link', { length: 1000 }).notNull(),
    /** The Kafka event it came from: a redelivered event finds its entry instead of adding another. */
    sourceEventId: varchar('source_event_id', { length: 64 }).notNull(),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [
    unique('uq_notifications_source').on(t.sourceEventId, t.audience, t.kind),
    index('ix_notifications_feed').on(t.audience, t.createdAt, t.id),
  ],
);

/** Entries one user has read individually. */
export const notificationReads = mysqlTable(
  'notification_reads',
  {
    userId: varchar('user_id', { length: 64 }).notNull(),
    notificationId: char('notification_id', { length: 26 }).notNull(),
    readAt: datetime('read_at', { mode: 'date', fsp: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.notificationId] })],
);

/** "Mark all as read": everything created up to `readAllBefore` is read for this user. */
export const feedStates = mysqlTable('feed_states', {
  userId: varchar('user_id', { length: 64 }).primaryKey(),
  readAllBefore: datetime('read_all_before', { mode: 'date', fsp: 3 }).notNull(),
});

export type NotificationRow = typeof notifications.$inferSelect;
