import {
  OrderPaid,
  RefundCreated,
  ReviewPublished,
  SellerOrderShipped,
  sealSecret,
  StockLow,
  TenantRegistered,
  TenantStaffInvited,
  WebhookEndpointDisabled,
} from '@marketplace/contracts';
import { MySqlDatabase } from '@marketplace/service-kit';
import { randomBytes } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { mailRecords } from '../src/mail/mail.repository';
import { emails } from '../src/mail/mail.schema';
import {
  createTestBuyer,
  createTestTenant,
  errorCode,
  waitFor,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { startNotificationsApp, type NotificationsTestApp } from './support';

const FEED = `query($first: Int!, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    nodes { id kind title body link read createdAt } pageInfo { hasNextPage endCursor }
  }
  unreadNotificationCount
}`;
const MARK_READ = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;
const PREFERENCES = `query { notificationPreferences { newOrders lowStock webhookFailures } }`;
const SET_PREFERENCES = `mutation($input: NotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) { newOrders lowStock webhookFailures }
}`;

interface FeedNode {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  read: boolean;
}

describe('notifications: feed, read state, e-mail and preferences', () => {
  let app: NotificationsTestApp;
  let seller: TestTenant;
  let sellerContact: string;
  let buyer: TestUser;

  beforeAll(async () => {
    app = await startNotificationsApp();
    [seller, buyer] = await Promise.all([createTestTenant({ staff: true }), createTestBuyer()]);
    sellerContact = `orders-${ulid().toLowerCase()}@seller.example`;
    await app.publish(
      TenantRegistered.create(
        {
          tenantId: seller.tenantId,
          name: seller.name,
          alias: seller.alias,
          status: 'active',
          commissionBps: 1000,
          defaultCurrency: 'EUR',
          contactEmail: sellerContact,
          ownerUserId: seller.owner.userId,
          registeredAt: new Date().toISOString(),
        },
        { tenantId: seller.tenantId },
      ),
    );
  });
  afterAll(() => app.close());

  async function feedOf(token: string, variables: Record<string, unknown> = {}) {
    const answer = await app.gql(FEED, { first: 20, ...variables }, token);
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    return answer.data as {
      notifications: { nodes: FeedNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      unreadNotificationCount: number;
    };
  }

  function paidOrder(buyerId = buyer.userId) {
    const buyerOrderId = ulid();
    const sellerOrderId = ulid();
    return {
      buyerOrderId,
      sellerOrderId,
      event: OrderPaid.create(
        {
          buyerOrderId,
          buyerId,
          total: 4990,
          currency: 'EUR',
          sellerOrders: [
            {
              sellerOrderId,
              tenantId: seller.tenantId,
              subtotal: 4990,
              lines: [{ productId: ulid(), sku: 'MUG-1', quantity: 2, unitPrice: 2495 }],
            },
          ],
          paidAt: new Date().toISOString(),
        },
        { tenantId: null },
      ),
    };
  }

  it('a paid order reaches the buyer and every member of the seller: feed entries and both e-mails with links', async () => {
    const order = paidOrder();
    await app.publish(order.event);

    const buyerFeed = await waitFor('the buyer feed entry', async () =>
      (await feedOf(buyer.token)).notifications.nodes.find((node) => node.link.endsWith(order.buyerOrderId)),
    );
    expect(buyerFeed).toMatchObject({
      kind: 'order.confirmed',
      read: false,
      link: `http://localhost:4200/account/orders/${order.buyerOrderId}`,
    });
    for (const member of [seller.owner, seller.staff!]) {
      const entries = (await feedOf(member.token)).notifications.nodes;
      expect(entries.find((node) => node.kind === 'order.new')).toMatchObject({
        title: 'New order',
        link: `http://localhost:4300/orders/${order.sellerOrderId}`,
        read: false,
      });
    }

    await app.sendMail();
    // The buyer never used the feed before the order: their address came from Keycloak.
    const confirmation = await app.waitForMail(buyer.email, `Order ${order.buyerOrderId} confirmed`);
    expect(confirmation.To.map((to) => to.Address)).toEqual([buyer.email]);
    expect(confirmation.Text).toContain(`http://localhost:4200/account/orders/${order.buyerOrderId}`);
    expect(confirmation.HTML).toContain(`href="http://localhost:4200/account/orders/${order.buyerOrderId}"`);
    expect(confirmation.Text).toContain('€49.90');

    const newOrder = await app.waitForMail(sellerContact, `New order ${order.sellerOrderId}`);
    expect(newOrder.To.map((to) => to.Address)).toEqual([sellerContact]);
    expect(newOrder.HTML).toContain(`href="http://localhost:4300/orders/${order.sellerOrderId}"`);
  });

  it("a staff invitation mails the invitee the seller portal's accept link with the opened token, once; the sent body is blanked", async () => {
    const invitee = `invitee-${ulid().toLowerCase()}@example.com`;
    const token = `${seller.tenantId}.${randomBytes(32).toString('base64url')}`;
    const invited = TenantStaffInvited.create(
      {
        tenantId: seller.tenantId,
        tenantName: seller.name,
        invitationId: ulid(),
        email: invitee,
        acceptTokenSealed: sealSecret(token, app.config.INVITATION_TOKEN_KEY),
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        invitedBy: seller.owner.userId,
      },
      { tenantId: seller.tenantId },
    );
    await app.publish(invited);
    await app.publish(invited);

    const db = app.app.get(MySqlDatabase).db;
    const queued = await waitFor('the queued invitation', async () => {
      const [row] = await db.select().from(emails).where(eq(emails.toAddress, invitee));
      return row;
    });
    expect(queued.template).toBe('staff-invitation');
    await app.sendMail();
    const mail = await app.waitForMail(invitee, `Join ${seller.name}`);
    const link = `http://localhost:4300/invitations/accept?token=${encodeURIComponent(token)}`;
    expect(mail.Text).toContain(link);
    expect(mail.HTML).toContain(`href="${link}"`);
    expect(mail.Text).not.toContain('v1.');

    await app.sendMail();
    expect((await app.mailTo(invitee)).filter((caught) => caught.Subject.includes('Join'))).toHaveLength(1);
    const [sent] = await db.select().from(emails).where(eq(emails.toAddress, invitee));
    expect(sent!.status).toBe('sent');
    expect(`${sent!.text}${sent!.html}`).not.toContain(token.split('.')[1]!);
  });

  it('overlapping sweeps (two replicas, a slow SMTP server) send a queued mail once', async () => {
    const to = `overlap-${ulid().toLowerCase()}@example.com`;
    const subject = `Overlap ${ulid()}`;
    await mailRecords(app.app.get(MySqlDatabase).db).enqueue(
      {
        template: 'order-confirmation',
        to,
        tenantId: null,
        dedupeKey: `overlap:${to}`,
        subject,
        text: 'once',
        html: '<p>once</p>',
      },
      new Date(),
    );
    const sent = await Promise.all([app.sendMail(), app.sendMail(), app.sendMail()]);
    expect(sent.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(1);
    const mail = await app.waitForMail(to, subject);
    expect(await app.mailTo(to)).toHaveLength(1);
    const [row] = await app.app.get(MySqlDatabase).db.select().from(emails).where(eq(emails.toAddress, to));
    expect(row!.status).toBe('sent');
    // Its Message-ID is its queue id, so a copy sent again after a crash is the same message to the client.
    expect(mail.MessageID).toBe(`${row!.id}@marketplace.example`);
  });

  it('shipping and refunds mail the buyer with tracking and the order link; a redelivered event mails once', async () => {
    const order = paidOrder();
    await app.publish(order.event);
    const shipped = SellerOrderShipped.create(
      {
        buyerOrderId: order.buyerOrderId,
        sellerOrderId: order.sellerOrderId,
        tenantId: seller.tenantId,
        carrier: 'DHL',
        trackingNumber: 'JD0146000035',
        shippedAt: new Date().toISOString(),
      },
      { tenantId: seller.tenantId },
    );
    const refund = RefundCreated.create(
      {
        refundId: ulid(),
        buyerOrderId: order.buyerOrderId,
        sellerOrderId: order.sellerOrderId,
        amount: 2495,
        currency: 'EUR',
        providerRefundId: `re_${ulid()}`,
        createdAt: new Date().toISOString(),
      },
      { tenantId: null },
    );
    await app.publish(shipped, refund);
    await app.publish(shipped);

    await waitFor('the shipped and refund entries', async () => {
      const kinds = (await feedOf(buyer.token)).notifications.nodes
        .filter((node) => node.link.endsWith(order.buyerOrderId))
        .map((node) => node.kind);
      return kinds.includes('order.shipped') && kinds.includes('refund.decided');
    });
    await app.sendMail();
    const shippedMail = await app.waitForMail(buyer.email, `Your order ${order.buyerOrderId} has shipped`);
    expect(shippedMail.Text).toContain('Tracking number: JD0146000035');
    expect(shippedMail.HTML).toContain(`href="http://localhost:4200/account/orders/${order.buyerOrderId}"`);
    const refundMail = await app.waitForMail(buyer.email, `Refund for order ${order.buyerOrderId}`);
    expect(refundMail.Text).toContain('€24.95');

    await app.sendMail();
    const shippedMails = (await app.mailTo(buyer.email)).filter((mail) =>
      mail.Subject.includes(`${order.buyerOrderId} has shipped`),
    );
    expect(shippedMails).toHaveLength(1);
    const entries = (await feedOf(buyer.token)).notifications.nodes.filter(
      (node) => node.kind === 'order.shipped' && node.link.endsWith(order.buyerOrderId),
    );
    expect(entries).toHaveLength(1);
  });

  it('read state is per user: one staff member reading leaves it unread for the owner; others cannot mark it', async () => {
    const stock = StockLow.create(
      { tenantId: seller.tenantId, sku: `LOW-${ulid()}`, available: 2, threshold: 5 },
      { tenantId: seller.tenantId },
    );
    await app.publish(stock);
    const entry = await waitFor('the low-stock entry', async () =>
      (await feedOf(seller.staff!.token)).notifications.nodes.find((node) =>
        node.title.includes(stock.envelope.payload.sku),
      ),
    );
    const ownerUnread = (await feedOf(seller.owner.token)).unreadNotificationCount;
    const staffUnread = (await feedOf(seller.staff!.token)).unreadNotificationCount;

    // A buyer (another audience) cannot mark the seller's entry.
    expect((await app.gql(MARK_READ, { ids: [entry.id] }, buyer.token)).data).toEqual({
      markNotificationsRead: 0,
    });
    expect((await app.gql(MARK_READ, { ids: [entry.id] }, seller.staff!.token)).data).toEqual({
      markNotificationsRead: 1,
    });

    const staffAfter = await feedOf(seller.staff!.token);
    expect(staffAfter.unreadNotificationCount).toBe(staffUnread - 1);
    expect(staffAfter.notifications.nodes.find((node) => node.id === entry.id)?.read).toBe(true);
    expect(
      (await feedOf(seller.staff!.token, { unreadOnly: true })).notifications.nodes.map((node) => node.id),
    ).not.toContain(entry.id);
    expect((await feedOf(seller.owner.token)).unreadNotificationCount).toBe(ownerUnread);

    expect((await app.gql(MARK_ALL, {}, seller.owner.token)).data).toEqual({
      markAllNotificationsRead: true,
    });
    const ownerAfter = await feedOf(seller.owner.token);
    expect(ownerAfter.unreadNotificationCount).toBe(0);
    expect(ownerAfter.notifications.nodes.every((node) => node.read)).toBe(true);
  });

  it("a buyer's review reaches every member of the reviewed product's seller, whatever the rating", async () => {
    const productId = ulid();
    const review = ReviewPublished.create(
      {
        reviewId: ulid(),
        productId,
        tenantId: seller.tenantId,
        buyerId: buyer.userId,
        sellerOrderId: ulid(),
        rating: 1,
        at: new Date().toISOString(),
      },
      { tenantId: seller.tenantId },
    );
    await app.publish(review);
    for (const member of [seller.owner, seller.staff!]) {
      const entry = await waitFor('the new-review entry', async () =>
        (await feedOf(member.token)).notifications.nodes.find((node) =>
          node.link.endsWith(`/products/${productId}`),
        ),
      );
      expect(entry).toMatchObject({
        kind: 'review.new',
        title: 'New review',
        body: 'A buyer rated a product 1 star.',
      });
    }
    expect((await feedOf(buyer.token)).notifications.nodes.some((node) => node.kind === 'review.new')).toBe(
      false,
    );
  });

  it("a buyer sees only their own entries, never the seller's or another buyer's", async () => {
    const other = await createTestBuyer();
    const order = paidOrder(other.userId);
    await app.publish(order.event);
    await waitFor('the other buyer entry', async () =>
      (await feedOf(other.token)).notifications.nodes.some((node) => node.link.endsWith(order.buyerOrderId)),
    );
    const mine = (await feedOf(buyer.token)).notifications.nodes;
    expect(mine.some((node) => node.link.endsWith(order.buyerOrderId))).toBe(false);
    expect(mine.some((node) => node.kind === 'order.new' || node.kind === 'stock.low')).toBe(false);
    const theirs = (await feedOf(other.token)).notifications.nodes;
    expect(theirs.map((node) => node.kind)).toEqual(['order.confirmed']);
  });

  it('pages through the feed with opaque cursors', async () => {
    const first = await feedOf(seller.owner.token, { first: 1 });
    expect(first.notifications.nodes).toHaveLength(1);
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const second = await feedOf(seller.owner.token, {
      first: 1,
      after: first.notifications.pageInfo.endCursor,
    });
    expect(second.notifications.nodes).toHaveLength(1);
    expect(second.notifications.nodes[0]!.id).not.toBe(first.notifications.nodes[0]!.id);
  });

  it("a seller owner who opted out of new-order mail gets none; the buyer's confirmation is still sent", async () => {
    expect((await app.gql(PREFERENCES, {}, seller.owner.token)).data).toEqual({
      notificationPreferences: { newOrders: true, lowStock: true, webhookFailures: true },
    });
    const choices = { newOrders: false, lowStock: true, webhookFailures: true };
    const set = await app.gql(SET_PREFERENCES, { input: choices }, seller.owner.token);
    expect(set.data).toEqual({ updateNotificationPreferences: choices });

    const order = paidOrder();
    await app.publish(order.event);
    await app.sendMail();
    await waitFor('the confirmation', async () => {
      await app.sendMail();
      return (await app.mailTo(buyer.email)).some((mail) =>
        mail.Subject.includes(`Order ${order.buyerOrderId} confirmed`),
      );
    });
    expect((await app.mailTo(sellerContact)).some((mail) => mail.Subject.includes(order.sellerOrderId))).toBe(
      false,
    );
  });

  it("a webhook endpoint disabled after failing tells the seller's owner (feed entry, e-mail) unless mail is off", async () => {
    const disabled = (url: string) =>
      WebhookEndpointDisabled.create(
        {
          endpointId: ulid(),
          tenantId: seller.tenantId,
          url,
          failingSince: '2026-12-01T08:30:00.000Z',
          lastResponseStatus: 503,
          disabledAt: new Date().toISOString(),
        },
        { tenantId: seller.tenantId },
      );
    const ownerEntry = (url: string) =>
      waitFor('the owner entry', async () =>
        (await feedOf(seller.owner.token)).notifications.nodes.find((node) => node.body.startsWith(url)),
      );

    const url = `https://erp.example/hooks/${ulid().toLowerCase()}`;
    const first = disabled(url);
    await app.publish(first);
    await app.publish(first);
    expect(await ownerEntry(url)).toMatchObject({
      kind: 'webhook-endpoint.disabled',
      title: 'Webhook endpoint disabled',
      body: `${url} kept failing since 2026-12-01; enable it again once it answers.`,
      link: 'http://localhost:4300/developers',
      read: false,
    });
    // Staff cannot manage webhooks: the entry is the owner's alone.
    const staffFeed = (await feedOf(seller.staff!.token)).notifications.nodes;
    expect(staffFeed.some((node) => node.kind === 'webhook-endpoint.disabled')).toBe(false);

    await app.sendMail();
    const mail = await app.waitForMail(sellerContact, `Webhook endpoint of ${seller.name} disabled`);
    expect(mail.To.map((to) => to.Address)).toEqual([sellerContact]);
    expect(mail.Text).toContain(
      `Deliveries to ${url} have failed since 2026-12-01 08:30 UTC (last answer: HTTP 503)`,
    );
    expect(mail.HTML).toContain('href="http://localhost:4300/developers"');
    await app.sendMail();
    expect((await app.mailTo(sellerContact)).filter((caught) => caught.Text.includes(url))).toHaveLength(1);
    expect(
      (await feedOf(seller.owner.token)).notifications.nodes.filter((node) => node.body.startsWith(url)),
    ).toHaveLength(1);

    const choices = { newOrders: false, lowStock: true, webhookFailures: false };
    expect((await app.gql(SET_PREFERENCES, { input: choices }, seller.owner.token)).data).toEqual({
      updateNotificationPreferences: choices,
    });
    const quietUrl = `https://erp.example/hooks/${ulid().toLowerCase()}`;
    const second = disabled(quietUrl);
    await app.publish(second);
    await ownerEntry(quietUrl);
    // The mail would have been queued in the entry's transaction.
    const queued = await app.app
      .get(MySqlDatabase)
      .db.select()
      .from(emails)
      .where(
        and(
          eq(emails.template, 'webhook-endpoint-disabled'),
          like(emails.dedupeKey, `${second.envelope.id}:%`),
        ),
      );
    expect(queued).toEqual([]);
  });

  it('refuses bad input with clear errors and without a token', async () => {
    expect(errorCode(await app.gql(FEED, { first: 0 }, buyer.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(FEED, { first: 101 }, buyer.token))).toBe('BAD_USER_INPUT');
    const badCursor = await app.gql(FEED, { first: 5, after: 'not-a-cursor' }, buyer.token);
    expect(badCursor.errors?.[0]?.message).toMatch(/after: not a cursor/);
    expect(errorCode(await app.gql(MARK_READ, { ids: ['../../etc'] }, buyer.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(MARK_READ, { ids: [] }, buyer.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(FEED, { first: 5 }))).toBe('UNAUTHENTICATED');
  });
});
