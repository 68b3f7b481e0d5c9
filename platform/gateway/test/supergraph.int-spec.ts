import { composeSupergraph, SupergraphSource, type SubgraphSchema } from '../src';
import { createLogger } from '@marketplace/observability';
import { FIXTURE_PRODUCTS, startFixtureSubgraphs, type FixtureSubgraphs } from './fixture-subgraphs';
import { postGraphql, startGateway, type RunningGateway } from './gateway-harness';

async function sdlOf(url: string): Promise<string> {
  const answer = await postGraphql(url, '{ _service { sdl } }');
  return (answer.body.data as { _service: { sdl: string } })._service.sdl;
}

describe('gateway: supergraph composition and federated queries', () => {
  let fixtures: FixtureSubgraphs;
  let gateway: RunningGateway;
  let schemas: SubgraphSchema[];

  beforeAll(async () => {
    fixtures = await startFixtureSubgraphs();
    gateway = await startGateway(fixtures.subgraphsSetting);
    schemas = [
      { name: 'products', url: `${fixtures.products.url}/graphql`, sdl: await sdlOf(fixtures.products.url) },
      { name: 'reviews', url: `${fixtures.reviews.url}/graphql`, sdl: await sdlOf(fixtures.reviews.url) },
    ];
  });
  afterAll(async () => {
    await gateway?.close();
    await fixtures?.close();
  });

  it('composes the subgraphs into a federation v2 supergraph (contract)', () => {
    const outcome = composeSupergraph(schemas);
    if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
    expect(outcome.supergraphSdl).toContain('join__Graph');
    expect(outcome.supergraphSdl).toContain(`url: "${fixtures.products.url}/graphql"`);
    expect(outcome.supergraphSdl).toContain(`url: "${fixtures.reviews.url}/graphql"`);
    expect(outcome.supergraphSdl).toMatch(
      /type Product[^{]*@join__type\(graph: PRODUCTS, key: "id"\)[^{]*@join__type\(graph: REVIEWS, key: "id"\)/,
    );
  });

  it('reports composition errors instead of throwing', () => {
    const conflicting: SubgraphSchema = {
      name: 'conflicting',
      url: 'http://127.0.0.1:1/graphql',
      sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"]) type Query { products: Int }',
    };
    const outcome = composeSupergraph([...schemas, conflicting]);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.errors).toEqual(
      expect.arrayContaining([expect.stringContaining('products')]),
    );
    expect(composeSupergraph([])).toEqual({ ok: false, errors: ['No subgraph schema to compose'] });
  });

  it('resolves a query spanning both subgraphs through the entity reference', async () => {
    const answer = await postGraphql(
      gateway.url,
      '{ products { id name reviews { body rating } } topReview { rating product { id name } } }',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toEqual({
      products: FIXTURE_PRODUCTS.map((product) => ({
        ...product,
        reviews: [{ body: `Great ${product.id}`, rating: 5 }],
      })),
      topReview: { rating: 5, product: FIXTURE_PRODUCTS[0] },
    });
  });

  it('keeps serving the last good supergraph when a later composition fails', async () => {
    const logger = createLogger({ service: 'gateway-test', level: 'silent' });
    const source = new SupergraphSource({
      subgraphs: [
        { name: 'products', url: fixtures.products.url },
        { name: 'reviews', url: fixtures.reviews.url },
      ],
      logger,
      timeoutMs: 2000,
    });
    const first = await source.refresh();
    expect(first.ok).toBe(true);
    const good = source.supergraphSdl;

    // The same subgraph name now answering with a schema that conflicts with the other subgraph.
    const broken = new SupergraphSource({
      subgraphs: [
        { name: 'products', url: fixtures.products.url },
        { name: 'reviews', url: fixtures.products.url },
      ],
      logger,
      timeoutMs: 2000,
    });
    expect((await broken.refresh()).ok).toBe(false);
    expect(broken.supergraphSdl).toBeUndefined();
    expect(broken.status().errors.length).toBeGreaterThan(0);

    expect((await source.refresh()).ok).toBe(true);
    expect(source.supergraphSdl).toBe(good);
  });
});
