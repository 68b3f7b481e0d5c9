import {
  productArchivedV1,
  productPublishedV1,
  productRemovedV1,
  productUpdatedV1,
  TenantReactivated,
  TenantSuspended,
  type ProductSnapshot,
} from '@marketplace/contracts';
import { eventMessage, KafkaSender, type OutgoingEvent } from '@marketplace/events';
import { createTestBuyer, waitFor } from '@marketplace/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { ulid } from 'ulid';
import { ProductProjection } from '../src/catalog/projection/product-projection';
import { CartHarness, type CartView, type GqlAnswer } from './cart-harness';
import {
  fixtureProduct,
  startFixtureCatalog,
  type FixtureCatalogState,
  type FixtureProductState,
} from './fixture-catalog';

const tenantA = `tenant-a-${ulid()}`;
const tenantB = `tenant-b-${ulid()}`;

/** A product event of the catalog's; `removed` is `product.removed` (reason `deleted`). */
type ProductEvent =
  typeof productUpdatedV1 | typeof productPublishedV1 | typeof productArchivedV1 | 'removed';

/** The snapshot the catalog's events carry for the product at `revision` (event-carried state, ADR 0050). */
function snapshotOf(product: FixtureProductState, revision: number): ProductSnapshot {
  const now = new Date().toISOString();
  return {
    productId: product.id,
    tenantId: product.tenantId,
    slug: `product-${product.id.toLowerCase()}`,
    title: product.title,
    status: product.status,
    moderation: product.moderation,
    categoryId: product.categoryId ?? null,
    currency: product.currency,
    variants: product.variants.map((variant) => ({
      variantId: variant.id,
      sku: variant.sku,
      priceMinor: variant.priceMinor,
      compareAtMinor: null,
    })),
    state: {
      revision,
      description: '',
      categoryPath: [],
      attributes: [],
      options: [],
      variantOptionValues: product.variants.map(() => []),
      images: [],
      imageAlts: [],
      stock: Object.fromEntries(product.variants.map((variant) => [variant.id, 10])),
      inStock: product.inStock,
      ratingAvg: 0,
      ratingCount: 0,
      createdAt: now,
      updatedAt: now,
      publishedAt: product.status === 'published' ? now : null,
    },
  };
}

function errorCodeOf(answer: GqlAnswer<unknown>): unknown {
  expect(answer.errors).toHaveLength(1);
  return answer.errors![0]!.extensions?.code;
}

