import { startFixtureSubgraphs, type FixtureSubgraphs } from './fixture-subgraphs';
import { startGateway, type RunningGateway } from './gateway-harness';

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

function askForGraphiql(url: string): Promise<Response> {
  return fetch(`${url}/graphql`, { headers: { accept: 'text/html' } });
}

describe('gateway: browser-facing HTTP behaviour', () => {
  let fixtures: FixtureSubgraphs;
  let production: RunningGateway;
  let development: RunningGateway;

  beforeAll(async () => {
    fixtures = await startFixtureSubgraphs();
    [production, development] = await Promise.all([
      startGateway(fixtures.subgraphsSetting, { NODE_ENV: 'production' }),
      startGateway(fixtures.subgraphsSetting, {
        NODE_ENV: 'development',
        CORS_ORIGINS: 'http://localhost:4200,http://shop.example.test',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([production?.close(), development?.close()]);
    await fixtures?.close();
  });

  it('allows a CORS preflight from each default app origin', async () => {
    for (const origin of ['http://localhost:4200', 'http://127.0.0.1:4300', 'http://localhost:4400']) {
      const response = await preflight(production.url, origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    }
  });

  it('refuses a CORS preflight from any other origin', async () => {
    const response = await preflight(production.url, 'http://evil.example.test');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes the allowed origins from CORS_ORIGINS', async () => {
    expect((await preflight(development.url, 'http://shop.example.test')).status).toBe(204);
    expect((await preflight(development.url, 'http://localhost:4300')).status).toBe(403);
  });

  it('adds CORS headers to actual requests from allowed origins only', async () => {
    const body = JSON.stringify({ query: '{ products { id } }' });
    const headers = { 'content-type': 'application/json' };
    const allowed = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      body,
      headers: { ...headers, origin: 'http://localhost:4200' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ratelimit-remaining');
    // Browser integrators read the REST budget and idempotent replays too.
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ratelimit-policy');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('idempotent-replayed');
    const other = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      body,
      headers: { ...headers, origin: 'http://evil.example.test' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves GraphiQL only in development', async () => {
    const dev = await askForGraphiql(development.url);
    expect(dev.status).toBe(200);
    expect(dev.headers.get('content-type')).toContain('text/html');
    expect(await dev.text()).toMatch(/graphiql/i);

    const prod = await askForGraphiql(production.url);
    expect(prod.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(prod.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses introspection in production and allows it in development', async () => {
    const introspect = (url: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
    expect((await introspect(production.url)).status).toBe(400);
    const dev = await introspect(development.url);
    expect(dev.status).toBe(200);
    expect(await dev.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('reports liveness, readiness over every subgraph and metrics on the internal port', async () => {
    expect((await fetch(`${production.internalUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${production.internalUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ok',
      checks: { supergraph: 'up', redis: 'up', 'subgraph:products': 'up', 'subgraph:reviews': 'up' },
    });
    const metrics = await fetch(`${production.internalUrl}/metrics`);
    const text = await metrics.text();
    expect(text).toContain('http_requests_total');
    expect(text).toMatch(/gateway_supergraph_subgraphs\{service="gateway"\} 2/);
  });

  it('keeps metrics and readiness details off the public port, answering its load balancer liveness only', async () => {
    expect((await fetch(`${production.url}/health/live`)).status).toBe(200);
    const metrics = await fetch(`${production.url}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toContain('http_requests_total');
    const ready = await fetch(`${production.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok' });
  });

  it('answers a flood of public readiness probes from one round of subgraph probes', async () => {
    const gateway = await startGateway(fixtures.subgraphsSetting);
    try {
      const before = await fixtures.products.stats();
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${gateway.url}/health/ready`).then((answer) => answer.status),
        ),
      );
      expect(new Set(answers)).toEqual(new Set([200]));
      const after = await fixtures.products.stats();
      expect(after.liveProbes - before.liveProbes).toBeLessThanOrEqual(1);
    } finally {
      await gateway.close();
    }
  });

  it('is not ready while a subgraph is unreachable', async () => {
    const partial = await startGateway(`${fixtures.subgraphsSetting},gone=http://127.0.0.1:9`);
    try {
      expect((await fetch(`${partial.url}/health/ready`)).status).toBe(503);
      const ready = await fetch(`${partial.internalUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: Record<string, string> }).checks['subgraph:gone']).toBe(
        'down',
      );
      expect(partial.gateway.supergraph.status()).toEqual({
        composed: ['products', 'reviews'],
        unreachable: ['gone'],
        errors: [],
      });
    } finally {
      await partial.close();
    }
  });

  it('serves the merged OpenAPI document, its Swagger UI and the developer guide', async () => {
    const document = (await (await fetch(`${production.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            operationId?: string;
            responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
          }
        >
      >;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(['/api/v1/products/products']);
    const operation = document.paths['/api/v1/products/products']!.get!;
    expect(operation.operationId).toBe('products_listProducts');
    expect(operation.responses['200']!.content['application/json']!.schema.$ref).toBe(
      '#/components/schemas/products_ProductList',
    );
    expect(document.components.schemas).toHaveProperty('products_ProductList');
    expect(document.components.securitySchemes).toHaveProperty('bearer');

    const page = await fetch(`${production.url}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/docs/assets/swagger-ui-bundle.js');
    const bundle = await fetch(`${production.url}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await fetch(`${production.url}/docs/assets/..%2Fpackage.json`)).status).toBe(404);

    const guideLink = (await (await fetch(`${production.url}/docs`)).text()).match(
      /href="(\/docs\/guide)"/,
    )![1]!;
    const moved = await fetch(`${production.url}${guideLink}`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/docs/guide/');
    const guide = await fetch(`${production.url}${guideLink}`);
    expect(guide.url).toBe(`${production.url}/docs/guide/`);
    expect(guide.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const readme = await guide.text();
    expect(readme).toMatch(/^# Developer guide/);
    // Its relative links to the other page resolve under /docs/guide/.
    const link = readme.match(/\]\((webhooks\.md)\)/)![1]!;
    const webhooks = await fetch(new URL(link, guide.url));
    expect(webhooks.status).toBe(200);
    expect(webhooks.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await webhooks.text()).toMatch(/^# Webhooks/);
    expect(await (await fetch(`${production.url}/docs/guide/README.md`)).text()).toBe(readme);
    // Only the guide's pages: nothing else of the file system, however the path is spelt.
    for (const path of [
      '/docs/guide/package.json',
      '/docs/guide/..%2FREADME.md',
      '/docs/guide/..%2F..%2FREADME.md',
      '/docs/guide/..%2F..%2F..%2Fpackage.json',
      '/docs/guide/%2E%2E%2Fadr%2F0028-webhooks.md',
      '/docs/guide/%2Fetc%2Fpasswd',
      '/docs/guide/webhooks.md%00.png',
      '/docs/guide/webhooks.md/',
    ])
      expect([path, (await fetch(`${production.url}${path}`)).status]).toEqual([path, 404]);
  });
});
