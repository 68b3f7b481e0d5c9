import { runWithContext } from '@marketplace/tenancy';
import {
  createTestBuyer,
  createTestTenant,
  TcpRelay,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import { cartKey, orderedKey } from '../../cart/src/cart/cart-owner';
import { connectCartRedis } from '../../cart/test/cart-redis';
import { line, onboardSeller, startCheckoutStack, stockUp, type CheckoutStack } from './support';

const CART = 'query { cart { itemCount sellers { lines { sku quantity } } } }';

/**
 * ADR 0058: a placed order's lines leave the buyer's cart before the checkout answers (the storefront reloads the
 * cart right after it), best effort: a cart that fails never changes the checkout's answer.
 */
describe('orders: checkout takes the ordered lines out of the cart', () => {
  let relay: TcpRelay;
  let stack: CheckoutStack;
  let seller: TestTenant;
  let redis: ReturnType<typeof connectCartRedis>;

  beforeAll(async () => {
    // Orders reaches the cart through a relay the test cuts: the cart itself (and the shared servers) keep running.
    relay = await TcpRelay.open();
    stack = await startCheckoutStack({ CART_URL: relay.url });
    relay.to(stack.cartUrl);
    seller = await createTestTenant();
    await onboardSeller(stack, seller.owner.token);
    redis = connectCartRedis();
  });
  afterAll(async () => {
    await stack.close();
    await relay.cut();
    redis?.disconnect();
  });

  async function cartOf(buyer: TestUser): Promise<Record<string, number>> {
    const answer = await stack.cartGql(CART, {}, buyer.token);
    expect(answer.errors).toBeUndefined();
    const lines = (answer.data!.cart as { sellers: { lines: { sku: string; quantity: number }[] }[] })
      .sellers;
    return Object.fromEntries(lines.flatMap((group) => group.lines).map((l) => [l.sku, l.quantity]));
  }

  function orderedKeyOf(buyer: TestUser): string {
    return runWithContext({ userId: buyer.userId }, () =>
      orderedKey(cartKey(stack.cartKeyPrefix, { kind: 'buyer' })),
    );
  }

  it('answers the placed order with the cart emptied of its lines; a repeated checkout leaves the cart alone', async () => {
    const buyer = await createTestBuyer();
    const [skuA, skuB] = await Promise.all([
      stockUp(stack, seller.owner.token, 10),
      stockUp(stack, seller.owner.token, 10),
    ]);
    const shirt = line(seller, skuA, 2, 1_500);
    await stack.fillCart(buyer.token, [shirt, line(seller, skuB, 1, 800)]);
    const key = `key-${ulid()}`;

    const placed = await stack.checkout(buyer.token, key);

    expect(placed.errors).toBeUndefined();
    expect(placed.data!.checkout).toMatchObject({ status: 'paid', total: 3_800 });
    expect(await cartOf(buyer)).toEqual({});

    // The buyer shops on; the same checkout again (a retry) answers the same order and takes nothing more out.
    await stack.fillCart(buyer.token, [shirt]);
    const again = await stack.checkout(buyer.token, key);
    expect(again.data!.checkout.id).toBe(placed.data!.checkout.id);
    expect(await cartOf(buyer)).toEqual({ [skuA]: 2 });
  });

  it('leaves the cart as it was when the checkout is refused', async () => {
    const buyer = await createTestBuyer();
    const sku = await stockUp(stack, seller.owner.token, 1);
    await stack.fillCart(buyer.token, [line(seller, sku, 3, 1_000)]);

    const refused = await stack.checkout(buyer.token);

    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await cartOf(buyer)).toEqual({ [sku]: 3 });
  });

  it('answers the placed order when the cart fails to take the lines out (its Redis answers an error)', async () => {
    const buyer = await createTestBuyer();
    const sku = await stockUp(stack, seller.owner.token, 10);
    await stack.fillCart(buyer.token, [line(seller, sku, 2, 1_500)]);
    // A value of the wrong type where the cart keeps the orders it applied: Redis refuses the cart's script.
    await redis.set(orderedKeyOf(buyer), 'not a sorted set', 'EX', 600);
    const key = `key-${ulid()}`;

    const placed = await stack.checkout(buyer.token, key);

    expect(placed.errors).toBeUndefined();
    expect(placed.data!.checkout).toMatchObject({ status: 'paid', total: 3_000 });
    expect(await cartOf(buyer)).toEqual({ [sku]: 2 });

    // Once the cart works again, the buyer's retry with the key takes them out.
    await redis.del(orderedKeyOf(buyer));
    expect((await stack.checkout(buyer.token, key)).data!.checkout.id).toBe(placed.data!.checkout.id);
    expect(await cartOf(buyer)).toEqual({});
  });

  it('answers a repeated checkout when the cart is unreachable, and the lines stay', async () => {
    const buyer = await createTestBuyer();
    const sku = await stockUp(stack, seller.owner.token, 10);
    const mug = line(seller, sku, 1, 900);
    await stack.fillCart(buyer.token, [mug]);
    const key = `key-${ulid()}`;
    const placed = await stack.checkout(buyer.token, key);
    expect(placed.data!.checkout.status).toBe('paid');
    await stack.fillCart(buyer.token, [mug]);

    await relay.cut();
    try {
      const again = await stack.checkout(buyer.token, key);
      expect(again.errors).toBeUndefined();
      expect(again.data!.checkout).toMatchObject({ id: placed.data!.checkout.id, status: 'paid' });
    } finally {
      await relay.restore();
    }
    expect(await cartOf(buyer)).toEqual({ [sku]: 1 });
  });
});