function onlyLine(view: CartView) {
  const lines = view.sellers.flatMap((group) => group.lines);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('cart: products from the projection fed by catalog and tenant events (ADR 0064)', () => {
  let catalogApp: NestFastifyApplication;
  let catalog: FixtureCatalogState;
  let catalogUrl: string;
  let cart: CartHarness;
  let redis: Redis;
  let projection: ProductProjection;
  let sender: KafkaSender;

  beforeAll(async () => {
    const fixture = await startFixtureCatalog();
    catalogApp = fixture.app;
    catalog = fixture.state;
    catalogUrl = fixture.url;
    cart = await new CartHarness({ CATALOG_URL: catalogUrl, CART_CATALOG_SOURCE: 'projection' }).start();
    redis = new Redis(process.env.REDIS_URL!);
    projection = new ProductProjection(redis, { keyPrefix: cart.keyPrefix, entryTtlSeconds: 3600 });
    sender = new KafkaSender({
      brokers: process.env.KAFKA_BROKERS!.split(','),
      clientId: `cart-projection-test-${ulid()}`,
    });
  });

  afterAll(async () => {
    await cart?.stop();
    await catalogApp?.close();
    await sender?.close();
    await redis?.del(projection.tenantStatusKey());
    redis?.disconnect();
  });

  /** Publishes an event as its producer's outbox relay does (key: the aggregate's id). */
  async function publish(event: OutgoingEvent, key: string): Promise<void> {
    await sender.send([eventMessage(event.topic, key, JSON.stringify(event.envelope))]);
  }

  /** The catalog changes the product and tells: the fixture answers the new state, the event carries it. */
  async function changed(
    product: FixtureProductState,
    revision: number,
    definition: ProductEvent = productUpdatedV1,
  ): Promise<void> {
    catalog.put(product);
    const snapshot = snapshotOf(product, revision);
    const event =
      definition === 'removed'
        ? productRemovedV1.create({ ...snapshot, reason: 'deleted' }, { tenantId: product.tenantId })
        : definition.create(snapshot, { tenantId: product.tenantId });
    await publish(event, product.id);
  }

  async function revisionApplied(product: FixtureProductState, revision: number): Promise<void> {
    await waitFor(`revision ${revision} of ${product.id} in the projection`, async () => {
      const entry = (await projection.entries([product.id])).get(product.id);
      return entry?.revision === revision;
    });
  }

  /** Adds one unit to a fresh buyer's cart: the answer is what the cart offered at that moment. */
  async function addFresh(product: FixtureProductState) {
    return cart.add(await createTestBuyer(), product.id, product.variants[0]!.sku, 1);
  }

  async function offeredPrice(product: FixtureProductState): Promise<number> {
    const answer = await addFresh(product);
    expect(answer.errors).toBeUndefined();
    return onlyLine(answer.data!.addToCart).unitPrice.amountMinor;
  }

  it('reads a product it has never seen through the catalog once, then answers it locally', async () => {
    const product = catalog.put(fixtureProduct(tenantA, [1250]));
    const before = catalog.requests;

    expect(await offeredPrice(product)).toBe(1250);
    expect(catalog.requests).toBe(before + 1);
    expect(await offeredPrice(product)).toBe(1250);
    expect(await offeredPrice(product)).toBe(1250);
    expect(catalog.requests).toBe(before + 1);
  });

  it('a product the catalog does not offer is not offered, and is asked again next time', async () => {
    const product = fixtureProduct(tenantA, [900]);
    const before = catalog.requests;

    expect(errorCodeOf(await addFresh(product))).toBe('NOT_FOUND');
    catalog.put(product);
    expect(await offeredPrice(product)).toBe(900);
    expect(catalog.requests).toBe(before + 2);
  });

  it("takes a price change from the catalog's event, without asking the catalog", async () => {
    const product = catalog.put(fixtureProduct(tenantA, [1000]));
    expect(await offeredPrice(product)).toBe(1000);
    const before = catalog.requests;

    await changed({ ...product, variants: [{ ...product.variants[0]!, priceMinor: 1400 }] }, 7);
    await revisionApplied(product, 7);

    expect(await offeredPrice(product)).toBe(1400);
    expect(catalog.requests).toBe(before);
  });

  it('never lets an older event overwrite a newer entry, nor a repeat change anything', async () => {
    const product = catalog.put(fixtureProduct(tenantA, [1000]));
    const at = (priceMinor: number, title = product.title) => ({
      ...product,
      title,
      variants: [{ ...product.variants[0]!, priceMinor }],
    });
    await changed(at(1500), 5);
    await revisionApplied(product, 5);

    // Late deliveries: an older revision, and the same revision again with other content.
    await changed(at(800), 4);
    await changed(at(700), 5);
    await changed(at(1500, 'Renamed'), 6);
    await revisionApplied(product, 6);

    const line = onlyLine((await addFresh(product)).data!.addToCart);
    expect([line.title, line.unitPrice.amountMinor]).toEqual(['Renamed', 1500]);
  });

  it('stops offering an unpublished or deleted product; publishing again brings it back, a deletion is final', async () => {
    const product = catalog.put(fixtureProduct(tenantA, [600]));
    expect(await offeredPrice(product)).toBe(600);

    await changed({ ...product, status: 'archived' }, 2, productArchivedV1);
    await revisionApplied(product, 2);
    expect(errorCodeOf(await addFresh(product))).toBe('NOT_FOUND');

    await changed({ ...product, status: 'published' }, 3, productPublishedV1);
    await revisionApplied(product, 3);
    expect(await offeredPrice(product)).toBe(600);

    await changed({ ...product, moderation: 'removed' }, 4);
    await revisionApplied(product, 4);
    expect(errorCodeOf(await addFresh(product))).toBe('NOT_FOUND');

    await changed({ ...product, moderation: 'none' }, 5);
    await revisionApplied(product, 5);
    await changed(product, 6, 'removed');
    catalog.products.delete(product.id);
    await revisionApplied(product, 6);
    expect(errorCodeOf(await addFresh(product))).toBe('NOT_FOUND');
    // A delivery older than the deletion does not bring it back (the deletion after it shows it was handled).
    await changed(product, 5, productPublishedV1);
    await changed(product, 7, 'removed');
    catalog.products.delete(product.id);
    await revisionApplied(product, 7);
    expect(errorCodeOf(await addFresh(product))).toBe('NOT_FOUND');
  });

  it("hides a suspended seller's products and only theirs; reactivation brings them back", async () => {
    const seller = `tenant-s-${ulid()}`;
    const [first, second] = [fixtureProduct(seller, [100]), fixtureProduct(seller, [200])];
    catalog.put(first);
    expect(await offeredPrice(first)).toBe(100);
    // Learned from an event only: the suspension must hide it too.
    await changed(second, 1);
    await revisionApplied(second, 1);
    const other = catalog.put(fixtureProduct(tenantB, [300]));
    expect(await offeredPrice(other)).toBe(300);

    const suspendedAt = new Date();
    catalog.inactiveTenants.add(seller);
    await publish(
      TenantSuspended.create(
        {
          tenantId: seller,
          reason: 'Unpaid fees',
          suspendedBy: null,
          suspendedAt: suspendedAt.toISOString(),
        },
        { tenantId: seller },
      ),
      seller,
    );
    await waitFor(
      'the suspension in the projection',
      async () => (await projection.tenantStatuses([seller])).get(seller) === 'suspended',
    );
    expect(errorCodeOf(await addFresh(first))).toBe('NOT_FOUND');
    expect(errorCodeOf(await addFresh(second))).toBe('NOT_FOUND');
    expect(await offeredPrice(other)).toBe(300);

    catalog.inactiveTenants.delete(seller);
    await publish(
      TenantReactivated.create(
        {
          tenantId: seller,
          reactivatedBy: null,
          reactivatedAt: new Date(suspendedAt.getTime() + 1000).toISOString(),
        },
        { tenantId: seller },
      ),
      seller,
    );
    // A suspension older than the reactivation, delivered late, changes nothing.
    await publish(
      TenantSuspended.create(
        { tenantId: seller, reason: 'Old', suspendedBy: null, suspendedAt: suspendedAt.toISOString() },
        { tenantId: seller },
      ),
      seller,
    );
    await waitFor(
      'the reactivation in the projection',
      async () => (await projection.tenantStatuses([seller])).get(seller) === 'active',
    );
    const before = catalog.requests;
    expect(await offeredPrice(first)).toBe(100);
    expect(await offeredPrice(second)).toBe(200);
    expect(catalog.requests).toBe(before);
  });

  it("never lets one tenant's product events touch another tenant's entries", async () => {
    const product = catalog.put(fixtureProduct(tenantA, [1000]));
    await changed(product, 2);
    await revisionApplied(product, 2);

    // Tenant B claims tenant A's product id, in its own name and in A's name inside a B envelope.
    const hijack = { ...product, tenantId: tenantB, variants: [{ ...product.variants[0]!, priceMinor: 1 }] };
    await publish(productUpdatedV1.create(snapshotOf(hijack, 9), { tenantId: tenantB }), product.id);
    await publish(
      productUpdatedV1.create(snapshotOf({ ...hijack, tenantId: tenantA }, 9), { tenantId: tenantB }),
      product.id,
    );
    await changed({ ...product, title: 'Still A' }, 3);
    await revisionApplied(product, 3);

    const line = onlyLine((await addFresh(product)).data!.addToCart);
    expect([line.title, line.unitPrice.amountMinor]).toEqual(['Still A', 1000]);
    const answer = await addFresh(product);
    expect(answer.data!.addToCart.sellers.map((group) => group.tenantId)).toEqual([tenantA]);
  });

  it('checkout prices come from the catalog, not the projection: validateCart sees a change whose event is late', async () => {
    const product = catalog.put(fixtureProduct(tenantA, [1000]));
    const buyer = await createTestBuyer();
    expect((await cart.add(buyer, product.id, product.variants[0]!.sku, 2)).errors).toBeUndefined();

    // The catalog's price changed; its event has not reached the cart yet.
    catalog.put({ ...product, variants: [{ ...product.variants[0]!, priceMinor: 1300 }] });
    expect(await offeredPrice(product)).toBe(1000);

    const validation = await cart.ok<{
      validateCart: { valid: boolean; changedLines: { currentPrice: { amountMinor: number } }[] };
    }>('mutation { validateCart { valid changedLines { currentPrice { amountMinor } } } }', {}, buyer);
    expect(validation.validateCart.valid).toBe(false);
    expect(validation.validateCart.changedLines.map((line) => line.currentPrice.amountMinor)).toEqual([1300]);

    // The stale entry was dropped: the next add reads the product through and offers the catalog's price.
    const before = catalog.requests;
    expect(await offeredPrice(product)).toBe(1300);
    expect(catalog.requests).toBe(before + 1);
  });

  it('with CART_CATALOG_SOURCE=graphql asks the catalog on every add', async () => {
    const direct = await new CartHarness({
      CATALOG_URL: catalogUrl,
      CART_CATALOG_SOURCE: 'graphql',
    }).start();
    try {
      const product = catalog.put(fixtureProduct(tenantA, [500]));
      const before = catalog.requests;
      for (let round = 0; round < 3; round += 1)
        expect(
          (await direct.add(await createTestBuyer(), product.id, product.variants[0]!.sku, 1)).errors,
        ).toBeUndefined();
      expect(catalog.requests).toBe(before + 3);
    } finally {
      await direct.stop();
    }
  });
});
