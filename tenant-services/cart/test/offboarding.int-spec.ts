import { TenantDataDeleted, TenantDeletionRequested } from '@marketplace/contracts';
import {
  EventConsumer,
  eventMessage,
  KafkaSender,
  type OutgoingEvent,
  repeatableHandlers,
} from '@marketplace/events';
import { createTestBuyer, type TestUser, waitFor } from '@marketplace/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { isDeepStrictEqual } from 'node:util';
import { ulid } from 'ulid';
import { ProductProjection } from '../src/catalog/projection/product-projection';
import { CartHarness } from './cart-harness';
import {
  fixtureProduct,
  startFixtureCatalog,
  type FixtureCatalogState,
  type FixtureProductState,
} from './fixture-catalog';

const leaving = `leaving-${ulid()}`;
const staying = `staying-${ulid()}`;

/** Every key under the cart's prefix whose name or value mentions the tenant id (the offboarding scan's question). */
async function keysMentioning(redis: Redis, prefix: string, tenantId: string): Promise<string[]> {
  const found: string[] = [];
  for (const pattern of [`${prefix}:*`, `{${prefix}:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const content =
          type === 'string'
            ? [await redis.get(key)]
            : type === 'hash'
              ? Object.entries(await redis.hgetall(key)).flat()
              : type === 'zset'
                ? await redis.zrange(key, '0', '-1')
                : [];
        if (key.includes(tenantId) || content.some((value) => value?.includes(tenantId))) found.push(key);
      }
    } while (cursor !== '0');
  }
  return found;
}

describe('cart: a deleted seller leaves the carts and the product projection (tenant offboarding, ADR 0071)', () => {
  let catalogApp: NestFastifyApplication;
  let catalog: FixtureCatalogState;
  let cart: CartHarness;
  let redis: Redis;
  let projection: ProductProjection;
  let sender: KafkaSender;
  let confirmations: EventConsumer<undefined>;
  const confirmed: { deletionId: string; tenantId: string; deleted: Record<string, number> }[] = [];

  beforeAll(async () => {
    const fixture = await startFixtureCatalog();
    catalogApp = fixture.app;
    catalog = fixture.state;
    cart = await new CartHarness({
      CATALOG_URL: fixture.url,
      CART_CATALOG_SOURCE: 'projection',
      OFFBOARDING_PARTICIPANT: 'true',
    }).start();
    redis = new Redis(process.env.REDIS_URL!);
    projection = new ProductProjection(redis, { keyPrefix: cart.keyPrefix, entryTtlSeconds: 3600 });
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    sender = new KafkaSender({ brokers, clientId: `cart-offboarding-test-${ulid()}` });
    confirmations = new EventConsumer<undefined>({
      brokers,
      clientId: `cart-offboarding-test-${ulid()}`,
      groupId: `cart-offboarding-test-${ulid()}`,
      processedEvents: repeatableHandlers,
      // From the start, so that the first confirmation of a request is seen even if this consumer joined late.
      startFrom: 'earliest',
    }).handle(TenantDataDeleted, async ({ payload }) => {
      if (payload.service === 'cart' && [leaving, staying].includes(payload.tenantId))
        confirmed.push(payload);
    });
    await confirmations.start();
  });

  afterAll(async () => {
    await confirmations?.stop();
    await cart?.stop();
    await catalogApp?.close();
    await sender?.close();
    await redis?.hdel(projection.tenantStatusKey(), leaving, staying);
    redis?.disconnect();
  });

  async function publish(event: OutgoingEvent, key: string): Promise<void> {
    await sender.send([eventMessage(event.topic, key, JSON.stringify(event.envelope))]);
  }

  async function addOne(caller: TestUser | { cartToken: string }, product: FixtureProductState) {
    const answer = await cart.add(caller, product.id, product.variants[0]!.sku, 1);
    expect(answer.errors).toBeUndefined();
  }

  /**
   * Sends the request until the cart confirms it (the cart's consumer starts at the end of the topic once joined,
   * so a request sent before misses it), then answers what it erased: the counts of every confirmation of the
   * request, summed. Under load the cart may get the request twice (re-sent while it was still busy with the
   * first); the second erases nothing more, and its confirmation can even arrive first.
   */
  async function erasedBy(deletionId: string, expected: Record<string, number>) {
    await deletionConfirmed(deletionId);
    const summed = () => {
      const total: Record<string, number> = {};
      for (const confirmation of confirmed.filter((one) => one.deletionId === deletionId))
        for (const [kind, count] of Object.entries(confirmation.deleted))
          total[kind] = (total[kind] ?? 0) + count;
      return total;
    };
    // A confirmation of the request still on its way changes the sum: wait a little for the expected one.
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      if (isDeepStrictEqual(summed(), expected)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return summed();
  }

  async function deletionConfirmed(deletionId: string) {
    const request = TenantDeletionRequested.create(
      {
        deletionId,
        tenantId: leaving,
        reason: 'The seller asked to be erased',
        requestedBy: null,
        requestedAt: new Date().toISOString(),
      },
      { tenantId: null },
    );
    let sentAt = 0;
    return waitFor('the cart to confirm the deletion', async () => {
      if (Date.now() - sentAt > 5_000) {
        sentAt = Date.now();
        await publish(request, leaving);
      }
      return confirmed.find((confirmation) => confirmation.deletionId === deletionId);
    });
  }

  it('takes the seller out of every cart and the projection, keeps the rest, confirms, and a repeat changes nothing', async () => {
    const [gone, kept] = [catalog.put(fixtureProduct(leaving)), catalog.put(fixtureProduct(staying))];
    const buyer = await createTestBuyer();
    await addOne(buyer, gone);
    await addOne(buyer, kept);
    const anonymous = { cartToken: await cart.anonymousToken() };
    await addOne(anonymous, gone);
    const now = new Date();
    await projection.applyTenantStatus(leaving, 'active', now);
    await projection.applyTenantStatus(staying, 'active', now);
    expect([...(await projection.entries([gone.id, kept.id])).keys()].sort()).toEqual(
      [gone.id, kept.id].sort(),
    );
    expect(await keysMentioning(redis, cart.keyPrefix, leaving)).not.toEqual([]);

    const erased = { 'cart-lines': 2, 'projected-products': 1, 'projected-statuses': 1 };
    expect(await erasedBy(ulid(), erased)).toEqual(erased);

    expect(await keysMentioning(redis, cart.keyPrefix, leaving)).toEqual([]);
    const buyerCart = await cart.cart(buyer);
    expect(buyerCart.sellers.map((group) => group.tenantId)).toEqual([staying]);
    expect(buyerCart.itemCount).toBe(1);
    expect((await cart.cart(anonymous)).itemCount).toBe(0);
    expect([...(await projection.entries([gone.id, kept.id])).keys()]).toEqual([kept.id]);
    expect(await projection.tenantStatuses([leaving, staying])).toEqual(new Map([[staying, 'active']]));

    // A redelivered or repeated request erases nothing more and is confirmed again.
    const nothing = { 'cart-lines': 0, 'projected-products': 0, 'projected-statuses': 0 };
    expect(await erasedBy(ulid(), nothing)).toEqual(nothing);
    expect((await cart.cart(buyer)).itemCount).toBe(1);
  });
});
