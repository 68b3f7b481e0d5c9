import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { VALIDATE_CART_MUTATION, validateCartAnswerSchema } from '@marketplace/contracts';
import { createTestBuyer } from '@marketplace/testing';
import { ulid } from 'ulid';
import { CartHarness } from './cart-harness';
import { startFixtureCatalog, type FixtureCatalogState } from './fixture-catalog';

/** The orders → cart contract (@marketplace/contracts cart-api): the checkout's validateCart, asked of the real cart. */
describe("cart: the checkout's validateCart", () => {
  let catalogApp: NestFastifyApplication;
  let catalog: FixtureCatalogState;
  let cart: CartHarness;

  beforeAll(async () => {
    const fixture = await startFixtureCatalog();
    catalogApp = fixture.app;
    catalog = fixture.state;
    cart = await new CartHarness({ CATALOG_URL: fixture.url }).start();
  });

  afterAll(async () => {
    await cart?.stop();
    await catalogApp?.close();
  });

  it('answers lines per seller with prices in minor units, as the contract parses them', async () => {
    const buyer = await createTestBuyer();
    const tenantId = `tenant-${ulid()}`;
    const shirt = catalog.put({
      id: ulid(),
      tenantId,
      title: 'Contract shirt',
      status: 'published',
      moderation: 'none',
      currency: 'EUR',
      inStock: true,
      variants: [{ id: ulid(), sku: `SKU-${ulid()}`, priceMinor: 1250 }],
    });
    expect((await cart.add(buyer, shirt.id, shirt.variants[0]!.sku, 2)).errors).toBeUndefined();

    const answer = validateCartAnswerSchema.parse(await cart.gql(VALIDATE_CART_MUTATION, {}, buyer));

    expect(answer.errors).toBeUndefined();
    expect(answer.data?.validateCart).toEqual({
      valid: true,
      changedLines: [],
      unavailableLines: [],
      cart: {
        sellers: [
          {
            tenantId,
            lines: [
              {
                productId: shirt.id,
                sku: shirt.variants[0]!.sku,
                title: 'Contract shirt',
                categoryId: null,
                quantity: 2,
                unitPrice: { amountMinor: 1250, currency: 'EUR' },
              },
            ],
          },
        ],
      },
    });
  });
});
