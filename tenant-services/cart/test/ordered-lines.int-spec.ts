import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REMOVE_ORDERED_LINES_MUTATION, removeOrderedLinesAnswerSchema } from '@marketplace/contracts';
import { runWithContext } from '@marketplace/tenancy';
import { createTestApiClient, createTestBuyer, createTestTenant, type TestUser } from '@marketplace/testing';
import { Redis } from 'ioredis';
import { ulid } from 'ulid';
import { cartKey, orderedKey } from '../src/cart/cart-owner';
import { CartHarness, type CartView, type GqlAnswer } from './cart-harness';
import {
  fixtureProduct,
  startFixtureCatalog,
  type FixtureCatalogState,
  type FixtureProductState,
} from './fixture-catalog';

const tenantId = `tenant-${ulid()}`;

function errorOf(answer: GqlAnswer<unknown>) {
  expect(answer.errors).toHaveLength(1);
  return {
    code: answer.errors![0]!.extensions?.code,
    status: answer.errors![0]!.extensions?.status,
    message: answer.errors![0]!.message,
  };
}

function quantities(cart: CartView): Record<string, number> {
  return Object.fromEntries(
    cart.sellers.flatMap((group) => group.lines).map((line) => [line.sku, line.quantity]),
  );
}

/** removeOrderedLines: after a checkout, the ordered quantities leave the buyer's cart, once per order. */
describe('cart: taking an order’s lines out of the cart', () => {
  let catalogApp: NestFastifyApplication;
  let catalog: FixtureCatalogState;
  let cart: CartHarness;
  let redis: Redis;

  beforeAll(async () => {
    const fixture = await startFixtureCatalog();
    catalogApp = fixture.app;
    catalog = fixture.state;
    cart = await new CartHarness({ CATALOG_URL: fixture.url }).start();
    redis = new Redis(process.env.REDIS_URL!);
  });

  afterAll(async () => {
    await cart?.stop();
    await catalogApp?.close();
    redis?.disconnect();
  });

  function product(priceMinor = 1000): FixtureProductState & { sku: string } {
    const put = catalog.put(fixtureProduct(tenantId, [priceMinor]));
    return { ...put, sku: put.variants[0]!.sku };
  }

  async function filled(buyer: TestUser, lines: [FixtureProductState & { sku: string }, number][]) {
    for (const [item, quantity] of lines)
      expect((await cart.add(buyer, item.id, item.sku, quantity)).errors).toBeUndefined();
  }

  const ordered = (item: { id: string; sku: string }, quantity: number) => ({
    productId: item.id,
    sku: item.sku,
    quantity,
  });

  it('subtracts the ordered quantities: a line reaching 0 goes, others keep the rest, unknown lines are ignored', async () => {
    const buyer = await createTestBuyer();
    const [shirt, lamp, mug] = [product(1250), product(2000), product(500)];
    await filled(buyer, [
      [shirt, 3],
      [lamp, 2],
      [mug, 1],
    ]);

    const answer = await cart.removeOrdered(buyer, ulid(), [
      ordered(shirt, 2),
      ordered(lamp, 2),
      ordered(product(), 4),
    ]);

    expect(answer.errors).toBeUndefined();
    expect(quantities(answer.data!.removeOrderedLines)).toEqual({ [shirt.sku]: 1, [mug.sku]: 1 });
    expect(answer.data!.removeOrderedLines.totals).toEqual([{ amountMinor: 1250 + 500, currency: 'EUR' }]);
    expect(await cart.cart(buyer)).toEqual(answer.data!.removeOrderedLines);
  });

  it('keeps the difference of a line the buyer raised after the checkout read the cart', async () => {
    const buyer = await createTestBuyer();
    const shirt = product();
    await filled(buyer, [[shirt, 2]]);
    // The checkout ordered 2; meanwhile the buyer added 3 more in another tab.
    await filled(buyer, [[shirt, 3]]);

    const answer = await cart.removeOrdered(buyer, ulid(), [ordered(shirt, 2)]);

    expect(quantities(answer.data!.removeOrderedLines)).toEqual({ [shirt.sku]: 3 });
  });

  it('applies an order once: a repeat for the same order id changes nothing, even concurrently', async () => {
    const buyer = await createTestBuyer();
    const shirt = product();
    await filled(buyer, [[shirt, 5]]);
    const orderId = ulid();

    const first = await Promise.all(
      [1, 2, 3].map(() => cart.removeOrdered(buyer, orderId, [ordered(shirt, 2)])),
    );
    for (const answer of first) expect(answer.errors).toBeUndefined();
    expect(quantities(await cart.cart(buyer))).toEqual({ [shirt.sku]: 3 });

    await filled(buyer, [[shirt, 1]]);
    const repeated = await cart.removeOrdered(buyer, orderId, [ordered(shirt, 2)]);
    expect(quantities(repeated.data!.removeOrderedLines)).toEqual({ [shirt.sku]: 4 });

    // Another order is another change.
    const other = await cart.removeOrdered(buyer, ulid(), [ordered(shirt, 4)]);
    expect(other.data!.removeOrderedLines).toMatchObject({ itemCount: 0, sellers: [] });

    // The order ids live beside the cart, as long as an untouched buyer cart: 30 days.
    const key = runWithContext({ userId: buyer.userId }, () => cartKey(cart.keyPrefix, { kind: 'buyer' }));
    expect(await redis.zcard(orderedKey(key))).toBe(2);
    const ttl = await redis.ttl(orderedKey(key));
    expect(ttl).toBeGreaterThan(29 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(30 * 24 * 3600);
  });

  it("never touches another buyer's cart", async () => {
    const [buyer, other] = await Promise.all([createTestBuyer(), createTestBuyer()]);
    const shirt = product();
    await filled(buyer, [[shirt, 2]]);
    await filled(other, [[shirt, 2]]);

    await cart.removeOrdered(buyer, ulid(), [ordered(shirt, 2)]);

    expect((await cart.cart(buyer)).itemCount).toBe(0);
    expect(quantities(await cart.cart(other))).toEqual({ [shirt.sku]: 2 });
  });

  it('refuses a caller without a buyer token: anonymous, no token, an API client', async () => {
    const shirt = product();
    const anonymous = await cart.anonymousToken();
    await cart.add({ cartToken: anonymous }, shirt.id, shirt.sku, 2);

    expect(errorOf(await cart.removeOrdered({}, ulid(), [ordered(shirt, 2)])).code).toBe('UNAUTHENTICATED');
    expect(
      errorOf(await cart.removeOrdered({ cartToken: anonymous }, ulid(), [ordered(shirt, 2)])).code,
    ).toBe('UNAUTHENTICATED');
    const apiClient = await createTestApiClient((await createTestTenant()).tenantId);
    const client = errorOf(await cart.removeOrdered({ token: apiClient.token }, ulid(), [ordered(shirt, 2)]));
    expect(client.code).toBe('FORBIDDEN');
    expect(quantities(await cart.cart({ cartToken: anonymous }))).toEqual({ [shirt.sku]: 2 });
  });

  it.each([
    ['an order id that is not one', { orderId: 'order-1' }, 'orderId'],
    ['no lines', { lines: [] }, 'at least one'],
    ['quantity 0', { quantity: 0 }, 'at least 1'],
    ['quantity 100', { quantity: 100 }, 'at most 99'],
    ['a bad SKU', { sku: 'not a sku!' }, 'SKU'],
  ])('refuses %s with a 400 and changes nothing, not even the order mark', async (_, bad, message) => {
    const buyer = await createTestBuyer();
    const shirt = product();
    await filled(buyer, [[shirt, 3]]);
    const orderId = ulid();
    const line = {
      ...ordered(shirt, 1),
      ...('quantity' in bad ? { quantity: bad.quantity } : {}),
      ...('sku' in bad ? { sku: bad.sku } : {}),
    };

    const refused = errorOf(
      await cart.removeOrdered(
        buyer,
        'orderId' in bad ? bad.orderId : orderId,
        'lines' in bad ? bad.lines : [line],
      ),
    );

    expect([refused.code, refused.status]).toEqual(['BAD_USER_INPUT', 400]);
    expect(refused.message).toContain(message);
    expect(quantities(await cart.cart(buyer))).toEqual({ [shirt.sku]: 3 });
    const applied = await cart.removeOrdered(buyer, orderId, [ordered(shirt, 1)]);
    expect(quantities(applied.data!.removeOrderedLines)).toEqual({ [shirt.sku]: 2 });
  });

  it("answers the orders service's contract (@marketplace/contracts cart-api)", async () => {
    const buyer = await createTestBuyer();
    const shirt = product();
    await filled(buyer, [[shirt, 3]]);

    const answer = removeOrderedLinesAnswerSchema.parse(
      await cart.gql(REMOVE_ORDERED_LINES_MUTATION, { orderId: ulid(), lines: [ordered(shirt, 1)] }, buyer),
    );

    expect(answer).toEqual({ data: { removeOrderedLines: { itemCount: 2 } } });
  });
});
