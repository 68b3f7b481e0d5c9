import {
  boolean,
  char,
  datetime,
  index,
  int,
  mediumtext,
  mysqlEnum,
  mysqlTable,
  varchar,
} from 'drizzle-orm/mysql-core';

/**
 * E-mails to send, written in the same transaction as the event that caused them and sent by the mail sender
 * job; failures are retried with backoff, so an SMTP outage delays mail instead of losing it.
 */
export const emails = mysqlTable(
  'emails',
  {
    id: char('id', { length: 26 }).primaryKey(),
    /** `<event id>:<template>:<recipient>`: a redelivered event does not send the same mail twice. */
    dedupeKey: varchar('dedupe_key', { length: 200 }).notNull().unique(),
    template: varchar('template', { length: 40 }).notNull(),
    toAddress: varchar('to_address', { length: 254 }).notNull(),
    /**
     * The seller a mail is from or about (its new orders, an invitation to its staff): erased with the seller's
     * data (ADR 0038). Null for a buyer's own mail.
     */
    tenantId: varchar('tenant_id', { length: 36 }),
    subject: varchar('subject', { length: 300 }).notNull(),
    text: mediumtext('text').notNull(),
    html: mediumtext('html').notNull(),
    status: mysqlEnum('status', ['pending', 'sent', 'failed']).notNull(),
    attempts: int('attempts').notNull().default(0),
    nextAttemptAt: datetime('next_attempt_at', { mode: 'date', fsp: 3 }).notNull(),
    lastError: varchar('last_error', { length: 500 }),
    createdAt: datetime('created_at', { mode: 'date', fsp: 3 }).notNull(),
    sentAt: datetime('sent_at', { mode: 'date', fsp: 3 }),
  },
  (t) => [index('ix_emails_due').on(t.status, t.nextAttemptAt), index('ix_emails_tenant').on(t.tenantId)],
);

/** A user's e-mail choices; transactional mail (their own orders and refunds) is always sent. */
export const mailPreferences = mysqlTable('mail_preferences', {
  userId: varchar('user_id', { length: 64 }).primaryKey(),
  newOrders: boolean('new_orders').notNull().default(true),
  lowStock: boolean('low_stock').notNull().default(true),
  webhookFailures: boolean('webhook_failures').notNull().default(true),
  updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
});

export type EmailRow = typeof emails.$inferSelect;
