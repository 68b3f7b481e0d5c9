import { freePort } from '@marketplace/e2e';
import { createTestTenant, dataOf, errorCode, waitFor, type TestTenant } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  CatalogEvents,
  createEndpoint,
  CREATE_ENDPOINT,
  ENDPOINT,
  ENDPOINTS,
  startWebhooksApp,
  UPDATE_ENDPOINT,
  type WebhooksTestApp,
} from './support';

describe('webhooks: SSRF guard (WEBHOOK_SSRF_GUARD=true, as in production)', () => {
  let app: WebhooksTestApp;
  let seller: TestTenant;

  beforeAll(async () => {
    app = await startWebhooksApp({ WEBHOOK_SSRF_GUARD: 'true' });
    seller = await createTestTenant();
  });
  afterAll(() => app?.close());

  it.each([
    ['plain http', 'http://hooks.example.com/in'],
    ['loopback', 'https://127.0.0.1/hooks'],
    ['another loopback address', 'https://127.8.9.10:8443/hooks'],
    ['localhost (resolves to loopback)', 'https://localhost/hooks'],
    ['a private network', 'https://10.1.2.3/hooks'],
    ['a private network (172.16/12)', 'https://172.20.0.5/hooks'],
    ['a home network', 'https://192.168.1.10/hooks'],
    ['the cloud metadata address (link-local)', 'https://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'https://[::1]/hooks'],
    ['IPv6 unique-local', 'https://[fd00::1]/hooks'],
    ['IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]/hooks'],
    ['the unspecified address', 'https://0.0.0.0/hooks'],
  ])('refuses %s and creates nothing', async (_what, url) => {
    const answer = await app.gql(
      CREATE_ENDPOINT,
      { input: { url, topics: ['order.paid'] } },
      seller.owner.token,
    );
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    expect(dataOf(await app.gql(ENDPOINTS, { first: 10 }, seller.owner.token))).toEqual({
      webhookEndpoints: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it('accepts a public https URL', async () => {
    const created = await createEndpoint(app.gql, seller.owner.token, 'https://203.0.114.7/hooks', [
      'order.paid',
    ]);
    expect(created.id).toHaveLength(26);
  });
});

describe('webhooks: an endpoint failing for too long', () => {
  let app: WebhooksTestApp;
  let events: CatalogEvents;
  let seller: TestTenant;

  beforeAll(async () => {
    // Disabled after 1 s of failures instead of days; attempts every 200 ms.
    app = await startWebhooksApp({
      WEBHOOK_DISABLE_AFTER: '1s',
      WEBHOOK_RETRY_SCHEDULE: '0,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms',
    });
    events = new CatalogEvents();
    seller = await createTestTenant();
  });
  afterAll(async () => {
    await events?.close();
    await app?.close();
  });

  it('is disabled, its owner is told through webhook-endpoint.disabled, and re-enabling resumes it', async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}/hooks`;
    const endpoint = await createEndpoint(app.gql, seller.owner.token, deadUrl);
    await events.productUpdated(seller.tenantId, ulid(), 'nobody listens');

    const disabled = await waitFor(
      'the endpoint to be disabled',
      async () => {
        const view = dataOf(
          await app.gql<{ webhookEndpoint: { enabled: boolean; disabledReason: string | null } }>(
            ENDPOINT,
            { id: endpoint.id },
            seller.owner.token,
          ),
        ).webhookEndpoint;
        return !view.enabled && view;
      },
      { timeoutMs: 90_000 },
    );
    expect(disabled.disabledReason).toBe('failing');
    const [notice] = await app.outboxEvents({ type: 'webhook-endpoint.disabled', key: endpoint.id });
    expect(notice).toMatchObject({
      tenantId: seller.tenantId,
      payload: { endpointId: endpoint.id, tenantId: seller.tenantId, url: deadUrl, lastResponseStatus: null },
    });

    const enabled = dataOf(
      await app.gql<{
        updateWebhookEndpoint: {
          enabled: boolean;
          disabledReason: string | null;
          failingSince: string | null;
        };
      }>(UPDATE_ENDPOINT, { input: { id: endpoint.id, enabled: true } }, seller.owner.token),
    ).updateWebhookEndpoint;
    expect(enabled).toEqual({
      id: endpoint.id,
      url: deadUrl,
      topics: ['product.updated'],
      enabled: true,
      disabledReason: null,
      failingSince: null,
    });
  });
});
