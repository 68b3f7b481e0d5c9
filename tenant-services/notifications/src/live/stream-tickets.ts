import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AuthError, type Principal } from '@marketplace/auth';
import type { NotificationsConfig } from '../config';
import { NOTIFICATIONS_CONFIG } from '../infrastructure.module';

/** What a ticket keeps of the principal: enough to authorize channels, nothing more. */
type TicketHolder = Pick<Principal, 'userId' | 'roles' | 'tenantId' | 'tenantIds' | 'kind'>;

/**
 * Short-lived single-use tickets for the event stream: the browser's EventSource cannot send an Authorization
 * header, so it first gets a ticket with its bearer token (an ordinary authenticated POST) and opens the stream
 * with `?ticket=`. A ticket in a log or a proxy's history is worthless: it expired or was used.
 */
@Injectable()
export class StreamTickets {
  constructor(
    @Inject(Redis) private readonly redis: Redis,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async issue(principal: Principal): Promise<{ ticket: string; expiresInSeconds: number }> {
    const ticket = randomBytes(24).toString('base64url');
    const holder: TicketHolder = {
      userId: principal.userId,
      roles: principal.roles,
      tenantIds: principal.tenantIds,
      kind: principal.kind,
      ...(principal.tenantId ? { tenantId: principal.tenantId } : {}),
    };
    await this.redis.set(this.key(ticket), JSON.stringify(holder), 'EX', this.config.LIVE_TICKET_TTL_SECONDS);
    return { ticket, expiresInSeconds: this.config.LIVE_TICKET_TTL_SECONDS };
  }

  /** The principal the ticket was issued to; the ticket is gone afterwards. */
  async redeem(ticket: string): Promise<Principal> {
    const stored = /^[A-Za-z0-9_-]{32}$/.test(ticket) ? await this.redis.getdel(this.key(ticket)) : null;
    if (!stored)
      throw new AuthError('invalid_token', 'The stream ticket is unknown, expired or already used');
    return JSON.parse(stored) as Principal;
  }

  private key(ticket: string): string {
    return `${this.config.LIVE_KEY_PREFIX}:ticket:${ticket}`;
  }
}
