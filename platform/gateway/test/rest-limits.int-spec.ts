import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { startFixtureSubgraphs, type FixtureSubgraphs } from './fixture-subgraphs';
import { WHOLE_WINDOW, postGraphql, startGateway, type RunningGateway } from './gateway-harness';

/** The REST API's own per-tenant budget (ADR 0029), announced in the IETF RateLimit headers. */
describe('gateway: REST rate limits per tenant', () => {
  let fixtures: FixtureSubgraphs;
  let gateway: RunningGateway;
  let tenant: TestTenant;

  beforeAll(async () => {
    [fixtures, tenant] = await Promise.all([startFixtureSubgraphs(), createTestTenant()]);
    gateway = await startGateway(fixtures.subgraphsSetting, {
      RATE_LIMIT_TENANT: '100',
      RATE_LIMIT_REST_TENANT: '2',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_BURST_SECONDS: WHOLE_WINDOW,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fixtures?.close();
  });

  it('counts REST apart from GraphQL, announces the policy, and refuses past it with problem details', async () => {
    const auth = { authorization: `Bearer ${tenant.owner.token}` };
    const rest = () => fetch(`${gateway.url}/api/v1/products/products`, { headers: auth });

    const first = await rest();
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"tenant";q=2;w=60');
    expect(first.headers.get('ratelimit')).toMatch(/^"tenant";r=1;t=\d+$/);
    expect((await rest()).status).toBe(200);

    const refused = await rest();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('ratelimit')).toMatch(/^"tenant";r=0;t=\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: 'about:blank' });

    // The tenant's GraphQL budget is untouched by its integrators' REST calls.
    const graphql = await postGraphql(gateway.url, '{ products { id } }', auth);
    expect(graphql.status).toBe(200);
    expect(graphql.headers.get('ratelimit-remaining')).toBe('99');
    expect(graphql.headers.get('ratelimit-policy')).toBeNull();
  });
});
