import { ServiceMetrics } from './index';

/** The value of the sample `name` whose labels include all of `labels`, from Prometheus text. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('ServiceMetrics', () => {
  it('counts requests and their duration by route, method, status and tenant, with the service label', async () => {
    const metrics = new ServiceMetrics('catalog');
    metrics.observeRequest({ route: '/products/:id', method: 'get', status: 200, tenantId: 'tenant-1', durationSeconds: 0.02 });
    metrics.observeRequest({ route: '/products/:id', method: 'GET', status: 200, tenantId: 'tenant-1', durationSeconds: 0.03 });
    metrics.observeRequest({ route: 'Query.products', method: 'query', status: 200, durationSeconds: 0.5 });

    const text = await metrics.scrape();
    expect(text).toContain('http_requests_total{route="/products/:id",method="GET",status="200",tenant="tenant-1",service="catalog"} 2');
    expect(text).toContain('http_requests_total{route="Query.products",method="QUERY",status="200",tenant="none",service="catalog"} 1');
    const labels = { route: '/products/:id', method: 'GET', status: '200', tenant: 'tenant-1', service: 'catalog' };
    expect(sample(text, 'http_request_duration_seconds_count', labels)).toBe(2);
    expect(sample(text, 'http_request_duration_seconds_bucket', { ...labels, le: '0.025' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket', { ...labels, le: '0.05' })).toBe(2);
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="catalog"\} /m);
    expect(metrics.contentType).toContain('text/plain');
  });

  it('reads the outbox depth on every scrape', async () => {
    const metrics = new ServiceMetrics('orders');
    let depth = 3;
    metrics.trackOutboxDepth(async () => depth);
    expect(await metrics.scrape()).toContain('outbox_pending_events{service="orders"} 3');
    depth = 0;
    expect(await metrics.scrape()).toContain('outbox_pending_events{service="orders"} 0');
  });

  it('exposes consumer lag per topic, partition and group, returning the same gauge when asked again', async () => {
    const metrics = new ServiceMetrics('inventory');
    metrics.consumerLag().set({ topic: 'orders.order.v1', partition: '0', group: 'inventory' }, 12);
    expect(metrics.consumerLag()).toBe(metrics.consumerLag());
    expect(await metrics.scrape()).toContain('kafka_consumer_lag{topic="orders.order.v1",partition="0",group="inventory",service="inventory"} 12');
  });

  it('refuses to reuse a metric name for a gauge when it is another kind of metric', () => {
    const metrics = new ServiceMetrics('cart');
    expect(() => metrics.gauge({ name: 'http_requests_total', help: 'clash' })).toThrow('http_requests_total already exists and is not a gauge');
  });

  it('keeps registries of separate services apart', async () => {
    const a = new ServiceMetrics('a');
    const b = new ServiceMetrics('b');
    a.observeRequest({ route: '/x', method: 'GET', status: 200, durationSeconds: 0.001 });
    expect(await b.scrape()).not.toContain('route="/x"');
  });
});
