import type { CreatedAtPosition } from '@marketplace/service-kit';
import type { MySqlDb } from '@marketplace/events';
import { and, count, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { feedStates, notificationReads, notifications, type NotificationRow } from './feed.schema';

export interface FeedEntry extends NotificationRow {
  read: boolean;
}

/**
 * The feed of one user over their audiences. Every query takes the audiences computed from the caller's token
 * (`audiencesOf`), so no caller can read or mark another user's or seller's entries.
 */
export function feedRecords(db: MySqlDb) {
  const EPOCH = new Date(0);

  async function readAllBefore(userId: string): Promise<Date> {
    const [state] = await db.select().from(feedStates).where(eq(feedStates.userId, userId)).limit(1);
    return state?.readAllBefore ?? EPOCH;
  }

  const unreadWhere = (before: Date): SQL =>
    and(isNull(notificationReads.userId), gt(notifications.createdAt, before))!;

  function joined(userId: string) {
    return db
      .select({ entry: notifications, readAt: notificationReads.readAt })
      .from(notifications)
      .leftJoin(
        notificationReads,
        and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, userId)),
      );
  }

  return {
    /** Adds entries; one that an earlier delivery of the same event added is kept as it is. */
    async add(entries: NotificationRow[]): Promise<void> {
      if (entries.length === 0) return;
      await db
        .insert(notifications)
        .values(entries)
        .onDuplicateKeyUpdate({ set: { id: sql`${notifications.id}` } });
    },

    /** Newest first, `first` entries after the position. */
    async page(
      userId: string,
      audiences: string[],
      options: { first: number; after?: CreatedAtPosition; unreadOnly: boolean },
    ): Promise<FeedEntry[]> {
      const before = await readAllBefore(userId);
      const after = options.after;
      const rows = await joined(userId)
        .where(
          and(
            inArray(notifications.audience, audiences),
            options.unreadOnly ? unreadWhere(before) : undefined,
            after
              ? or(
                  lt(notifications.createdAt, after.createdAt),
                  and(eq(notifications.createdAt, after.createdAt), lt(notifications.id, after.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(options.first);
      return rows.map(({ entry, readAt }) => ({
        ...entry,
        read: readAt !== null || entry.createdAt <= before,
      }));
    },

    async unreadCount(userId: string, audiences: string[]): Promise<number> {
      const before = await readAllBefore(userId);
      const [row] = await db
        .select({ unread: count() })
        .from(notifications)
        .leftJoin(
          notificationReads,
          and(eq(notificationReads.notificationId, notifications.id), eq(notificationReads.userId, userId)),
        )
        .where(and(inArray(notifications.audience, audiences), unreadWhere(before)));
      return row?.unread ?? 0;
    },

    /** Marks the given entries read; ids outside the caller's audiences are ignored. Answers how many matched. */
    async markRead(userId: string, audiences: string[], ids: string[], now: Date): Promise<number> {
      const own = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(inArray(notifications.id, ids), inArray(notifications.audience, audiences)));
      if (own.length === 0) return 0;
      await db
        .insert(notificationReads)
        .values(own.map(({ id }) => ({ userId, notificationId: id, readAt: now })))
        .onDuplicateKeyUpdate({ set: { readAt: sql`${notificationReads.readAt}` } });
      return own.length;
    },

    async markAllRead(userId: string, now: Date): Promise<void> {
      await db
        .insert(feedStates)
        .values({ userId, readAllBefore: now })
        .onDuplicateKeyUpdate({ set: { readAllBefore: now } });
    },
  };
}
