import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { ulid } from 'ulid';
import { runWithContext } from '@marketplace/tenancy';
import { createTestBuyer, type TestUser } from '@marketplace/testing';
import { cartKey } from '../src/cart/cart-owner';
import { CartHarness, type CartView, type GqlAnswer } from './cart-harness';
import {
  fixtureProduct,
  startFixtureCatalog,
  type FixtureCatalogState,
  type FixtureProductState,
} from './fixture-catalog';

const tenantA = `tenant-a-${ulid()}`;
const tenantB = `tenant-b-${ulid()}`;

function sku(p: FixtureProductState, index = 0): string {
  return p.variants[index]!.sku;
}

function errorOf(answer: GqlAnswer<unknown>) {
  expect(answer.errors).toHaveLength(1);
  return {
    code: answer.errors![0]!.extensions?.code,
    status: answer.errors![0]!.extensions?.status,
    message: answer.errors![0]!.message,
  };
}

function allLines(cart: CartView) {
  return cart.sellers.flatMap((group) => group.lines);
}

describe('cart service against real Redis, Keycloak and a fixture catalog subgraph', () => {
  let catalogApp: NestFastifyApplication;
  let catalog: FixtureCatalogState;
  let cart: CartHarness;
  let redis: Redis;
  let buyerA: TestUser;
  let buyerB: TestUser;

  beforeAll(async () => {
    const fixture = await startFixtureCatalog();
    catalogApp = fixture.app;
    catalog = fixture.state;
    cart = await new CartHarness({ CATALOG_URL: fixture.url }).start();
    redis = new Redis(process.env.REDIS_URL!);
    [buyerA, buyerB] = await Promise.all([createTestBuyer(), createTestBuyer()]);
  });

  afterAll(async () => {
    await cart?.stop();
    await catalogApp?.close();
    redis?.disconnect();
  });

  it('groups lines from two sellers with per-seller subtotals and a cart total, and keeps the cart 30 days', async () => {
    const buyer = await createTestBuyer();
    const shirt = catalog.put(fixtureProduct(tenantA, [1250, 800]));
    const lamp = catalog.put(fixtureProduct(tenantB, [2000]));

    expect((await cart.add(buyer, shirt.id, sku(shirt, 0), 2)).errors).toBeUndefined();
    expect((await cart.add(buyer, shirt.id, sku(shirt, 1), 1)).errors).toBeUndefined();
    expect((await cart.add(buyer, lamp.id, sku(lamp), 3)).errors).toBeUndefined();
    const again = await cart.add(buyer, shirt.id, sku(shirt, 0), 1);
    const view = again.data!.addToCart;

    expect(view.totals).toEqual([{ amountMinor: 3 * 1250 + 800 + 3 * 2000, currency: 'EUR' }]);
    expect(view.itemCount).toBe(7);
    expect(view.sellers.map((group) => [group.tenantId, group.seller.id, group.subtotals])).toEqual([
      [tenantA, tenantA, [{ amountMinor: 3 * 1250 + 800, currency: 'EUR' }]],
      [tenantB, tenantB, [{ amountMinor: 6000, currency: 'EUR' }]],
    ]);
    const first = view.sellers[0]!.lines[0]!;
    expect(first).toMatchObject({
      productId: shirt.id,
      variantId: shirt.variants[0]!.id,
      sku: sku(shirt, 0),
      title: shirt.title,
      quantity: 3,
    });
    expect(first.unitPrice).toMatchObject({ amountMinor: 1250, currency: 'EUR' });
    expect(first.lineTotal).toEqual({ amountMinor: 3750, currency: 'EUR' });
    expect(await cart.cart(buyer)).toEqual(view);

    const ttl = await redis.ttl(
      runWithContext({ userId: buyer.userId }, () => cartKey(cart.keyPrefix, { kind: 'buyer' })),
    );
    expect(ttl).toBeGreaterThan(29 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(30 * 24 * 3600);
  });

  it('updates and removes lines', async () => {
    const buyer = await createTestBuyer();
    const shirt = catalog.put(fixtureProduct(tenantA, [500]));
    const lamp = catalog.put(fixtureProduct(tenantB, [700]));
    await cart.add(buyer, shirt.id, sku(shirt), 1);
    const added = (await cart.add(buyer, lamp.id, sku(lamp), 1)).data!.addToCart;
    const [shirtLine, lampLine] = allLines(added);

    const updated = (await cart.update(buyer, shirtLine!.id, 4)).data!.updateCartLine;
    expect(updated.totals).toEqual([{ amountMinor: 4 * 500 + 700, currency: 'EUR' }]);
    const removed = (await cart.remove(buyer, lampLine!.id)).data!.removeCartLine;
    expect(removed.sellers.map((group) => group.tenantId)).toEqual([tenantA]);
    expect(removed.totals).toEqual([{ amountMinor: 2000, currency: 'EUR' }]);
  });

  it('keeps an anonymous cart under its token for 7 days and merges it into the buyer cart at sign-in', async () => {
    const buyer = await createTestBuyer();
    const shirt = catalog.put(fixtureProduct(tenantA, [1000]));
    const lamp = catalog.put(fixtureProduct(tenantB, [3000]));
    const token = await cart.anonymousToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await cart.add({ cartToken: token }, shirt.id, sku(shirt), 5);
    await cart.add({ cartToken: token }, lamp.id, sku(lamp), 1);
    expect((await cart.cart({ cartToken: token })).itemCount).toBe(6);
    const ttl = await redis.ttl(cartKey(cart.keyPrefix, { kind: 'anonymous', token }));
    expect(ttl).toBeGreaterThan(6 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);

    await cart.add(buyer, shirt.id, sku(shirt), 97);
    const merge = `mutation($t: String!) { mergeCart(cartToken: $t) { mergedLines skippedLines cart { itemCount totals { amountMinor currency } sellers { lines { sku quantity } } } } }`;
    const merged = await cart.ok<{
      mergeCart: { mergedLines: number; skippedLines: number; cart: CartView };
    }>(merge, { t: token }, buyer);

    expect(merged.mergeCart.mergedLines).toBe(2);
    expect(merged.mergeCart.skippedLines).toBe(0);
    const mergedLines = merged.mergeCart.cart.sellers.flatMap((group) => group.lines);
    expect(mergedLines).toHaveLength(2);
    expect(mergedLines).toEqual(
      expect.arrayContaining([
        { sku: sku(shirt), quantity: 99 },
        { sku: sku(lamp), quantity: 1 },
      ]),
    );
    expect(merged.mergeCart.cart.totals).toEqual([{ amountMinor: 99 * 1000 + 3000, currency: 'EUR' }]);
    expect((await cart.cart({ cartToken: token })).itemCount).toBe(0);

    const repeated = await cart.ok<{ mergeCart: { mergedLines: number; cart: CartView } }>(
      merge,
      { t: token },
      buyer,
    );
    expect(repeated.mergeCart.mergedLines).toBe(0);
    expect(repeated.mergeCart.cart.itemCount).toBe(100);
  });

  it('refuses a merge into a cart of another currency and changes neither cart', async () => {
    const buyer = await createTestBuyer();
    const eur = catalog.put(fixtureProduct(tenantA, [1000]));
    const usd = catalog.put(fixtureProduct(tenantB, [1000], { currency: 'USD' }));
    const token = await cart.anonymousToken();
    await cart.add({ cartToken: token }, usd.id, sku(usd), 1);
    await cart.add(buyer, eur.id, sku(eur), 1);

    const refused = errorOf(
      await cart.gql(
        'mutation($t: String!) { mergeCart(cartToken: $t) { mergedLines } }',
        { t: token },
        buyer,
      ),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('EUR');
    expect((await cart.cart(buyer)).totals).toEqual([{ amountMinor: 1000, currency: 'EUR' }]);
    expect((await cart.cart({ cartToken: token })).totals).toEqual([{ amountMinor: 1000, currency: 'USD' }]);
  });

  it("never lets one buyer or token read or change another's cart", async () => {
    const shirt = catalog.put(fixtureProduct(tenantA, [1500]));
    const aCart = (await cart.add(buyerA, shirt.id, sku(shirt), 2)).data!.addToCart;
    const aLine = allLines(aCart).find((line) => line.productId === shirt.id)!;

    expect(errorOf(await cart.update(buyerB, aLine.id, 9)).code).toBe('NOT_FOUND');
    expect(errorOf(await cart.remove(buyerB, aLine.id)).code).toBe('NOT_FOUND');
    expect(allLines(await cart.cart(buyerB)).some((line) => line.id === aLine.id)).toBe(false);

    // A buyer's id is no cart token, and a token can never name a buyer's cart.
    expect(errorOf(await cart.gql('{ cart { itemCount } }', {}, { cartToken: buyerA.userId })).code).toBe(
      'BAD_USER_INPUT',
    );
    const stranger = await cart.anonymousToken();
    expect((await cart.cart({ cartToken: stranger })).itemCount).toBe(0);
    expect(errorOf(await cart.update({ cartToken: stranger }, aLine.id, 9)).code).toBe('NOT_FOUND');

    // One anonymous cart is invisible to another token; a signed-in caller gets their own cart whatever token they send.
    const anonymous = await cart.anonymousToken();
    const anonLine = allLines(
      (await cart.add({ cartToken: anonymous }, shirt.id, sku(shirt), 1)).data!.addToCart,
    )[0]!;
    expect(errorOf(await cart.remove({ cartToken: stranger }, anonLine.id)).code).toBe('NOT_FOUND');
    expect(
      allLines(await cart.cart({ token: buyerB.token, cartToken: anonymous })).some(
        (line) => line.id === anonLine.id,
      ),
    ).toBe(false);

    expect(allLines(await cart.cart(buyerA)).find((line) => line.id === aLine.id)?.quantity).toBe(2);
    expect((await cart.cart({ cartToken: anonymous })).itemCount).toBe(1);
    expect(errorOf(await cart.gql('{ cart { itemCount } }', {}, {})).code).toBe('UNAUTHENTICATED');
    expect(
      errorOf(
        await cart.gql('mutation { mergeCart(cartToken: "AAAAAAAAAAAAAAAAAAAAAA") { mergedLines } }', {}, {}),
      ).code,
    ).toBe('UNAUTHENTICATED');
  });

  it('opens a cart only with a token it issued: client-chosen and forged tokens are refused and create nothing', async () => {
    const shirt = catalog.put(fixtureProduct(tenantA, [1500]));
    const issued = await cart.anonymousToken();
    const tampered = `${issued.slice(0, 20)}${issued[20] === 'A' ? 'B' : 'A'}${issued.slice(21)}`;
    const respelled = `${issued.slice(0, 42)}${issued.endsWith('A') ? 'B' : 'A'}`;
    const chosen = 'fixatedByAnAttacker123';
    for (const token of [chosen, tampered, respelled, 'A'.repeat(43)]) {
      const refused = errorOf(await cart.add({ cartToken: token }, shirt.id, sku(shirt), 1));
      expect(refused).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: expect.stringContaining('createAnonymousCart'),
      });
      expect(errorOf(await cart.gql('{ cart { itemCount } }', {}, { cartToken: token })).code).toBe(
        'UNAUTHENTICATED',
      );
      expect(await redis.exists(cartKey(cart.keyPrefix, { kind: 'anonymous', token }))).toBe(0);
      const merge = await cart.gql(
        'mutation($t: String!) { mergeCart(cartToken: $t) { mergedLines } }',
        { t: token },
        buyerA,
      );
      expect(errorOf(merge).code).toBe('UNAUTHENTICATED');
    }
    expect((await cart.add({ cartToken: issued }, shirt.id, sku(shirt), 1)).errors).toBeUndefined();
  });

  it('keeps a cart made before tokens were signed while it exists', async () => {
    const shirt = catalog.put(fixtureProduct(tenantA, [1500]));
    const issued = await cart.anonymousToken();
    await cart.add({ cartToken: issued }, shirt.id, sku(shirt), 2);
    const legacy = Buffer.from(ulid()).subarray(0, 16).toString('base64url');
    await redis.rename(
      cartKey(cart.keyPrefix, { kind: 'anonymous', token: issued }),
      cartKey(cart.keyPrefix, { kind: 'anonymous', token: legacy }),
    );
    expect((await cart.cart({ cartToken: legacy })).itemCount).toBe(2);
    expect((await cart.add({ cartToken: legacy }, shirt.id, sku(shirt), 1)).errors).toBeUndefined();
    expect((await cart.cart({ cartToken: legacy })).itemCount).toBe(3);
  });

  it.each([0, -1, 100])('refuses quantity %d with a 400 and changes nothing', async (quantity) => {
    const buyer = await createTestBuyer();
    const shirt = catalog.put(fixtureProduct(tenantA, [900]));
    const line = allLines((await cart.add(buyer, shirt.id, sku(shirt), 3)).data!.addToCart)[0]!;
    const before = await cart.cart(buyer);

    const added = errorOf(await cart.add(buyer, shirt.id, sku(shirt), quantity));
    expect([added.code, added.status]).toEqual(['BAD_USER_INPUT', 400]);
    expect(added.message).toContain('quantity');
    expect(errorOf(await cart.update(buyer, line.id, quantity)).code).toBe('BAD_USER_INPUT');
    expect(await cart.cart(buyer)).toEqual(before);
  });

  it('refuses to exceed 99 of one item through repeated adds', async () => {
    const buyer = await createTestBuyer();
    const shirt = catalog.put(fixtureProduct(tenantA, [900]));
    await cart.add(buyer, shirt.id, sku(shirt), 60);
    const refused = errorOf(await cart.add(buyer, shirt.id, sku(shirt), 40));
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toContain('at most 99');
    expect((await cart.cart(buyer)).itemCount).toBe(60);
  });

  it('refuses unknown variants, unpublished products, inactive sellers and out-of-stock products with clear errors', async () => {
    const buyer = await createTestBuyer();
    const shirt = catalog.put(fixtureProduct(tenantA, [900]));
    const draft = catalog.put(fixtureProduct(tenantA, [900], { status: 'draft' }));
    const removed = catalog.put(fixtureProduct(tenantA, [900], { moderation: 'removed' }));
    const soldOut = catalog.put(fixtureProduct(tenantA, [900], { inStock: false }));
    const inactiveTenant = `tenant-inactive-${ulid()}`;
    const suspended = catalog.put(fixtureProduct(inactiveTenant, [900]));
    catalog.inactiveTenants.add(inactiveTenant);

    const unknownProduct = errorOf(await cart.add(buyer, ulid(), 'SKU-1', 1));
    expect(unknownProduct.code).toBe('NOT_FOUND');
    expect(unknownProduct.message).toContain('is not for sale');
    const unknownSku = errorOf(await cart.add(buyer, shirt.id, 'NO-SUCH-SKU', 1));
    expect(unknownSku.code).toBe('NOT_FOUND');
    expect(unknownSku.message).toBe(`Product ${shirt.id} has no variant with SKU NO-SUCH-SKU`);
    for (const hidden of [draft, removed, suspended]) {
      const refused = errorOf(await cart.add(buyer, hidden.id, sku(hidden), 1));
      expect(refused.code).toBe('NOT_FOUND');
      expect(refused.message).toContain('not published');
    }
    const outOfStock = errorOf(await cart.add(buyer, soldOut.id, sku(soldOut), 1));
    expect([outOfStock.code, outOfStock.message]).toEqual([
      'CONFLICT',
      `Product ${soldOut.id} is out of stock`,
    ]);
    expect((await cart.cart(buyer)).itemCount).toBe(0);
  });

  it('refuses a second currency in one cart', async () => {
    const buyer = await createTestBuyer();
    const eur = catalog.put(fixtureProduct(tenantA, [900]));
    const usd = catalog.put(fixtureProduct(tenantB, [900], { currency: 'USD' }));
    await cart.add(buyer, eur.id, sku(eur), 1);
    const refused = errorOf(await cart.add(buyer, usd.id, sku(usd), 1));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('The cart is in EUR');
    expect((await cart.cart(buyer)).totals).toEqual([{ amountMinor: 900, currency: 'EUR' }]);
  });

  it('validateCart reports price changes and unavailable lines and stores the new prices', async () => {
    const buyer = await createTestBuyer();
    const shirt = catalog.put(fixtureProduct(tenantA, [1250]));
    const lamp = catalog.put(fixtureProduct(tenantB, [2000]));
    const steady = catalog.put(fixtureProduct(tenantB, [300]));
    await cart.add(buyer, shirt.id, sku(shirt), 2);
    await cart.add(buyer, lamp.id, sku(lamp), 1);
    await cart.add(buyer, steady.id, sku(steady), 1);

    shirt.variants[0]!.priceMinor = 1400;
    lamp.status = 'draft';
    const validate = `mutation { validateCart { valid
      changedLines { lineId productId sku previousPrice { amountMinor currency } currentPrice { amountMinor currency } }
      unavailableLines { lineId productId sku reason }
      cart { totals { amountMinor currency } sellers { lines { sku unitPrice { amountMinor } } } } } }`;
    type Validation = {
      validateCart: {
        valid: boolean;
        changedLines: {
          productId: string;
          previousPrice: { amountMinor: number };
          currentPrice: { amountMinor: number };
        }[];
        unavailableLines: { productId: string; reason: string }[];
        cart: CartView;
      };
    };
    const first = (await cart.ok<Validation>(validate, {}, buyer)).validateCart;

    expect(first.valid).toBe(false);
    expect(first.changedLines).toEqual([
      expect.objectContaining({
        productId: shirt.id,
        previousPrice: { amountMinor: 1250, currency: 'EUR' },
        currentPrice: { amountMinor: 1400, currency: 'EUR' },
      }),
    ]);
    expect(first.unavailableLines).toEqual([
      expect.objectContaining({ productId: lamp.id, reason: expect.stringContaining('not for sale') }),
    ]);
    expect(first.cart.totals).toEqual([{ amountMinor: 2 * 1400 + 2000 + 300, currency: 'EUR' }]);

    const second = (await cart.ok<Validation>(validate, {}, buyer)).validateCart;
    expect(second.changedLines).toEqual([]);
    expect(second.unavailableLines).toHaveLength(1);

    lamp.status = 'published';
    expect((await cart.ok<Validation>(validate, {}, buyer)).validateCart.valid).toBe(true);
  });

  it('counts all of 50 concurrent adds of one item and of 50 different items', async () => {
    const buyer = await createTestBuyer();
    const shirt = catalog.put(fixtureProduct(tenantA, [100]));
    const many = catalog.put(
      fixtureProduct(
        tenantB,
        Array.from({ length: 50 }, (_, i) => 200 + i),
      ),
    );

    const sameItem = await Promise.all(
      Array.from({ length: 50 }, () => cart.add(buyer, shirt.id, sku(shirt), 1)),
    );
    expect(sameItem.flatMap((answer) => answer.errors ?? [])).toEqual([]);
    const distinct = await Promise.all(
      many.variants.map((variant) => cart.add(buyer, many.id, variant.sku, 1)),
    );
    expect(distinct.flatMap((answer) => answer.errors ?? [])).toEqual([]);

    const view = await cart.cart(buyer);
    expect(allLines(view).find((line) => line.productId === shirt.id)?.quantity).toBe(50);
    expect(view.sellers.find((group) => group.tenantId === tenantB)?.lines).toHaveLength(50);
    expect(view.itemCount).toBe(100);
  });
});

