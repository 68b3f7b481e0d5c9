import { cartProductsAnswerSchema, cartProductsQuery } from '@marketplace/contracts';
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  PUBLISH_PRODUCT,
  productInput,
  type CreatedProduct,
} from './support';

/** The cart → catalog contract (@marketplace/contracts catalog-api), asked of the real catalog. */
const harness = new CatalogHarness();
let seller: TestTenant;

beforeAll(async () => {
  await harness.start();
  seller = await createTestTenant();
});

afterAll(() => harness.stop());

describe("catalog: the cart's product query", () => {
  it('answers every requested product in one operation, null for drafts and unknown ids, as the contract parses it', async () => {
    const create = async () =>
      (
        await harness.ok<{ createProduct: CreatedProduct }>(
          CREATE_PRODUCT,
          { input: productInput() },
          seller.owner.token,
        )
      ).createProduct;
    const [published, draft] = [await create(), await create()];
    await harness.ok(PUBLISH_PRODUCT, { id: published.id }, seller.owner.token);

    const answer = cartProductsAnswerSchema.parse(
      await harness.gql(cartProductsQuery(3), { id0: published.id, id1: draft.id, id2: ulid() }),
    );

    expect(answer.errors).toBeUndefined();
    expect(answer.data?.p0).toEqual({
      id: published.id,
      tenantId: seller.tenantId,
      title: published.title,
      status: 'PUBLISHED',
      moderation: expect.any(String),
      currency: 'EUR',
      inStock: expect.any(Boolean),
      categoryId: null,
      variants: published.variants.map(({ id, sku, priceMinor }) => ({ id, sku, priceMinor })),
    });
    expect(answer.data?.p1).toBeNull();
    expect(answer.data?.p2).toBeNull();
  });
});
