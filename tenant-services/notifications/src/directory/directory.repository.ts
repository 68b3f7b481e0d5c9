import type { MySqlDb } from '@marketplace/events';
import { eq, sql } from 'drizzle-orm';
import { orderBuyers, recipients, sellers } from './directory.schema';

export interface SellerContact {
  tenantId: string;
  name: string;
  contactEmail: string;
  ownerUserId: string;
}

/**
 * Who the service writes to, learned from events and verified tokens. System data read by the event handlers
 * (not a tenant's records served to callers), so it is keyed by the ids the events carry.
 */
export function directoryRecords(db: MySqlDb) {
  return {
    async rememberRecipient(userId: string, email: string): Promise<void> {
      const now = new Date();
      await db
        .insert(recipients)
        .values({ userId, email, updatedAt: now })
        .onDuplicateKeyUpdate({ set: { email, updatedAt: now } });
    },

    async recipientEmail(userId: string): Promise<string | undefined> {
      const [row] = await db.select().from(recipients).where(eq(recipients.userId, userId)).limit(1);
      return row?.email;
    },

    async rememberSeller(seller: SellerContact): Promise<void> {
      const updatedAt = new Date();
      await db
        .insert(sellers)
        .values({ ...seller, updatedAt })
        .onDuplicateKeyUpdate({
          set: {
            name: seller.name,
            contactEmail: seller.contactEmail,
            ownerUserId: seller.ownerUserId,
            updatedAt,
          },
        });
    },

    async seller(tenantId: string): Promise<SellerContact | undefined> {
      const [row] = await db.select().from(sellers).where(eq(sellers.tenantId, tenantId)).limit(1);
      return row;
    },

    async rememberOrder(buyerOrderId: string, buyerId: string, placedAt: Date): Promise<void> {
      await db
        .insert(orderBuyers)
        .values({ buyerOrderId, buyerId, placedAt })
        .onDuplicateKeyUpdate({ set: { buyerId: sql`buyer_id` } });
    },

    async buyerOf(buyerOrderId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ buyerId: orderBuyers.buyerId })
        .from(orderBuyers)
        .where(eq(orderBuyers.buyerOrderId, buyerOrderId))
        .limit(1);
      return row?.buyerId;
    },
  };
}

export type DirectoryRecords = ReturnType<typeof directoryRecords>;
