import { createTestBuyer } from '@marketplace/testing';
import { startFixtureSubgraphs, type FixtureSubgraphs } from './fixture-subgraphs';
import { postGraphql, startGateway, type RunningGateway } from './gateway-harness';

const PRODUCTS = '{ products { id name } }';
const TTL_MS = 400;

describe('gateway: response cache for anonymous queries', () => {
  let fixtures: FixtureSubgraphs;
  let gateway: RunningGateway;
  let buyerToken: string;

  /** GraphQL requests the products subgraph receives while `action` runs. */
  async function subgraphRequestsDuring(action: () => Promise<unknown>): Promise<number> {
    const before = (await fixtures.products.stats()).graphqlRequests;
    await action();
    return (await fixtures.products.stats()).graphqlRequests - before;
  }

  beforeAll(async () => {
    fixtures = await startFixtureSubgraphs();
    gateway = await startGateway(fixtures.subgraphsSetting, {
      RESPONSE_CACHE_TTL_MS: String(TTL_MS),
      // No schema refresh in the middle of the counts.
      SUPERGRAPH_REFRESH_SECONDS: '3600',
    });
    buyerToken = (await createTestBuyer()).token;
  });
  afterAll(async () => {
    await gateway?.close();
    await fixtures?.close();
  });

  it('answers a repeated anonymous query from the cache, the same as the subgraph did, until the TTL passes', async () => {
    await new Promise((resolve) => setTimeout(resolve, TTL_MS));
    const answers: unknown[] = [];
    const twice = await subgraphRequestsDuring(async () => {
      answers.push((await postGraphql(gateway.url, PRODUCTS)).body);
      answers.push((await postGraphql(gateway.url, PRODUCTS)).body);
    });
    expect(twice).toBe(1);
    expect(answers[1]).toEqual(answers[0]);
    expect((answers[0] as { data: { products: unknown[] } }).data.products.length).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 100));
    expect(await subgraphRequestsDuring(() => postGraphql(gateway.url, PRODUCTS))).toBe(1);
  });

  it("drops cached answers when a signed-in caller's mutation changes what they served", async () => {
    await new Promise((resolve) => setTimeout(resolve, TTL_MS));
    const before = (await postGraphql(gateway.url, PRODUCTS)).body;
    const renamed = await postGraphql(
      gateway.url,
      'mutation { renameProduct(id: "p-1", name: "Renamed teapot") { id name } }',
      { authorization: `Bearer ${buyerToken}` },
    );
    expect(renamed.body.errors).toBeUndefined();
    const after = await postGraphql(gateway.url, PRODUCTS);
    expect(after.body).not.toEqual(before);
    expect((after.body.data as { products: { id: string; name: string }[] }).products).toContainEqual({
      id: 'p-1',
      name: 'Renamed teapot',
    });
  });

  it('never serves signed-in callers or anonymous cart holders from the cache', async () => {
    await postGraphql(gateway.url, PRODUCTS);
    const signedIn = await subgraphRequestsDuring(async () => {
      await postGraphql(gateway.url, PRODUCTS, { authorization: `Bearer ${buyerToken}` });
      await postGraphql(gateway.url, PRODUCTS, { authorization: `Bearer ${buyerToken}` });
    });
    expect(signedIn).toBe(2);
    const cartHolder = await subgraphRequestsDuring(async () => {
      await postGraphql(gateway.url, PRODUCTS, { 'x-cart-token': 'cart-a' });
      await postGraphql(gateway.url, PRODUCTS, { 'x-cart-token': 'cart-a' });
    });
    expect(cartHolder).toBe(2);
  });

  it('does not cache refusals', async () => {
    const refused = await subgraphRequestsDuring(async () => {
      for (let i = 0; i < 2; i += 1) {
        const answer = await postGraphql(gateway.url, '{ caller { userId } }');
        expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    });
    expect(refused).toBe(2);
  });
});
