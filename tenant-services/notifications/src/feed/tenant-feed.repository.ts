import type { MySqlDb } from '@marketplace/events';
import type { TenantDataStore } from '@marketplace/offboarding';
import { eq, inArray, like, or } from 'drizzle-orm';
import { tenantAudience } from './audience';
import { notificationReads, notifications } from './feed.schema';

/**
 * A seller's feed entries (addressed to `tenant:<id>`), the admins' entries about the seller (linking to its
 * page), and their read marks: tenant data the schema does not name with a tenant column, so offboarding is
 * told about it here.
 */
export function tenantFeedData(): TenantDataStore<MySqlDb> {
  const entries = (tx: MySqlDb, tenantId: string) =>
    tx
      .select()
      .from(notifications)
      .where(
        or(
          eq(notifications.audience, tenantAudience(tenantId)),
          like(notifications.link, `%/sellers/${tenantId}`),
        ),
      );
  return {
    async exportFiles(tenantId, tx) {
      return [{ name: 'feed', records: await entries(tx, tenantId) }];
    },
    async erase(tenantId, tx) {
      const ids = (await entries(tx, tenantId)).map(({ id }) => id);
      if (ids.length === 0) return { deleted: { notifications: 0, notification_reads: 0 }, anonymized: {} };
      const [reads] = await tx
        .delete(notificationReads)
        .where(inArray(notificationReads.notificationId, ids));
      const [feed] = await tx.delete(notifications).where(inArray(notifications.id, ids));
      return {
        deleted: { notifications: feed.affectedRows, notification_reads: reads.affectedRows },
        anonymized: {},
      };
    },
  };
}
