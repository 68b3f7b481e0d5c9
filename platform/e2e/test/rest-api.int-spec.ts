import { createHmac, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { listTodaysOrders, syncStockFromCsv, webhookHandler } from '@marketplace/example-integrator';
import {
  createMarketplaceClient,
  paginate,
  unwrap,
  verifyWebhook,
  type MarketplaceClient,
} from '@marketplace/sdk';
import {
  createTestApiClient,
  createTestBuyer,
  createTestTenant,
  type TestApiClient,
  waitFor,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  BOOT_TIMEOUT_MS,
  dataOf,
  Marketplace,
  startPlatform,
  type RunningPlatform,
  type Seller,
} from '../src';

const COMMITTED_DOCUMENT = join(__dirname, '../../sdk/openapi.json');

interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * The integrators' REST API (issue 16) through the gateway over the real services: the OpenAPI document, an
 * idempotent POST, problem details, pagination, tenant isolation, the orders, refunds and webhook endpoint
 * routes and the SDK's example integrator, each as an API client (client credentials) of its own tenant.
 */
describe('e2e: REST API v1 for integrators', () => {
  let platform: RunningPlatform;
  let market: Marketplace;
  let sellerA: Seller;
  let sellerB: Seller;
  let clientA: TestApiClient;
  let clientB: TestApiClient;

  let booting: Promise<RunningPlatform> | undefined;

  // Twice the usual boot budget: helpers share two cores. A boot that outlives it is still closed in afterAll.
  beforeAll(async () => {
    booting = startPlatform({ webhooks: true });
    platform = await booting;
  }, 2 * BOOT_TIMEOUT_MS);
  beforeAll(async () => {
    market = new Marketplace(platform);
    [sellerA, sellerB] = await Promise.all([market.seller(), market.seller()]);
    [clientA, clientB] = await Promise.all([
      createTestApiClient(sellerA.tenantId),
      createTestApiClient(sellerB.tenantId),
    ]);
  }, 120_000);
  afterAll(async () => {
    await (platform ?? (await booting?.catch(() => undefined)))?.close();
  }, 2 * BOOT_TIMEOUT_MS);

  const rest = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> => {
    const response = await fetch(`${platform.urls.gateway}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body !== undefined || options.rawBody !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.rawBody !== undefined ? { body: options.rawBody } : {}),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : {}) as T };
  };
  const newProduct = (sku = `REST-${ulid()}`, priceMinor = 1_500) => ({
    title: `REST item ${sku}`,
    currency: 'EUR',
    variants: [{ sku, priceMinor }],
  });
  const expectProblem = (answer: Answer, status: number, code: string) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: 'about:blank', status, code });
    expect(typeof answer.body.detail).toBe('string');
    expect(JSON.stringify(answer.body)).not.toMatch(/\n\s+at /);
  };
  const sdk = (client: TestApiClient): MarketplaceClient =>
    createMarketplaceClient({ baseUrl: platform.urls.gateway, accessToken: client.token });

  it('serves a merged OpenAPI 3.1 document that validates and is the one the SDK was generated from', async () => {
    const answer = await rest('GET', '/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.body as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/catalog/products',
        '/api/v1/catalog/products/{id}/variants/{variantId}',
        '/api/v1/inventory/stock/set',
        '/api/v1/inventory/stock/adjust',
        '/api/v1/orders/orders/{id}/ship',
        '/api/v1/orders/refunds',
        '/api/v1/webhooks/endpoints',
        '/api/v1/webhooks/endpoints/{id}/attempts',
        '/api/v1/webhooks/endpoints/{id}/redeliver',
      ]),
    );
    // The Swagger UI page links the developer guide, which the gateway serves from the repository.
    const page = await fetch(`${platform.urls.gateway}/docs`).then((response) => response.text());
    expect(page).toContain('href="/docs/guide"');
    const guide = await fetch(`${platform.urls.gateway}/docs/guide`);
    expect(guide.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await guide.text()).toMatch(/^# Developer guide/);

    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === '1') await writeFile(COMMITTED_DOCUMENT, text);
    // Stale SDK: run this suite with UPDATE_OPENAPI=1, then `pnpm --filter @marketplace/sdk generate`.
    expect(text).toBe(await readFile(COMMITTED_DOCUMENT, 'utf8'));
  });

  it('replays an idempotent POST without acting twice, and refuses the key with another body (422)', async () => {
    const key = `create-${ulid()}`;
    const body = newProduct();
    const first = await rest('POST', '/api/v1/catalog/products', {
      token: clientA.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ title: body.title, status: 'draft', tenantId: sellerA.tenantId });
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const again = await rest('POST', '/api/v1/catalog/products', {
      token: clientA.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const titles = [] as string[];
    for await (const product of paginate((cursor) =>
      rest<{ data: { title: string }[]; next_cursor: string | null }>(
        'GET',
        `/api/v1/catalog/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
        { token: clientA.token },
      ).then((answer) => answer.body),
    ))
      titles.push(product.title);
    expect(titles.filter((title) => title === body.title)).toHaveLength(1);

    const other = await rest('POST', '/api/v1/catalog/products', {
      token: clientA.token,
      body: newProduct(),
      headers: { 'idempotency-key': key },
    });
    expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');

    // Keys belong to the tenant: the same key of another tenant is a new request.
    const elsewhere = await rest('POST', '/api/v1/catalog/products', {
      token: clientB.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.tenantId).toBe(sellerB.tenantId);
    expect(elsewhere.body.id).not.toBe(first.body.id);
  });

  it('answers errors as problem+json: validation with fields, 401, 404, unknown route, bad JSON, bad cursor', async () => {
    const invalid = await rest<{ errors: { field: string }[] }>('POST', '/api/v1/catalog/products', {
      token: clientA.token,
      body: { title: '', currency: 'EURO', variants: [] },
    });
    expectProblem(invalid, 400, 'VALIDATION_FAILED');
    expect(invalid.body.errors.map((error) => error.field)).toEqual(
      expect.arrayContaining(['title', 'currency', 'variants']),
    );

    expectProblem(await rest('GET', '/api/v1/catalog/products'), 401, 'UNAUTHENTICATED');
    expectProblem(
      await rest('GET', `/api/v1/catalog/products/${ulid()}`, { token: clientA.token }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await rest('GET', `/api/v1/orders/orders/${ulid()}`, { token: clientA.token }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await rest('GET', '/api/v1/catalog/nothing-here', { token: clientA.token }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await rest('GET', '/api/v1/nosuch/things', { token: clientA.token }), 404, 'NOT_FOUND');
    const badJson = await rest('POST', '/api/v1/inventory/stock/set', {
      token: clientA.token,
      rawBody: '{"sku":',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expectProblem(
      await rest('GET', '/api/v1/orders/orders?cursor=not-a-cursor', { token: clientA.token }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await rest('GET', '/api/v1/catalog/products?limit=1000', { token: clientA.token }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('walks every page of a list with limit and cursor, and announces the tenant rate limit', async () => {
    const seller = await market.seller();
    const client = await createTestApiClient(seller.tenantId);
    const created: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const answer = await rest('POST', '/api/v1/catalog/products', {
        token: client.token,
        body: newProduct(),
      });
      created.push(answer.body.id as string);
    }
    const seen: string[] = [];
    let pages = 0;
    let cursor: string | null = null;
    do {
      const page: Answer<{ data: { id: string }[]; next_cursor: string | null }> = await rest(
        'GET',
        `/api/v1/catalog/products?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: client.token },
      );
      expect(page.status).toBe(200);
      expect(page.headers.get('ratelimit-policy')).toMatch(/^"tenant";q=\d+;w=\d+$/);
      expect(page.headers.get('ratelimit')).toMatch(/^"tenant";r=\d+;t=\d+$/);
      seen.push(...page.body.data.map((product) => product.id));
      cursor = page.body.next_cursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });

  it('edits products and variants and sets and adjusts stock, over the same services as GraphQL', async () => {
    const sku = `REST-${ulid()}`;
    const product = (
      await rest('POST', '/api/v1/catalog/products', { token: clientA.token, body: newProduct(sku) })
    ).body as { id: string; variants: { id: string }[] };
    const path = `/api/v1/catalog/products/${product.id}`;

    const renamed = await rest('PATCH', path, { token: clientA.token, body: { title: 'Renamed over REST' } });
    expect(renamed.body).toMatchObject({ title: 'Renamed over REST' });
    const added = await rest('POST', `${path}/variants`, {
      token: clientA.token,
      body: { sku: `${sku}-L`, priceMinor: 1_900 },
    });
    expect(added.status).toBe(201);
    const variantId = added.body.id as string;
    const repriced = await rest('PATCH', `${path}/variants/${variantId}`, {
      token: clientA.token,
      body: { priceMinor: 2_100 },
    });
    expect(repriced.body).toMatchObject({ id: variantId, sku: `${sku}-L`, priceMinor: 2_100 });
    const duplicate = await rest('POST', `${path}/variants`, {
      token: clientA.token,
      body: { sku: `${sku}-L`, priceMinor: 1_900 },
    });
    expectProblem(duplicate, 400, 'VALIDATION_FAILED');
    expect((await rest('DELETE', `${path}/variants/${variantId}`, { token: clientA.token })).status).toBe(
      204,
    );
    const variants = await rest<{ data: { sku: string }[] }>('GET', `${path}/variants`, {
      token: clientA.token,
    });
    expect(variants.body.data.map((variant) => variant.sku)).toEqual([sku]);

    // GraphQL sees what REST changed: one application service behind both.
    const viaGraphql = dataOf(
      await platform.gql<{ myProduct: { title: string; maxPrice: number } }>(
        'query($id: ID!) { myProduct(id: $id) { title maxPrice } }',
        { id: product.id },
        clientA.token,
      ),
      'myProduct',
    ).myProduct;
    expect(viaGraphql).toEqual({ title: 'Renamed over REST', maxPrice: 1_500 });

    const set = await rest('POST', '/api/v1/inventory/stock/set', {
      token: clientA.token,
      body: { sku, onHand: 10, reason: 'count' },
    });
    expect(set.body).toMatchObject({ sku, onHand: 10, available: 10 });
    const adjusted = await rest('POST', '/api/v1/inventory/stock/adjust', {
      token: clientA.token,
      body: { sku, delta: -3, reason: 'damaged' },
    });
    expect(adjusted.body).toMatchObject({ sku, onHand: 7 });
    const levels = await rest<{ data: { sku: string; onHand: number }[] }>(
      'GET',
      `/api/v1/inventory/stock?sku=${sku}`,
      { token: clientA.token },
    );
    expect(levels.body.data).toEqual([expect.objectContaining({ sku, onHand: 7 })]);

    // Inventory's stock events update the product in the catalog meanwhile: a delete that races one answers
    // 409 CONFLICT (the product changed), and the client's retry deletes it.
    let deleted = await rest('DELETE', path, { token: clientA.token });
    for (let attempt = 0; deleted.status === 409 && attempt < 10; attempt += 1) {
      expectProblem(deleted, 409, 'CONFLICT');
      await new Promise((resolve) => setTimeout(resolve, 200));
      deleted = await rest('DELETE', path, { token: clientA.token });
    }
    expect(deleted.status).toBe(204);
    expectProblem(await rest('GET', path, { token: clientA.token }), 404, 'NOT_FOUND');
  });

  it("lists, fulfils, ships and refunds the tenant's orders; tenant B can neither read nor change tenant A's", async () => {
    const product = await market.product(sellerA, 2_000, 5);
    const buyer = await createTestBuyer();
    await market.fillCart(buyer.token, [[product, 2]]);
    const order = dataOf(await market.checkout(buyer.token), 'checkout').checkout;
    const sellerOrderId = order.sellerOrders.find((part) => part.tenantId === sellerA.tenantId)!.id;

    const listed = await rest<{ data: { id: string }[] }>('GET', '/api/v1/orders/orders?status=paid', {
      token: clientA.token,
    });
    expect(listed.body.data.map((part) => part.id)).toContain(sellerOrderId);
    const one = await rest('GET', `/api/v1/orders/orders/${sellerOrderId}`, { token: clientA.token });
    expect(one.body).toMatchObject({ id: sellerOrderId, status: 'paid', subtotal: 4_000, currency: 'EUR' });

    // Tenant B: not found, whatever the route, and nothing changes.
    const foreignProduct = (
      await rest('POST', '/api/v1/catalog/products', { token: clientA.token, body: newProduct() })
    ).body.id as string;
    for (const [method, path, body] of [
      ['GET', `/api/v1/orders/orders/${sellerOrderId}`, undefined],
      ['POST', `/api/v1/orders/orders/${sellerOrderId}/fulfil`, undefined],
      ['POST', `/api/v1/orders/orders/${sellerOrderId}/ship`, { carrier: 'DHL', trackingNumber: 'X1' }],
      ['POST', '/api/v1/orders/refunds', { sellerOrderId, amount: 100, reason: 'foreign' }],
      ['GET', `/api/v1/catalog/products/${foreignProduct}`, undefined],
      ['PATCH', `/api/v1/catalog/products/${foreignProduct}`, { title: 'Hijacked' }],
      ['DELETE', `/api/v1/catalog/products/${foreignProduct}`, undefined],
      ['POST', `/api/v1/catalog/products/${foreignProduct}/variants`, { sku: `B-${ulid()}`, priceMinor: 1 }],
    ] as const)
      expectProblem(await rest(method, path, { token: clientB.token, body }), 404, 'NOT_FOUND');
    const bOrders = await rest<{ data: { id: string }[] }>('GET', '/api/v1/orders/orders', {
      token: clientB.token,
    });
    expect(bOrders.body.data.map((part) => part.id)).not.toContain(sellerOrderId);
    const bLevels = await rest<{ data: unknown[] }>('GET', `/api/v1/inventory/stock?sku=${product.sku}`, {
      token: clientB.token,
    });
    expect(bLevels.body.data).toEqual([]);
    expect(
      (await rest('GET', `/api/v1/catalog/products/${foreignProduct}`, { token: clientA.token })).body,
    ).toMatchObject({ title: expect.stringMatching(/^REST item/) });
    expect(
      (await rest('GET', `/api/v1/orders/orders/${sellerOrderId}`, { token: clientA.token })).body,
    ).toMatchObject({ status: 'paid' });

    const fulfilled = await rest('POST', `/api/v1/orders/orders/${sellerOrderId}/fulfil`, {
      token: clientA.token,
    });
    expect(fulfilled.body).toMatchObject({ status: 'fulfilled' });
    const shipped = await rest('POST', `/api/v1/orders/orders/${sellerOrderId}/ship`, {
      token: clientA.token,
      body: { carrier: 'DHL', trackingNumber: '00340434161094042557' },
    });
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'DHL' });

    const refundKey = `refund-${ulid()}`;
    const refundBody = { sellerOrderId, amount: 1_500, reason: 'Damaged in transit' };
    const refund = await rest('POST', '/api/v1/orders/refunds', {
      token: clientA.token,
      body: refundBody,
      headers: { 'idempotency-key': refundKey },
    });
    expect(refund.status).toBe(201);
    expect(refund.body).toMatchObject({
      sellerOrderId,
      status: 'refunded',
      acceptedAmount: 1_500,
      lines: [],
    });
    const replay = await rest('POST', '/api/v1/orders/refunds', {
      token: clientA.token,
      body: refundBody,
      headers: { 'idempotency-key': refundKey },
    });
    expect(replay.body).toEqual(refund.body);
    expect(
      (await rest('GET', `/api/v1/orders/refunds/${refund.body.id as string}`, { token: clientA.token }))
        .body,
    ).toEqual(refund.body);
    const refunds = await rest<{ data: { id: string; sellerOrderId: string }[] }>(
      'GET',
      '/api/v1/orders/refunds',
      {
        token: clientA.token,
      },
    );
    expect(refunds.body.data.filter((entry) => entry.sellerOrderId === sellerOrderId)).toHaveLength(1);
    expectProblem(
      await rest('GET', `/api/v1/orders/refunds/${refund.body.id as string}`, { token: clientB.token }),
      404,
      'NOT_FOUND',
    );
    // The seller order learns its refunded amount from payments' refund event (Kafka), moments later.
    await waitFor('the refund on the seller order', async () => {
      const after = await rest('GET', `/api/v1/orders/orders/${sellerOrderId}`, { token: clientA.token });
      return after.body.refundedAmount === 1_500;
    });
  });

  it("runs the SDK's example integrator: syncs stock from a CSV, lists today's orders, verifies webhooks", async () => {
    const seller = await market.seller();
    const client = await createTestApiClient(seller.tenantId);
    const api = sdk(client);
    const product = await market.product(seller, 1_000, 1);
    const second = `SYNC-${ulid()}`;
    const csv = `sku,on_hand\n${product.sku},12\n${second},4\n${product.sku}-missing,-1\n`;

    const result = await syncStockFromCsv(api, csv);
    expect(result.updated).toEqual([
      { sku: product.sku, onHand: 12 },
      { sku: second, onHand: 4 },
    ]);
    expect(result.failed).toEqual([
      expect.objectContaining({ row: 3, error: expect.stringMatching(/^400 VALIDATION_FAILED/) }),
    ]);
    // The same file again changes nothing: every row's answer is replayed.
    await rest('POST', '/api/v1/inventory/stock/adjust', {
      token: client.token,
      body: { sku: second, delta: 1, reason: 'received' },
    });
    expect((await syncStockFromCsv(api, csv)).updated).toEqual(result.updated);
    const levels = unwrap(await api.GET('/api/v1/inventory/stock', { params: { query: { sku: second } } }));
    expect(levels.data[0]).toMatchObject({ onHand: 5 });

    const buyer = await createTestBuyer();
    await market.fillCart(buyer.token, [[product, 1]]);
    const order = dataOf(await market.checkout(buyer.token), 'checkout').checkout;
    const todays = await listTodaysOrders(api);
    expect(todays.map((part) => part.id)).toEqual([order.sellerOrders[0]!.id]);
    expect(await listTodaysOrders(api, new Date(Date.now() + 86_400_000))).toEqual([]);

    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const received: unknown[] = [];
    const server: Server = createServer(
      webhookHandler(secret, (delivery) => void received.push(delivery.payload)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const deliver = (
        id: string,
        body: string,
        signatureSecret = secret,
        timestamp = Math.floor(Date.now() / 1000),
      ) => {
        const key = Buffer.from(signatureSecret.slice('whsec_'.length), 'base64');
        const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
        return fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': `v1,${Buffer.from('rotated-out').toString('base64')} v1,${signature}`,
          },
          body,
        }).then((response) => response.status);
      };
      const body = JSON.stringify({ type: 'order.paid', data: { id: order.id } });
      expect(await deliver('msg_1', body)).toBe(204);
      expect(await deliver('msg_1', body)).toBe(204);
      expect(await deliver('msg_2', body, `whsec_${randomBytes(24).toString('base64')}`)).toBe(400);
      expect(await deliver('msg_3', body, secret, Math.floor(Date.now() / 1000) - 3_600)).toBe(400);
      expect(received).toEqual([{ type: 'order.paid', data: { id: order.id } }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('manages webhook endpoints: owner and API client may, staff and other tenants may not; log and redelivery', async () => {
    const tenant = await createTestTenant({ staff: true });
    const owner = tenant.owner.token;
    const client = await createTestApiClient(tenant.tenantId);
    // Every verified request is counted (a redelivery repeats its webhook-id); verified with the latest secret.
    let signingSecret = '';
    const received: { id: string; type: string; data: { id?: string } }[] = [];
    const server: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        try {
          const delivery = verifyWebhook(signingSecret, request.headers, Buffer.concat(chunks));
          received.push({
            id: delivery.id,
            ...(delivery.payload as { type: string; data: { id?: string } }),
          });
          response.writeHead(204).end();
        } catch {
          response.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
    try {
      expect((await rest('GET', '/api/v1/webhooks/endpoints/topics', { token: client.token })).body).toEqual({
        data: expect.arrayContaining(['order.paid', 'refund.succeeded', 'payout.paid']),
      });

      // Created by the owner; the secret is in this answer, and a replayed key answers the same endpoint.
      const key = `endpoint-${ulid()}`;
      const body = { url: 'http://127.0.0.1:9/first', topics: ['order.paid'], description: 'ERP' };
      const created = await rest<{ endpoint: { id: string }; secret: string }>(
        'POST',
        '/api/v1/webhooks/endpoints',
        { token: owner, body, headers: { 'idempotency-key': key } },
      );
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^whsec_/);
      expect(created.body.endpoint).toMatchObject({ url: body.url, topics: ['order.paid'], enabled: true });
      const replayed = await rest('POST', '/api/v1/webhooks/endpoints', {
        token: owner,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(replayed.headers.get('idempotent-replayed')).toBe('true');
      expect(replayed.body).toEqual(created.body);
      const id = created.body.endpoint.id;
      const path = `/api/v1/webhooks/endpoints/${id}`;
      const listed = await rest<{ data: { id: string }[]; next_cursor: string | null }>(
        'GET',
        '/api/v1/webhooks/endpoints?limit=10',
        { token: client.token },
      );
      expect(listed.body).toEqual({ data: [expect.objectContaining({ id })], next_cursor: null });
      expect((await rest('GET', path, { token: client.token })).body).not.toHaveProperty('secret');

      // The API client repoints it at the receiver and subscribes to product changes; disable and enable.
      const updated = await rest('PATCH', path, {
        token: client.token,
        body: { url: receiverUrl, topics: ['product.created', 'product.updated'], enabled: false },
      });
      expect(updated.body).toMatchObject({ url: receiverUrl, enabled: false, disabledReason: null });
      expect((await rest('PATCH', path, { token: owner, body: { enabled: true } })).body).toMatchObject({
        enabled: true,
      });
      const rotated = await rest<{ secret: string; endpoint: { previousSecretExpiresAt: string } }>(
        'POST',
        `${path}/rotate-secret`,
        { token: owner, body: { overlapSeconds: 3_600 } },
      );
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(created.body.secret);
      expect(Date.parse(rotated.body.endpoint.previousSecretExpiresAt)).toBeGreaterThan(Date.now());
      signingSecret = rotated.body.secret;

      // Staff never manage or see webhooks; another tenant does not find them.
      for (const [method, route, payload] of [
        ['GET', '/api/v1/webhooks/endpoints', undefined],
        ['POST', '/api/v1/webhooks/endpoints', body],
        ['GET', path, undefined],
        ['DELETE', path, undefined],
      ] as const)
        expectProblem(
          await rest(method, route, { token: tenant.staff!.token, body: payload }),
          403,
          'FORBIDDEN',
        );
      for (const [method, route, payload] of [
        ['GET', path, undefined],
        ['PATCH', path, { enabled: false }],
        ['POST', `${path}/rotate-secret`, {}],
        ['GET', `${path}/attempts`, undefined],
        ['POST', `${path}/redeliver`, { since: new Date(0).toISOString() }],
        ['DELETE', path, undefined],
      ] as const)
        expectProblem(await rest(method, route, { token: clientB.token, body: payload }), 404, 'NOT_FOUND');
      expect(
        (
          await rest<{ data: { id: string }[] }>('GET', '/api/v1/webhooks/endpoints', {
            token: clientB.token,
          })
        ).body.data,
      ).toEqual([]);

      // Bad input: problem details naming the field, and nothing changes.
      const invalid = await rest<{ errors: { field: string }[] }>('POST', '/api/v1/webhooks/endpoints', {
        token: owner,
        body: { url: 'ftp://hooks.example.com', topics: ['order.teleported'] },
      });
      expectProblem(invalid, 400, 'VALIDATION_FAILED');
      expect(invalid.body.errors.map((error) => error.field)).toContain('topics.0');
      expectProblem(
        await rest('POST', `${path}/redeliver`, { token: owner, body: { eventId: 'msg_x', since: 'now' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await rest('GET', `${path}/attempts?cursor=not-a-cursor`, { token: owner }),
        400,
        'VALIDATION_FAILED',
      );

      // A product change of the tenant reaches the receiver signed with the new secret (the old one overlaps).
      const product = (
        await rest('POST', '/api/v1/catalog/products', { token: client.token, body: newProduct() })
      ).body as { id: string };
      await waitFor('a delivery logged over REST', async () => {
        if (received.length === 0)
          await rest('PATCH', `/api/v1/catalog/products/${product.id}`, {
            token: client.token,
            body: { title: `Renamed ${ulid()}` },
          });
        const log = await rest<{ data: { status: string }[] }>('GET', `${path}/attempts`, {
          token: client.token,
        });
        return log.body.data.some((attempt) => attempt.status === 'succeeded');
      });
      expect(received.every((payload) => payload.data.id === product.id)).toBe(true);
      const log = await rest<{ data: { eventId: string; attempt: number; responseStatus: number }[] }>(
        'GET',
        `${path}/attempts?limit=1`,
        { token: owner },
      );
      const eventId = log.body.data[0]!.eventId;
      expect(log.body.data[0]).toMatchObject({ attempt: 1, responseStatus: 204 });
      const again = await rest('POST', `${path}/redeliver`, { token: owner, body: { eventId } });
      expect(again.body).toEqual({ redelivered: 1 });
      await waitFor(
        'the redelivered event',
        async () => received.filter((seen) => seen.id === eventId).length > 1,
      );
      expectProblem(
        await rest('POST', `${path}/redeliver`, { token: owner, body: { eventId: `msg_${ulid()}` } }),
        404,
        'NOT_FOUND',
      );
      expect(
        (
          await rest('POST', `${path}/redeliver`, {
            token: owner,
            body: { since: new Date(0).toISOString() },
          })
        ).body,
      ).toEqual({ redelivered: expect.any(Number) });

      expect((await rest('DELETE', path, { token: client.token })).status).toBe(204);
      expectProblem(await rest('GET', path, { token: owner }), 404, 'NOT_FOUND');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
