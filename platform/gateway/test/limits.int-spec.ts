import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { startFixtureSubgraphs, type FixtureSubgraphs } from './fixture-subgraphs';
import { WHOLE_WINDOW, postGraphql, startGateway, type RunningGateway } from './gateway-harness';

function nestedTree(depth: number): string {
  let selection = 'value';
  for (let level = 1; level < depth; level += 1) selection = `value child { ${selection} }`;
  return `{ tree { ${selection} } }`;
}

describe('gateway: rate limits and operation limits', () => {
  let fixtures: FixtureSubgraphs;
  let gateway: RunningGateway;
  let tenant: TestTenant;

  beforeAll(async () => {
    [fixtures, tenant] = await Promise.all([startFixtureSubgraphs(), createTestTenant()]);
    gateway = await startGateway(fixtures.subgraphsSetting, {
      RATE_LIMIT_ANONYMOUS: '3',
      RATE_LIMIT_TENANT: '2',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      RATE_LIMIT_BURST_SECONDS: WHOLE_WINDOW,
      MAX_QUERY_DEPTH: '12',
      MAX_QUERY_ALIASES: '5',
      MAX_BODY_BYTES: '4096',
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fixtures?.close();
  });

  it('counts requests per tenant and answers 429 with Retry-After past the limit', async () => {
    const auth = { authorization: `Bearer ${tenant.owner.token}` };
    const first = await postGraphql(gateway.url, '{ products { id } }', auth);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect((await postGraphql(gateway.url, '{ products { id } }', auth)).status).toBe(200);

    const before = (await fixtures.products.stats()).graphqlRequests;
    const refused = await postGraphql(gateway.url, '{ products { id } }', auth);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await fixtures.products.stats()).graphqlRequests).toBe(before);
  });

  it('limits anonymous callers per client address, separately from tenants', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await postGraphql(gateway.url, '{ products { id } }')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

describe('gateway: operation limits refuse before any subgraph call', () => {
  let fixtures: FixtureSubgraphs;
  let gateway: RunningGateway;

  beforeAll(async () => {
    fixtures = await startFixtureSubgraphs();
    gateway = await startGateway(fixtures.subgraphsSetting, {
      MAX_QUERY_DEPTH: '12',
      MAX_QUERY_ALIASES: '5',
      MAX_BODY_BYTES: '4096',
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fixtures?.close();
  });

  it('serves an operation within the depth limit', async () => {
    const answer = await postGraphql(gateway.url, nestedTree(11));
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it('answers 400 to an over-deep operation and never calls the subgraph', async () => {
    const before = (await fixtures.products.stats()).graphqlRequests;
    const answer = await postGraphql(gateway.url, nestedTree(20));
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.[0]?.message).toMatch(/depth/i);
    expect((await fixtures.products.stats()).graphqlRequests).toBe(before);
  });

  it('answers 400 to too many aliases', async () => {
    const aliases = Array.from({ length: 8 }, (_, i) => `a${i}: products { id }`).join(' ');
    const answer = await postGraphql(gateway.url, `{ ${aliases} }`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('answers 400 to a syntax error and 413 to an oversized body', async () => {
    expect((await postGraphql(gateway.url, '{ products { id }')).status).toBe(400);
    const padding = 'x'.repeat(5000);
    const answer = await postGraphql(gateway.url, `{ products { id } } # ${padding}`);
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.message).toContain('4096 bytes');
  });
});

describe('gateway: the CSV product import takes the larger body its service documents', () => {
  let fixtures: FixtureSubgraphs;
  let gateway: RunningGateway;
  let tenant: TestTenant;

  beforeAll(async () => {
    [fixtures, tenant] = await Promise.all([startFixtureSubgraphs(), createTestTenant()]);
    gateway = await startGateway(fixtures.subgraphsSetting, {
      MAX_BODY_BYTES: '4096',
      MAX_IMPORT_BODY_BYTES: String(2 * 1024 * 1024),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await fixtures?.close();
  });

  const postCsv = (path: string, bytes: number) =>
    fetch(`${gateway.url}/api/v1/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${tenant.owner.token}` },
      body: `title,currency,sku,price_minor\n${'x'.repeat(bytes)}`,
    });

  it('passes a 1 MiB CSV on the import route on (here to a gateway without a catalog), other routes keep their limit', async () => {
    const imported = await postCsv('catalog/products/import', 1024 * 1024);
    expect(imported.status).toBe(404);
    expect(JSON.stringify(await imported.json())).toContain('No service named \\"catalog\\"');

    const elsewhere = await postCsv('catalog/products', 1024 * 1024);
    expect(elsewhere.status).toBe(413);
    expect(JSON.stringify(await elsewhere.json())).toContain('4096 bytes');

    const tooLarge = await postCsv('catalog/products/import', 3 * 1024 * 1024);
    expect(tooLarge.status).toBe(413);
    expect(JSON.stringify(await tooLarge.json())).toContain(`${2 * 1024 * 1024} bytes`);
  });
});
