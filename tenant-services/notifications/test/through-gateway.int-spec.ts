import { StockChanged } from '@marketplace/contracts';
import { loadConfig } from '@marketplace/config';
import { createGateway, gatewayConfigSchema, type Gateway } from '@marketplace/gateway';
import { createTestBuyer, type TestUser } from '@marketplace/testing';
import { ulid } from 'ulid';
import { EventStreamReader, startNotificationsApp, type NotificationsTestApp } from './support';

/** Two gateway replicas in front of the service, as behind a Kubernetes load balancer. */
describe('notifications: live events through the gateway', () => {
  let app: NotificationsTestApp;
  let buyer: TestUser;
  const gateways: { gateway: Gateway; url: string }[] = [];

  beforeAll(async () => {
    app = await startNotificationsApp();
    buyer = await createTestBuyer();
    for (let replica = 0; replica < 2; replica += 1) {
      const gateway = createGateway(
        loadConfig(gatewayConfigSchema, {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          SUBGRAPHS: `notifications=${app.baseUrl}`,
          RATE_LIMIT_KEY_PREFIX: `test:gateway:${ulid()}`,
        }),
      );
      await gateway.start();
      gateways.push({ gateway, url: await gateway.app.listen({ port: 0, host: '127.0.0.1' }) });
    }
  });
  afterAll(async () => {
    await Promise.all(gateways.map(({ gateway }) => gateway.close()));
    await app.close();
  });

  it('a ticket from one replica opens a stream on another; events stream through unbuffered, and resume through it', async () => {
    const [first, second] = [gateways[0]!, gateways[1]!];
    const issued = await fetch(`${first.url}/api/v1/notifications/stream-tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${buyer.token}` },
    });
    expect(issued.status).toBe(201);
    const { ticket } = (await issued.json()) as { ticket: string };

    const tenantId = ulid();
    const sku = `SKU-${ulid()}`;
    const channels = `user:${buyer.userId},stock:${tenantId}:${sku}`;
    const reader = await EventStreamReader.open(
      `${second.url}/api/v1/notifications/stream?${new URLSearchParams({ channels, ticket })}`,
    );
    try {
      await reader.waitForEvent('ready', (event) => event.event === 'ready');
      await app.publish(StockChanged.create({ tenantId, sku, available: 0 }, { tenantId }));
      await reader.waitForEvent('the stock event', (event) => event.data.includes('"available":0'));
    } finally {
      await reader.close();
    }

    await app.publish(StockChanged.create({ tenantId, sku, available: 8 }, { tenantId }));
    const resumed = await EventStreamReader.open(
      `${first.url}/api/v1/notifications/stream?${new URLSearchParams({ channels: `stock:${tenantId}:${sku}` })}`,
      { 'last-event-id': reader.lastEventId! },
    );
    try {
      await resumed.waitForEvent('the missed event', (event) => event.data.includes('"available":8'));
    } finally {
      await resumed.close();
    }
  });

  it("passes refusals on: another user's channel is 403, a missing service 404", async () => {
    const response = await fetch(
      `${gateways[0]!.url}/api/v1/notifications/stream?${new URLSearchParams({ channels: `user:${ulid()}` })}`,
    );
    expect(response.status).toBe(403);
    expect((await fetch(`${gateways[0]!.url}/api/v1/nothing/stream?channels=admins`)).status).toBe(404);
  });
});
