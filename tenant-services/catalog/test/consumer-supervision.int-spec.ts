import { ulid } from 'ulid';
import { CatalogHarness, waitFor } from './support';

/** Terminus' answer: every check by name under `details`. */
interface Readiness {
  status: string;
  details: Record<string, { status: string }>;
}

describe('catalog: its consumers and outbox show in readiness and metrics', () => {
  const groups = {
    TENANT_EVENTS_GROUP: `catalog-test-tenants-${ulid()}`,
    STOCK_EVENTS_GROUP: `catalog-test-stock-${ulid()}`,
    REVIEW_RATINGS_GROUP: `catalog-test-reviews-${ulid()}`,
  };
  let catalog: CatalogHarness;

  beforeAll(async () => {
    catalog = await new CatalogHarness().start(groups);
  });
  afterAll(() => catalog?.stop());

  it('reports each consumer group as a readiness check and in the consumer gauges, and the parked outbox events', async () => {
    const readiness = async () => (await (await fetch(`${catalog.base}/health/ready`)).json()) as Readiness;
    const ready = await waitFor('every consumer running', async () => {
      const answer = await readiness();
      return answer.status === 'ok' && answer;
    });
    for (const group of Object.values(groups)) {
      expect(ready.details[`consumer:${group}`]).toMatchObject({ status: 'up' });
    }
    const follower = Object.keys(ready.details).find((name) =>
      name.startsWith('consumer:catalog.search-index.'),
    );
    expect(follower).toBeDefined();

    const metrics = await (await fetch(`${catalog.base}/metrics`)).text();
    for (const group of Object.values(groups)) {
      expect(metrics).toContain(`event_consumer_up{group="${group}",service="catalog"} 1`);
    }
    expect(metrics).toMatch(/^outbox_parked_events\{service="catalog"\} 0$/m);
    expect(metrics).toMatch(/^outbox_pending_events\{service="catalog"\} \d+$/m);
  });
});
