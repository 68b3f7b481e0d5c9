import { join } from 'node:path';
import { createTestBuyer } from '@marketplace/testing';
import {
  acceptsConnections,
  dataOf,
  Marketplace,
  MY_ORDER,
  readTopic,
  startPlatform,
  startPrivateStack,
  type BuyerOrderView,
  type PrivateStack,
  type RunningPlatform,
  BOOT_TIMEOUT_MS,
} from '../src';

const CHECKOUTS = 5;

/**
 * Kafka stopped while buyers check out, then started again: the checkouts succeed (the saga talks to its
 * neighbours over HTTP and writes events to its outbox in the order's transaction), and after the restart the
 * relay publishes every event, which a consumer sees once per event id. The Kafka it stops is a private one
 * (platform/e2e/src/private-stack.ts, as the fault suite's): the shared servers other suites use are never touched.
 */
describe('e2e: checkout through a Kafka outage', () => {
  const sharedBrokers = process.env.KAFKA_BROKERS;
  let kafka: PrivateStack | undefined;
  let platform: RunningPlatform;
  let market: Marketplace;

  beforeAll(async () => {
    kafka = await startPrivateStack(
      join(process.env.STACK_HOME ?? join(__dirname, '..', '..', '..', '.stack'), 'fault-stack'),
      ['kafka'],
    );
    // The platform's services and the topic reader below use the private broker.
    Object.assign(process.env, kafka.env);
    platform = await startPlatform();
    market = new Marketplace(platform);
  }, 2 * BOOT_TIMEOUT_MS);
  afterAll(async () => {
    await platform?.close();
    await kafka?.close();
    if (sharedBrokers === undefined) delete process.env.KAFKA_BROKERS;
    else process.env.KAFKA_BROKERS = sharedBrokers;
  }, BOOT_TIMEOUT_MS);

  it('loses no order and publishes every order event once Kafka is back', async () => {
    const seller = await market.seller();
    const product = await market.product(seller, 2_000, 20);
    const buyers = await Promise.all(Array.from({ length: CHECKOUTS }, () => createTestBuyer()));
    for (const buyer of buyers) await market.fillCart(buyer.token, [[product, 2]]);

    const broker = kafka!.addresses.kafka;
    let orders: BuyerOrderView[];
    await kafka!.down('kafka');
    try {
      expect(await acceptsConnections(broker)).toBe(false);
      orders = await Promise.all(
        buyers.map(async (buyer) => dataOf(await market.checkout(buyer.token), 'checkout').checkout),
      );
      expect(await acceptsConnections(broker)).toBe(false);
    } finally {
      await kafka!.up('kafka');
    }
    expect(await acceptsConnections(broker)).toBe(true);

    expect(orders.map((order) => order.status)).toEqual(Array(CHECKOUTS).fill('paid'));
    for (const [index, order] of orders.entries()) {
      const stored = dataOf(
        await platform.gql<{ myOrder: BuyerOrderView }>(MY_ORDER, { id: order.id }, buyers[index]!.token),
        'myOrder',
      );
      expect(stored.myOrder).toMatchObject({ id: order.id, status: 'paid', total: 4_000 });
    }
    expect(await market.stock(product)).toEqual({ onHand: 10, reserved: 0, available: 10 });

    const ids = new Set(orders.map((order) => order.id));
    const topic = await readTopic('orders.order.v1', (key) => ids.has(key));
    try {
      const paidEventIds = (orderId: string) =>
        new Set(
          topic.envelopes
            .filter((envelope) => envelope.key === orderId && envelope.type === 'order.paid')
            .map((envelope) => envelope.id),
        );
      await topic.waitUntil(
        () => orders.every((order) => paidEventIds(order.id).size === 1),
        `order.paid of all ${CHECKOUTS} orders after the Kafka restart`,
        90_000,
      );
      for (const order of orders) {
        // Redeliveries (the relay publishes at least once) share the event id; a consumer keeps one.
        expect(paidEventIds(order.id).size).toBe(1);
        const placed = topic.envelopes.filter(
          (envelope) => envelope.key === order.id && envelope.type === 'order.placed',
        );
        expect(new Set(placed.map((envelope) => envelope.id)).size).toBe(1);
      }
    } finally {
      await topic.stop();
    }
  }, 300_000);
});
