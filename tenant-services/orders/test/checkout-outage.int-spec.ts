import { createTestBuyer, createTestTenant, TcpRelay, type TestTenant, waitFor } from '@marketplace/testing';
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import {
  errorCode,
  line,
  onboardSeller,
  startCheckoutStack,
  stockUp,
  STOCK_LEVELS,
  type CheckoutStack,
} from './support';

/**
 * Inventory (or its database) down in the middle of a checkout (fault suite, ADR 0052): the buyer is told to try
 * again (503), the checkout stays open, and the retry with the same idempotency key completes it — instead of a
 * cancelled order answering every retry "Stock could not be reserved".
 */
describe('orders: a checkout cut by an inventory outage', () => {
  let relay: TcpRelay;
  let stack: CheckoutStack;
  let seller: TestTenant;

  beforeAll(async () => {
    // Orders reaches inventory through a relay the test cuts: inventory itself (and the shared servers) keep running.
    relay = await TcpRelay.open();
    stack = await startCheckoutStack({ INVENTORY_URL: relay.url });
    relay.to(stack.inventoryUrl);
    seller = await createTestTenant();
    await onboardSeller(stack, seller.owner.token);
  });
  afterAll(async () => {
    await stack.close();
    await relay.cut();
  });

  async function level(sku: string) {
    const answer = await stack.inventoryGql(STOCK_LEVELS, { sku }, seller.owner.token);
    return answer.data!.stockLevels.nodes[0] as { onHand: number; reserved: number; available: number };
  }

  async function orderOfKey(key: string) {
    const [rows] = await stack.orders.db.db.execute(
      sql`select id, status, saga_state, sweep_attempts, last_error from buyer_orders where idempotency_key = ${key}`,
    );
    return rows as unknown as {
      id: string;
      status: string;
      saga_state: string;
      sweep_attempts: number;
      last_error: string | null;
    }[];
  }

  it('answers 503 SERVICE_UNAVAILABLE, keeps the checkout open, and the retry with the key completes it once', async () => {
    const buyer = await createTestBuyer();
    const sku = await stockUp(stack, seller.owner.token, 5);
    await stack.fillCart(buyer.token, [line(seller, sku, 2, 1_500)]);
    const key = `outage-${ulid()}`;

    await relay.cut();
    const cut = await stack.checkout(buyer.token, key);
    expect(errorCode(cut)).toBe('SERVICE_UNAVAILABLE');
    expect(cut.errors![0]!.extensions).toMatchObject({ status: 503 });
    expect(JSON.stringify(cut.errors)).not.toMatch(/inventory|127\.0\.0\.1|ECONNREFUSED/);
    const [open] = await orderOfKey(key);
    expect(open).toMatchObject({ status: 'pending_payment', saga_state: 'reserving' });
    expect(await level(sku)).toEqual({ onHand: 5, reserved: 0, available: 5 });

    // The sweeper finds inventory still down: the checkout waits without using up its attempts (no parking).
    await stack.orders.sweeper.sweep(new Date(Date.now() + 31_000));
    const [waiting] = await orderOfKey(key);
    expect(waiting).toMatchObject({ saga_state: 'reserving', sweep_attempts: 0 });
    expect(waiting!.last_error).toEqual(expect.any(String));

    await relay.restore();
    // The client's circuit, opened by the failed calls, lets a trial call through after its half-open delay.
    const done = await waitFor(
      'the retry with the key to complete the checkout',
      async () => {
        const answer = await stack.checkout(buyer.token, key);
        if (answer.errors) {
          expect(errorCode(answer)).toBe('SERVICE_UNAVAILABLE');
          return false;
        }
        return answer.data!.checkout;
      },
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
    expect(done).toMatchObject({ id: open!.id, status: 'paid' });
    expect(await orderOfKey(key)).toHaveLength(1);
    expect(await level(sku)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    expect((await stack.outboxEvents(open!.id)).map((event) => event.type)).toEqual([
      'order.placed',
      'order.paid',
    ]);
    // Answered the same from now on.
    const again = await stack.checkout(buyer.token, key);
    expect(again.data!.checkout).toMatchObject({ id: open!.id, status: 'paid' });
  });

  it('cancels, on the retry, a checkout the outage kept open past its deadline, holding no stock', async () => {
    const buyer = await createTestBuyer();
    const sku = await stockUp(stack, seller.owner.token, 4);
    await stack.fillCart(buyer.token, [line(seller, sku, 1, 900)]);
    const key = `outage-${ulid()}`;

    await relay.cut();
    expect(errorCode(await stack.checkout(buyer.token, key))).toBe('SERVICE_UNAVAILABLE');
    await relay.restore();
    const [open] = await orderOfKey(key);
    await stack.orders.db.db.execute(
      sql`update buyer_orders set saga_deadline = ${new Date(Date.now() - 1_000)} where id = ${open!.id}`,
    );

    const late = await stack.checkout(buyer.token, key);
    expect(errorCode(late)).toBe('CONFLICT');
    expect(late.errors![0]!.message).toBe('Checkout interrupted before stock was reserved');
    expect(await orderOfKey(key)).toEqual([
      expect.objectContaining({ status: 'cancelled', saga_state: 'compensated' }),
    ]);
    expect(await level(sku)).toEqual({ onHand: 4, reserved: 0, available: 4 });
  });
});
