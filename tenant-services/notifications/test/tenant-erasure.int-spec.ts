import { randomBytes, randomUUID } from 'node:crypto';
import { OrderPaid, sealSecret, TenantRegistered, TenantStaffInvited } from '@marketplace/contracts';
import type { MySqlDb } from '@marketplace/events';
import { combinedStores, mySqlTenantData } from '@marketplace/offboarding';
import { MySqlDatabase } from '@marketplace/service-kit';
import { createTestBuyer, waitFor, type TestUser } from '@marketplace/testing';
import { eq, or } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { ulid } from 'ulid';
import { sellers } from '../src/directory/directory.schema';
import { tenantFeedData } from '../src/feed/tenant-feed.repository';
import { tenantLiveData } from '../src/live/tenant-live-data';
import { emails } from '../src/mail/mail.schema';
import { startNotificationsApp, type NotificationsTestApp } from './support';

interface SellerFixture {
  tenantId: string;
  name: string;
  contactEmail: string;
  ownerUserId: string;
}

const sellerFixture = (): SellerFixture => ({
  tenantId: randomUUID(),
  name: `Erasure Shop ${ulid()}`,
  contactEmail: `contact-${ulid().toLowerCase()}@seller.example`,
  ownerUserId: randomUUID(),
});

const applied = (seller: SellerFixture) =>
  TenantRegistered.create(
    {
      ...seller,
      alias: `erasure-${ulid().toLowerCase()}`,
      status: 'pending',
      commissionBps: 1000,
      defaultCurrency: 'EUR',
      registeredAt: new Date().toISOString(),
    },
    { tenantId: seller.tenantId },
  );

/**
 * What the notifications service erases of a deleted seller (ADR 0038), with the stores its offboarding consumer
 * combines: the seller's mail (its new orders to its contact, its staff's invitations), its directory entry and
 * feed, its own live streams and its entries in the admins' live stream — and nothing of another seller or of the
 * seller's buyers.
 */
describe("notifications: a deleted seller's mail, feed and live entries", () => {
  let app: NotificationsTestApp;
  let buyer: TestUser;
  const seller = sellerFixture();
  const other = sellerFixture();
  const invitee = `invitee-${ulid().toLowerCase()}@example.com`;

  beforeAll(async () => {
    [app, buyer] = await Promise.all([startNotificationsApp(), createTestBuyer()]);
  });
  afterAll(() => app.close());

  it('erases them, and keeps the buyer’s own mail and the other seller’s entries', async () => {
    const db = app.app.get(MySqlDatabase).db;
    const redis = app.app.get(Redis);
    const admins = `${app.config.LIVE_KEY_PREFIX}:live:admins`;
    const sellerStream = `${app.config.LIVE_KEY_PREFIX}:live:tenant:${seller.tenantId}`;
    const appliedTenants = async () =>
      (await redis.xrange(admins, '-', '+')).map(
        ([, fields]) => (JSON.parse(fields[1]!) as { data: { tenantId: string } }).data.tenantId,
      );
    await app.publish(applied(seller), applied(other));
    // The seller's mail needs its directory entry first (orders and tenants are different topics).
    await waitFor('both applications', async () =>
      (await appliedTenants()).length === 2 ? true : undefined,
    );

    await app.publish(
      TenantStaffInvited.create(
        {
          tenantId: seller.tenantId,
          tenantName: seller.name,
          invitationId: ulid(),
          email: invitee,
          acceptTokenSealed: sealSecret(
            `${seller.tenantId}.${randomBytes(32).toString('base64url')}`,
            app.config.INVITATION_TOKEN_KEY,
          ),
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          invitedBy: seller.ownerUserId,
        },
        { tenantId: seller.tenantId },
      ),
      OrderPaid.create(
        {
          buyerOrderId: ulid(),
          buyerId: buyer.userId,
          total: 1500,
          currency: 'EUR',
          sellerOrders: [
            {
              sellerOrderId: ulid(),
              tenantId: seller.tenantId,
              subtotal: 1500,
              lines: [{ productId: ulid(), sku: 'ERASE-1', quantity: 1, unitPrice: 1500 }],
            },
          ],
          paidAt: new Date().toISOString(),
        },
        { tenantId: null },
      ),
    );
    const mailOf = () =>
      db
        .select({ to: emails.toAddress, template: emails.template, tenantId: emails.tenantId })
        .from(emails)
        .where(
          or(
            eq(emails.toAddress, invitee),
            eq(emails.toAddress, seller.contactEmail),
            eq(emails.toAddress, buyer.email),
          ),
        );
    await waitFor('the mail and the seller’s live stream', async () =>
      (await mailOf()).length === 3 && (await redis.exists(sellerStream)) === 1 ? true : undefined,
    );
    expect((await mailOf()).filter(({ tenantId }) => tenantId === seller.tenantId)).toHaveLength(2);

    const store = combinedStores<MySqlDb>(
      tenantFeedData(),
      ...tenantLiveData(redis, app.config.LIVE_KEY_PREFIX),
      mySqlTenantData(),
    );
    const { deleted } = await db.transaction((tx: MySqlDb) => store.erase(seller.tenantId, tx));
    // Its mail (invitation, new order), directory entry, feed (the admins' entry, its new order), live entries.
    expect(deleted).toMatchObject({
      emails: 2,
      sellers: 1,
      notifications: 2,
      'admins-live-entries': 1,
      'redis-keys': 1,
    });

    // The buyer's order confirmation is the buyer's (ADR 0038: buyer orders stay); the seller's mail is gone.
    expect(await mailOf()).toEqual([{ to: buyer.email, template: 'order-confirmation', tenantId: null }]);
    expect(await appliedTenants()).toEqual([other.tenantId]);
    expect(await redis.exists(sellerStream)).toBe(0);
    expect((await db.select().from(sellers).where(eq(sellers.tenantId, seller.tenantId))).length).toBe(0);
    expect((await db.select().from(sellers).where(eq(sellers.tenantId, other.tenantId))).length).toBe(1);

    // A repeated request (a redelivery) finds nothing more to erase.
    const again = await db.transaction((tx: MySqlDb) => store.erase(seller.tenantId, tx));
    expect(again.deleted).toMatchObject({ emails: 0, 'admins-live-entries': 0, 'redis-keys': 0 });
  });
});
