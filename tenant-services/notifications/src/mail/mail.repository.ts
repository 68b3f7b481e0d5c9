import type { MySqlDb } from '@marketplace/events';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { emails, mailPreferences, type EmailRow } from './mail.schema';
import { MAIL_TEMPLATES, type MailTemplate, type RenderedMail } from './templates';

const SECRET_REMOVED = '(removed once sent: it carried a one-time link)';

const isOneTimeSecret = (template: string) =>
  template in MAIL_TEMPLATES && 'oneTimeSecret' in MAIL_TEMPLATES[template as MailTemplate];

export interface MailChoices {
  newOrders: boolean;
  lowStock: boolean;
  webhookFailures: boolean;
}

export const DEFAULT_CHOICES: MailChoices = { newOrders: true, lowStock: true, webhookFailures: true };

/** The mail queue and users' mail choices. */
export function mailRecords(db: MySqlDb) {
  return {
    /** Queues a mail once per dedupe key (a redelivered event queues nothing new). */
    async enqueue(
      mail: RenderedMail & { template: MailTemplate; to: string; dedupeKey: string; tenantId: string | null },
      now: Date,
    ): Promise<void> {
      await db
        .insert(emails)
        .values({
          id: ulid(),
          dedupeKey: mail.dedupeKey,
          template: mail.template,
          toAddress: mail.to,
          tenantId: mail.tenantId,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          status: 'pending',
          nextAttemptAt: now,
          createdAt: now,
        })
        .onDuplicateKeyUpdate({ set: { id: sql`${emails.id}` } });
    },

    due(now: Date, limit: number): Promise<EmailRow[]> {
      return db
        .select()
        .from(emails)
        .where(and(eq(emails.status, 'pending'), lte(emails.nextAttemptAt, now)))
        .orderBy(asc(emails.nextAttemptAt))
        .limit(limit);
    },

    /**
     * Takes a due mail for one sender until `leaseUntil`: moves its next attempt only if no other sender moved it
     * since it was read, so of two overlapping sweeps (two replicas, or a slow SMTP server) one sends it. A sender
     * that dies before recording the outcome leaves it due again when the lease ends.
     */
    async claim(mail: EmailRow, leaseUntil: Date): Promise<boolean> {
      const [result] = await db
        .update(emails)
        .set({ nextAttemptAt: leaseUntil })
        .where(
          and(
            eq(emails.id, mail.id),
            eq(emails.status, 'pending'),
            eq(emails.nextAttemptAt, mail.nextAttemptAt),
          ),
        );
      return result.affectedRows === 1;
    },

    async sent(mail: EmailRow, now: Date): Promise<void> {
      // A one-time link stays readable only until it is delivered.
      const body = isOneTimeSecret(mail.template) ? { text: SECRET_REMOVED, html: SECRET_REMOVED } : {};
      await db
        .update(emails)
        .set({ status: 'sent', sentAt: now, lastError: null, ...body })
        .where(eq(emails.id, mail.id));
    },

    async attemptFailed(row: EmailRow, error: string, retryAt: Date | undefined): Promise<void> {
      await db
        .update(emails)
        .set({
          attempts: row.attempts + 1,
          lastError: error.slice(0, 500),
          ...(retryAt ? { nextAttemptAt: retryAt } : { status: 'failed' as const }),
        })
        .where(eq(emails.id, row.id));
    },

    async choices(userId: string): Promise<MailChoices> {
      const [row] = await db
        .select()
        .from(mailPreferences)
        .where(eq(mailPreferences.userId, userId))
        .limit(1);
      return row
        ? { newOrders: row.newOrders, lowStock: row.lowStock, webhookFailures: row.webhookFailures }
        : DEFAULT_CHOICES;
    },

    async setChoices(userId: string, choices: MailChoices): Promise<void> {
      const updatedAt = new Date();
      await db
        .insert(mailPreferences)
        .values({ userId, ...choices, updatedAt })
        .onDuplicateKeyUpdate({ set: { ...choices, updatedAt } });
    },
  };
}