describe('cart service when the catalog cannot answer', () => {
  let buyer: TestUser;
  beforeAll(async () => {
    buyer = await createTestBuyer();
  });

  it('answers 503 when the catalog is unreachable and adds nothing', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const cart = await new CartHarness({ CATALOG_URL: `http://127.0.0.1:${port}/graphql` }).start();
    try {
      const refused = errorOf(await cart.add(buyer, ulid(), 'SKU-1', 1));
      expect(refused.status).toBe(503);
      expect(refused.message).toContain('The catalog is unavailable');
      expect((await cart.cart(buyer)).itemCount).toBe(0);
    } finally {
      await cart.stop();
    }
  });

  it('times out a catalog that never answers, then opens the breaker and stops calling it', async () => {
    const sockets: Socket[] = [];
    let connections = 0;
    const silent: Server = createServer((socket) => {
      connections += 1;
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const cart = await new CartHarness({
      CATALOG_URL: `http://127.0.0.1:${port}/graphql`,
      CATALOG_TIMEOUT_MS: '200',
    }).start();
    try {
      const first = errorOf(await cart.add(buyer, ulid(), 'SKU-1', 1));
      expect(first.status).toBe(503);
      expect(first.message).toContain('did not answer within 200 ms');

      const second = errorOf(await cart.add(buyer, ulid(), 'SKU-1', 1));
      expect(second.status).toBe(503);
      const attemptsBeforeOpen = connections;
      const third = errorOf(await cart.add(buyer, ulid(), 'SKU-1', 1));
      expect(third.status).toBe(503);
      expect(third.message).toContain('circuit open');
      expect(connections).toBe(attemptsBeforeOpen);
    } finally {
      await cart.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
