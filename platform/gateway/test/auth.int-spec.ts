import { createTestBuyer, createTestTenant, type TestTenant, type TestUser } from '@marketplace/testing';
import { FIXTURE_PRODUCTS, startFixtureSubgraphs, type FixtureSubgraphs } from './fixture-subgraphs';
import { postGraphql, startGateway, type RunningGateway } from './gateway-harness';

/** The same token with one character of its signature changed. */
function tamper(token: string): string {
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -2)}${last}${token.at(-1)}`;
}

describe('gateway: identity at the edge and forwarded to subgraphs', () => {
  let fixtures: FixtureSubgraphs;
  let gateway: RunningGateway;
  let tenant: TestTenant;
  let buyer: TestUser;

  beforeAll(async () => {
    [fixtures, tenant, buyer] = await Promise.all([
      startFixtureSubgraphs(),
      createTestTenant(),
      createTestBuyer(),
    ]);
    gateway = await startGateway(fixtures.subgraphsSetting);
  });
  afterAll(async () => {
    await gateway?.close();
    await fixtures?.close();
  });

  it('answers public operations without a token', async () => {
    const answer = await postGraphql(gateway.url, '{ products { id name } }');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { products: FIXTURE_PRODUCTS } });
  });

  it('answers 401 when a protected operation is called without a token (the subgraph refuses)', async () => {
    const answer = await postGraphql(gateway.url, '{ caller { userId } }');
    expect(answer.status).toBe(401);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a tampered token with 401 before calling any subgraph', async () => {
    const before = (await fixtures.products.stats()).graphqlRequests;
    const answer = await postGraphql(gateway.url, '{ products { id } }', {
      authorization: `Bearer ${tamper(buyer.token)}`,
    });
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'invalid_token' });
    expect((await fixtures.products.stats()).graphqlRequests).toBe(before);
  });

  it('refuses a malformed Authorization header with 401', async () => {
    const answer = await postGraphql(gateway.url, '{ products { id } }', {
      authorization: 'Basic dXNlcjpwYXNz',
    });
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions?.reason).toBe('missing_token');
  });

  it('forwards the caller token and trace context, and the subgraph sees the same principal', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const answer = await postGraphql(gateway.url, '{ caller { userId tenantId } }', {
      authorization: `Bearer ${tenant.owner.token}`,
      traceparent,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: { caller: { userId: tenant.owner.userId, tenantId: tenant.tenantId } },
    });
    const { lastHeaders } = await fixtures.products.stats();
    expect(lastHeaders.authorization).toBe(`Bearer ${tenant.owner.token}`);
    expect(lastHeaders.traceparent).toBe(traceparent);
  });

  it('forwards x-tenant-id only when the token grants that tenant', async () => {
    const granted = await postGraphql(gateway.url, '{ caller { tenantId } }', {
      authorization: `Bearer ${tenant.owner.token}`,
      'x-tenant-id': tenant.tenantId,
    });
    expect(granted.status).toBe(200);
    expect((await fixtures.products.stats()).lastHeaders['x-tenant-id']).toBe(tenant.tenantId);

    const before = (await fixtures.products.stats()).graphqlRequests;
    const foreign = await postGraphql(gateway.url, '{ caller { tenantId } }', {
      authorization: `Bearer ${buyer.token}`,
      'x-tenant-id': tenant.tenantId,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await fixtures.products.stats()).graphqlRequests).toBe(before);

    await postGraphql(gateway.url, '{ products { id } }', { 'x-tenant-id': tenant.tenantId });
    expect((await fixtures.products.stats()).lastHeaders['x-tenant-id']).toBeUndefined();
  });

  it('proxies REST routes to the service with the caller identity and requires a token', async () => {
    const anonymous = await fetch(`${gateway.url}/api/v1/products/products`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await anonymous.json()).toEqual(
      expect.objectContaining({ status: 401, code: 'UNAUTHENTICATED', reason: 'missing_token' }),
    );

    const proxied = await fetch(`${gateway.url}/api/v1/products/products`, {
      headers: { authorization: `Bearer ${tenant.owner.token}` },
    });
    expect(proxied.status).toBe(200);
    expect(await proxied.json()).toEqual({ items: FIXTURE_PRODUCTS, tenantId: tenant.tenantId });

    const unknown = await fetch(`${gateway.url}/api/v1/nosuch/things`, {
      headers: { authorization: `Bearer ${tenant.owner.token}` },
    });
    expect(unknown.status).toBe(404);

    const escape = await fetch(`${gateway.url}/api/v1/products/..%2F..%2Fmetrics`, {
      headers: { authorization: `Bearer ${tenant.owner.token}` },
    });
    expect(escape.status).toBe(400);
  });
});
