import { Inject, Injectable } from '@nestjs/common';
import { openSealedSecret } from '@marketplace/contracts';
import type { EventEnvelope, MySqlDb } from '@marketplace/events';
import { ulid } from 'ulid';
import type { NotificationsConfig } from '../config';
import { directoryRecords } from '../directory/directory.repository';
import { RecipientDirectory } from '../directory/recipient-directory';
import { feedRecords } from '../feed/feed.repository';
import { NOTIFICATIONS_CONFIG } from '../infrastructure.module';
import { LiveEvents, type LiveEvent } from '../live/live-events';
import { mailRecords, type MailChoices } from '../mail/mail.repository';
import { MAIL_TEMPLATES, type MailTemplate, type RenderedMail } from '../mail/templates';

/** A feed entry before it is stored. */
export interface FeedItem {
  audience: string;
  kind: string;
  title: string;
  body: string;
  link: string;
}

/** Which optional mail a seller's owner can turn off, per template. */
const CHOICE_OF: Partial<Record<MailTemplate, keyof MailChoices>> = {
  'new-order': 'newOrders',
  'low-stock': 'lowStock',
  'webhook-endpoint-disabled': 'webhookFailures',
};

/**
 * What one event does for people, in the handler's transaction: feed entries, queued mail (to a user, or to a
 * seller's contact on behalf of its owner's choices), and live events to the channels listening.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly live: LiveEvents,
    private readonly directory: RecipientDirectory,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  storefront(path: string): string {
    return new URL(path, this.config.STOREFRONT_URL).toString();
  }

  /** The accept token opened from the event, for the invitation e-mail only. */
  openInvitationToken(sealed: string): string {
    return openSealedSecret(sealed, this.config.INVITATION_TOKEN_KEY);
  }

  sellerPortal(path: string): string {
    return new URL(path, this.config.SELLER_PORTAL_URL).toString();
  }

  adminPortal(path: string): string {
    return new URL(path, this.config.ADMIN_PORTAL_URL).toString();
  }

  async feed(tx: MySqlDb, event: EventEnvelope, items: FeedItem[]): Promise<void> {
    const createdAt = new Date();
    await feedRecords(tx).add(
      items.map((item) => ({ ...item, id: ulid(), sourceEventId: event.id, createdAt })),
    );
  }

  /** Mail to a user (a buyer's own order: transactional, always sent). */
  async mailUser(
    tx: MySqlDb,
    event: EventEnvelope,
    userId: string,
    template: MailTemplate,
    mail: RenderedMail,
  ): Promise<void> {
    const to = await this.directory.emailOf(tx, userId);
    if (!to) return;
    await this.queue(tx, event, template, to, mail, null);
  }

  /** Mail to an address that is no user's yet (an invitee to a seller's staff); always sent. */
  async mailAddress(
    tx: MySqlDb,
    event: EventEnvelope,
    to: string,
    template: MailTemplate,
    mail: RenderedMail,
    tenantId: string,
  ): Promise<void> {
    await this.queue(tx, event, template, to, mail, tenantId);
  }

  /** Mail to a seller's contact address, unless its owner turned this kind of mail off. */
  async mailSeller(
    tx: MySqlDb,
    event: EventEnvelope,
    tenantId: string,
    template: MailTemplate,
    render: (sellerName: string) => RenderedMail,
  ): Promise<void> {
    const seller = await directoryRecords(tx).seller(tenantId);
    if (!seller) return;
    const choice = CHOICE_OF[template];
    if (!MAIL_TEMPLATES[template].transactional && choice) {
      const choices = await mailRecords(tx).choices(seller.ownerUserId);
      if (!choices[choice]) return;
    }
    await this.queue(tx, event, template, seller.contactEmail, render(seller.name), tenantId);
  }

  publish(channel: string, event: LiveEvent): Promise<string> {
    return this.live.publish(channel, event);
  }

  private async queue(
    tx: MySqlDb,
    event: EventEnvelope,
    template: MailTemplate,
    to: string,
    mail: RenderedMail,
    /** The seller the mail is from or about, erased with its data (ADR 0038); null for a buyer's own mail. */
    tenantId: string | null,
  ) {
    await mailRecords(tx).enqueue(
      { ...mail, template, to, tenantId, dedupeKey: `${event.id}:${template}:${to}`.slice(0, 200) },
      new Date(),
    );
  }
}
