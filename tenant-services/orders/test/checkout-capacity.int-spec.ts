import { createTestBuyer, createTestTenant, type TestTenant, type TestUser } from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { errorCode, line, onboardSeller, startCheckoutStack, stockUp, type CheckoutStack } from './support';

/**
 * The checkout limit (ADR 0055): one saga at a time and one waiting (CHECKOUT_CONCURRENCY=1, CHECKOUT_QUEUE=1).
 * Against the real payments (test provider), inventory and cart services, MariaDB, Kafka, Keycloak.
 */
describe('orders: checkouts beyond the limit and its queue', () => {
  let stack: CheckoutStack;
  let seller: TestTenant;

  beforeAll(async () => {
    stack = await startCheckoutStack({ CHECKOUT_CONCURRENCY: '1', CHECKOUT_QUEUE: '1' });
    seller = await createTestTenant();
    await onboardSeller(stack, seller.owner.token);
  });
  afterAll(() => stack.close());

  const ordersWithKey = (key: string) =>
    stack.count(sql`select count(*) as n from buyer_orders where idempotency_key = ${key}`);

  it('runs one, queues one, refuses the rest with 503 writing nothing; a refused buyer retries with the same key', async () => {
    const sku = await stockUp(stack, seller.owner.token, 100);
    const buyers: TestUser[] = await Promise.all([1, 2, 3, 4].map(() => createTestBuyer()));
    for (const buyer of buyers) await stack.fillCart(buyer.token, [line(seller, sku, 2, 1_000)]);
    const keys = buyers.map(() => `key-${ulid()}`);

    const answers = await Promise.all(buyers.map((buyer, i) => stack.checkout(buyer.token, keys[i])));
    const paid = answers.filter((answer) => answer.data?.checkout?.status === 'paid');
    const refused = answers.filter((answer) => answer.errors);
    expect([paid.length, refused.length]).toEqual([2, 2]);
    for (const answer of refused) {
      expect(errorCode(answer)).toBe('SERVICE_UNAVAILABLE');
      expect(answer.errors![0]).toMatchObject({
        message:
          'Too many checkouts are in progress; nothing was charged or reserved, please try again shortly',
        extensions: { status: 503 },
      });
    }

    const refusedIndexes = answers.flatMap((answer, i) => (answer.errors ? [i] : []));
    for (const i of refusedIndexes) {
      // Nothing was written for the refused key: no order, no reservation, no payment.
      expect(await ordersWithKey(keys[i]!)).toBe(0);
    }
    const reserved = await stack.inventoryGql(
      `query($sku: String) { stockLevels(first: 5, sku: $sku) { nodes { onHand reserved available } } }`,
      { sku },
      seller.owner.token,
    );
    // Two paid checkouts of 2 units each took their stock; the refused ones took none.
    expect(reserved.data!.stockLevels.nodes[0].onHand).toBe(96);

    // The refused buyers' carts are untouched: their retries with the same keys (one runs, one waits) check out.
    const retried = await Promise.all(refusedIndexes.map((i) => stack.checkout(buyers[i]!.token, keys[i])));
    expect(retried.map((answer) => answer.data?.checkout?.status)).toEqual(['paid', 'paid']);
    for (const i of refusedIndexes) expect(await ordersWithKey(keys[i]!)).toBe(1);
  });
});
