import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { MySqlDatabase, type Sweeper } from '@marketplace/service-kit';
import { createTransport, type Transporter } from 'nodemailer';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../infrastructure.module';
import { mailRecords } from './mail.repository';

/** Mail tried this many times (about an hour of backoff) is marked failed and left for an operator. */
const MAX_ATTEMPTS = 12;
const BATCH = 50;
/** How long a claimed mail is left to its sender before another sweep may take it again. */
const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * Sends queued mail over SMTP. Runs as a periodic job on every replica; each mail is claimed before it is sent,
 * so overlapping sweeps send it once (a sender that dies mid-send leaves it to be sent again after the lease).
 */
@Injectable()
export class MailSender implements Sweeper, OnApplicationShutdown {
  private readonly transport: Transporter;
  /** The From address's domain: each mail's Message-ID is its queue id there. */
  private readonly messageIdDomain: string;

  constructor(
    private readonly database: MySqlDatabase,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.transport = createTransport(config.SMTP_URL, { from: config.MAIL_FROM });
    const fromAddress = /<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
    this.messageIdDomain = fromAddress.split('@')[1]?.trim() || 'localhost';
  }

  async sweep(now = new Date()): Promise<number> {
    const records = mailRecords(this.database.db);
    let sent = 0;
    for (const mail of await records.due(now, BATCH)) {
      if (!(await records.claim(mail, new Date(now.getTime() + CLAIM_LEASE_MS)))) continue;
      try {
        await this.transport.sendMail({
          // One Message-ID per queued mail: a mail sent again after a sender died mid-send is the same message to
          // the recipient's client, and a delivered message leads support back to its queue record.
          messageId: `<${mail.id}@${this.messageIdDomain}>`,
          to: mail.toAddress,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        });
        await records.sent(mail, new Date());
        sent += 1;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const retryAt =
          attempts >= MAX_ATTEMPTS
            ? undefined
            : new Date(Date.now() + Math.min(2 ** attempts * 1000, 15 * 60_000));
        this.logger.warn(
          { err: error, mailId: mail.id, template: mail.template, attempts },
          'sending mail failed',
        );
        await records.attemptFailed(mail, (error as Error).message, retryAt);
      }
    }
    return sent;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
