import {
  dataOf,
  errorCodeOf,
  Marketplace,
  mapConcurrently,
  startPlatform,
  type RunningPlatform,
  type StockLevel,
  BOOT_TIMEOUT_MS,
} from '../src';

const BUYERS = 200;
const UNITS = 50;

/**
 * 200 distinct buyers race for 50 units through the gateway. Each buyer is a real Keycloak user with a cart of its
 * own (the saga reads the cart with the buyer's token, so buyers cannot be faked with client tokens); creating
 * them 25 at a time keeps Keycloak's user creation to a few seconds.
 */
describe('e2e: concurrent checkouts never oversell', () => {
  let platform: RunningPlatform;
  let market: Marketplace;

  beforeAll(async () => {
    platform = await startPlatform();
    market = new Marketplace(platform);
  }, BOOT_TIMEOUT_MS);
  afterAll(() => platform?.close(), BOOT_TIMEOUT_MS);

  it('pays exactly as many orders as there are units; the others are refused as out of stock and reserve nothing', async () => {
    const seller = await market.seller();
    const product = await market.product(seller, 1_999, UNITS);
    const buyers = await market.buyers(BUYERS);
    await mapConcurrently(buyers, 25, (buyer) => market.fillCart(buyer.token, [[product, 1]]));

    // Stock sampled throughout the race: it must never go below zero.
    const samples: StockLevel[] = [];
    let racing = true;
    const sampler = (async () => {
      while (racing) {
        samples.push(await market.stock(product));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const answers = await Promise.all(buyers.map((buyer) => market.checkout(buyer.token)));
    racing = false;
    await sampler;

    const paid = answers.filter((answer) => answer.data?.checkout.status === 'paid');
    const refused = answers.filter((answer) => answer.errors !== undefined);
    expect(paid).toHaveLength(UNITS);
    expect(refused).toHaveLength(BUYERS - UNITS);
    // CONFLICT is the documented refusal: from inventory ("Out of stock: <sku>") while units remain to race
    // for, or from the cart once the catalog has learned that the product sold out.
    for (const answer of refused) expect(errorCodeOf(answer)).toBe('CONFLICT');
    expect(new Set(paid.map((answer) => answer.data!.checkout.id)).size).toBe(UNITS);

    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples) {
      expect(sample.onHand).toBeGreaterThanOrEqual(0);
      expect(sample.available).toBeGreaterThanOrEqual(0);
    }
    expect(await market.stock(product)).toEqual({ onHand: 0, reserved: 0, available: 0 });

    // The seller has exactly the paid orders, each charged once.
    const sellerOrders = dataOf(
      await platform.gql<{ sellerOrders: { nodes: { status: string }[] } }>(
        'query { sellerOrders(status: "paid", first: 100) { nodes { status } } }',
        {},
        seller.owner.token,
      ),
      'sellerOrders',
    ).sellerOrders.nodes;
    expect(sellerOrders).toHaveLength(UNITS);
    const ledgers = await mapConcurrently(paid, 10, (answer) => market.ledger(answer.data!.checkout.id));
    for (const ledger of ledgers) expect(ledger.filter((entry) => entry.kind === 'charge')).toHaveLength(1);
  }, 180_000);
});
