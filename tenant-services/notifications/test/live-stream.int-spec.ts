import { SellerOrderShipped, OrderPlaced, StockChanged, TenantRegistered } from '@marketplace/contracts';
import {
  createTestAdmin,
  createTestBuyer,
  createTestTenant,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { decodePositions } from '../src/live/live-cursor';
import { LiveEvents } from '../src/live/live-events';
import {
  EventStreamReader,
  StreamRefused,
  startNotificationsApp,
  type NotificationsTestApp,
} from './support';

describe('notifications: live events over Server-Sent Events', () => {
  let app: NotificationsTestApp;
  let seller: TestTenant;
  let otherSeller: TestTenant;
  let buyer: TestUser;
  let otherBuyer: TestUser;
  let admin: TestUser;
  const readers: EventStreamReader[] = [];

  beforeAll(async () => {
    app = await startNotificationsApp({ LIVE_HEARTBEAT_SECONDS: '1' });
    [seller, otherSeller, buyer, otherBuyer, admin] = await Promise.all([
      createTestTenant(),
      createTestTenant(),
      createTestBuyer(),
      createTestBuyer(),
      createTestAdmin(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => app.close());

  async function ticketFor(user: TestUser): Promise<string> {
    const answer = await app.rest('POST', '/api/v1/stream-tickets', undefined, user.token);
    expect(answer.status).toBe(201);
    return (answer.body as { ticket: string }).ticket;
  }

  async function open(
    query: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<EventStreamReader> {
    const reader = await EventStreamReader.open(
      `${app.baseUrl}/api/v1/stream?${new URLSearchParams(query)}`,
      headers,
    );
    readers.push(reader);
    await reader.waitForEvent('ready', (event) => event.event === 'ready');
    return reader;
  }

  async function refusal(
    query: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<number> {
    try {
      readers.push(
        await EventStreamReader.open(`${app.baseUrl}/api/v1/stream?${new URLSearchParams(query)}`, headers),
      );
    } catch (error) {
      if (error instanceof StreamRefused) return error.status;
      throw error;
    }
    return 200;
  }

  function stockChange(tenantId: string, sku: string, available: number) {
    return StockChanged.create({ tenantId, sku, available }, { tenantId });
  }

  it('a product page hears its stock change without signing in, and heartbeats keep the connection alive', async () => {
    const sku = `SKU-${ulid()}`;
    const reader = await open({ channels: `stock:${seller.tenantId}:${sku}` });
    await app.publish(stockChange(seller.tenantId, sku, 0));
    const event = await reader.waitForEvent('the stock event', (candidate) => candidate.event === 'message');
    expect(JSON.parse(event.data)).toEqual({
      channel: `stock:${seller.tenantId}:${sku}`,
      type: 'stock',
      data: { sku, available: 0 },
    });
    const before = reader.events.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Heartbeats are comments: the connection stays open and no event is invented.
    expect(reader.events.length).toBe(before);
  });

  it("a buyer hears their own order's status and tracking with a single-use ticket", async () => {
    const reader = await open({ channels: `user:${buyer.userId}`, ticket: await ticketFor(buyer) });
    const buyerOrderId = ulid();
    const sellerOrderId = ulid();
    await app.publish(
      OrderPlaced.create(
        {
          buyerOrderId,
          buyerId: buyer.userId,
          total: 1000,
          currency: 'EUR',
          sellerOrders: [
            {
              sellerOrderId,
              tenantId: seller.tenantId,
              subtotal: 1000,
              lines: [{ productId: 'p1', sku: 'A', quantity: 1, unitPrice: 1000 }],
            },
          ],
          placedAt: new Date().toISOString(),
        },
        { tenantId: null },
      ),
      SellerOrderShipped.create(
        {
          buyerOrderId,
          sellerOrderId,
          tenantId: seller.tenantId,
          carrier: 'UPS',
          trackingNumber: '1Z999',
          shippedAt: new Date().toISOString(),
        },
        { tenantId: seller.tenantId },
      ),
    );
    await reader.waitForEvent('the shipping event', (event) => event.data.includes('1Z999'));
    expect(reader.messages().map((message) => [message.type, message.data.status])).toEqual([
      ['order.status', 'placed'],
      ['seller-order.status', 'shipped'],
    ]);
    expect(reader.messages()[1]!.data).toMatchObject({
      carrier: 'UPS',
      trackingNumber: '1Z999',
      sellerOrderId,
    });
  });

  it("refuses another user's, another seller's and the admins' channels, used tickets and bad input", async () => {
    const buyerTicket = await ticketFor(buyer);
    expect(await refusal({ channels: `user:${otherBuyer.userId}`, ticket: buyerTicket })).toBe(403);
    expect(await refusal({ channels: `user:${buyer.userId}` })).toBe(403);
    // The refused attempt used the ticket up.
    expect(await refusal({ channels: `user:${buyer.userId}`, ticket: buyerTicket })).toBe(401);
    expect(await refusal({ channels: `user:${buyer.userId}`, ticket: 'x'.repeat(32) })).toBe(401);

    const ownerTicket = await ticketFor(seller.owner);
    expect(await refusal({ channels: `tenant:${otherSeller.tenantId}`, ticket: ownerTicket })).toBe(403);
    expect(await refusal({ channels: 'admins', ticket: await ticketFor(seller.owner) })).toBe(403);
    expect(await refusal({ channels: 'admins', ticket: await ticketFor(admin) })).toBe(200);

    expect(await refusal({ channels: '' })).toBe(400);
    expect(await refusal({ channels: 'everything' })).toBe(400);
    expect(await refusal({ channels: Array.from({ length: 21 }, (_, i) => `stock:t:${i}`).join(',') })).toBe(
      400,
    );
    expect(await refusal({ channels: `stock:${seller.tenantId}:A` }, { 'last-event-id': 'garbage' })).toBe(
      400,
    );
    expect((await app.rest('POST', '/api/v1/stream-tickets')).status).toBe(401);
  });

  it('sellers hear their own tenant channel, admins hear new seller applications', async () => {
    const sellerReader = await open({
      channels: `tenant:${seller.tenantId}`,
      ticket: await ticketFor(seller.owner),
    });
    const adminReader = await open({ channels: 'admins', ticket: await ticketFor(admin) });
    const applicant = ulid();
    await app.publish(
      TenantRegistered.create(
        {
          tenantId: applicant,
          name: 'Applicant GmbH',
          alias: `applicant-${applicant.toLowerCase()}`,
          status: 'pending',
          commissionBps: 1000,
          defaultCurrency: 'EUR',
          contactEmail: `hello-${applicant.toLowerCase()}@applicant.example`,
          ownerUserId: ulid(),
          registeredAt: new Date().toISOString(),
        },
        { tenantId: applicant },
      ),
    );
    const application = await adminReader.waitForEvent('the application', (event) =>
      event.data.includes(applicant),
    );
    expect(JSON.parse(application.data)).toMatchObject({
      channel: 'admins',
      type: 'seller.applied',
      data: { name: 'Applicant GmbH' },
    });
    expect(sellerReader.messages()).toEqual([]);
  });

  it('a reconnect with Last-Event-ID resumes exactly after the last event seen: nothing lost, nothing repeated', async () => {
    const sku = `SKU-${ulid()}`;
    const channels = `stock:${seller.tenantId}:${sku},stock:${otherSeller.tenantId}:${sku}`;
    const first = await open({ channels });
    await app.publish(stockChange(seller.tenantId, sku, 5));
    await first.waitForEvent('the first event', (event) => event.data.includes('"available":5'));
    const lastSeen = first.lastEventId!;
    await first.close();

    // While disconnected: events on both channels, including one that was silent before the drop.
    await app.publish(stockChange(seller.tenantId, sku, 4));
    await app.publish(stockChange(otherSeller.tenantId, sku, 9));
    await app.publish(stockChange(seller.tenantId, sku, 3));
    const live = app.app.get(LiveEvents);
    const seen = decodePositions(lastSeen).get(`stock:${seller.tenantId}:${sku}`)!;
    await waitForStream(
      async () =>
        (await live.since(`stock:${seller.tenantId}:${sku}`, seen)).events.length === 2 &&
        (await live.latestId(`stock:${otherSeller.tenantId}:${sku}`)) !== '0-0',
    );

    const resumed = await open({ channels }, { 'last-event-id': lastSeen });
    await app.publish(stockChange(seller.tenantId, sku, 2));
    await resumed.waitForEvent('the live event after the replay', (event) =>
      event.data.includes('"available":2'),
    );
    expect(
      resumed
        .messages()
        .map((message) => `${message.channel.split(':')[1]}:${String(message.data.available)}`),
    ).toEqual([
      `${seller.tenantId}:4`,
      `${seller.tenantId}:3`,
      `${otherSeller.tenantId}:9`,
      `${seller.tenantId}:2`,
    ]);
  });

  it("fans out across replicas: a connection on one replica hears what another replica's consumer published", async () => {
    const replica = await startNotificationsApp({ LIVE_KEY_PREFIX: app.config.LIVE_KEY_PREFIX });
    try {
      const sku = `SKU-${ulid()}`;
      const reader = await EventStreamReader.open(
        `${replica.baseUrl}/api/v1/stream?${new URLSearchParams({ channels: `stock:${seller.tenantId}:${sku}` })}`,
      );
      readers.push(reader);
      await reader.waitForEvent('ready', (event) => event.event === 'ready');
      await app.app
        .get(LiveEvents)
        .publish(`stock:${seller.tenantId}:${sku}`, { type: 'stock', data: { sku, available: 7 } });
      await reader.waitForEvent('the event from the other replica', (event) =>
        event.data.includes('"available":7'),
      );
    } finally {
      await Promise.all(readers.splice(0).map((reader) => reader.close()));
      await replica.close();
    }
  });
});

async function waitForStream(probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the replay stream');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
