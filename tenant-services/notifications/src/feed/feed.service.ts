import { Injectable } from '@nestjs/common';
import type { Principal } from '@marketplace/auth';
import { createdAtCursor, MySqlDatabase, pageOf, type Connection } from '@marketplace/service-kit';
import { z } from 'zod';
import { directoryRecords } from '../directory/directory.repository';
import { audiencesOf } from './audience';
import { feedRecords, type FeedEntry } from './feed.repository';

const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a notification id');
const pageArgsSchema = z.object({
  first: z.number().int().min(1).max(100),
  after: z.string().min(1).max(500).optional(),
  unreadOnly: z.boolean(),
});
const idsSchema = z.array(ulidSchema).min(1, 'name at least one notification').max(100);

/** The caller's own feed: their entries, their seller's and (admins) the platform's. */
@Injectable()
export class FeedService {
  constructor(private readonly database: MySqlDatabase) {}

  async page(
    principal: Principal,
    args: { first: number; after?: string | null; unreadOnly: boolean },
  ): Promise<Connection<FeedEntry>> {
    const valid = pageArgsSchema.parse({ ...args, after: args.after ?? undefined });
    const after = valid.after === undefined ? undefined : createdAtCursor.decode(valid.after);
    await this.remember(principal);
    const rows = await feedRecords(this.database.db).page(principal.userId, audiencesOf(principal), {
      first: valid.first + 1,
      unreadOnly: valid.unreadOnly,
      ...(after ? { after } : {}),
    });
    return pageOf(rows, valid.first, createdAtCursor.encode);
  }

  unreadCount(principal: Principal): Promise<number> {
    return feedRecords(this.database.db).unreadCount(principal.userId, audiencesOf(principal));
  }

  markRead(principal: Principal, ids: unknown): Promise<number> {
    const valid = idsSchema.parse(ids);
    return feedRecords(this.database.db).markRead(
      principal.userId,
      audiencesOf(principal),
      valid,
      new Date(),
    );
  }

  async markAllRead(principal: Principal): Promise<void> {
    await feedRecords(this.database.db).markAllRead(principal.userId, new Date());
  }

  /** A user who uses the feed has a verified address: mail to them needs no Keycloak lookup. */
  async remember(principal: Principal): Promise<void> {
    if (principal.kind === 'user' && principal.email) {
      await directoryRecords(this.database.db).rememberRecipient(principal.userId, principal.email);
    }
  }
}
