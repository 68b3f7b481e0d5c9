import { createTestBuyer, createTestTenant, type TestTenant, type TestUser } from '@marketplace/testing';
import { CatalogHarness, CREATE_PRODUCT, type CreatedProduct, MediaHarness, productInput } from './support';

const UPDATE_PRODUCT =
  'mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id images } }';
const PRODUCT_IMAGES = 'query($id: ID!) { myProduct(id: $id) { images } }';

describe('catalog: a product shows only its seller’s own product images (asked of the real media service)', () => {
  const media = new MediaHarness();
  let catalog: CatalogHarness;
  let sellerA: TestTenant;
  let sellerB: TestTenant;
  let buyer: TestUser;

  beforeAll(async () => {
    await media.start();
    catalog = await new CatalogHarness().start({ MEDIA_URL: media.url });
    [sellerA, sellerB, buyer] = await Promise.all([
      createTestTenant(),
      createTestTenant(),
      createTestBuyer(),
    ]);
  });
  afterAll(async () => {
    await catalog?.stop();
    await media.stop();
  });

  const uploadedMedia = (purpose: 'PRODUCT_IMAGE' | 'REVIEW_PHOTO', token: string) =>
    media.upload(token, purpose);

  it("refuses to create or update a product with another seller's image or a buyer's review photo", async () => {
    const [imageOfA, otherOfA, reviewPhoto, imageOfB] = await Promise.all([
      uploadedMedia('PRODUCT_IMAGE', sellerA.owner.token),
      uploadedMedia('PRODUCT_IMAGE', sellerA.owner.token),
      uploadedMedia('REVIEW_PHOTO', buyer.token),
      uploadedMedia('PRODUCT_IMAGE', sellerB.owner.token),
    ]);

    for (const foreign of [imageOfA, reviewPhoto, 'no-such-media']) {
      const refused = await catalog.gql(
        CREATE_PRODUCT,
        { input: productInput({ images: [imageOfB, foreign] }) },
        sellerB.owner.token,
      );
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringContaining(foreign),
        extensions: { code: 'BAD_USER_INPUT', status: 400 },
      });
      expect(refused.errors?.[0]?.message).not.toContain(imageOfB);
    }

    const own = await catalog.ok<{ createProduct: CreatedProduct & { images: string[] } }>(
      CREATE_PRODUCT.replace('createProduct(input: $input) {', 'createProduct(input: $input) { images'),
      { input: productInput({ images: [imageOfB] }) },
      sellerB.owner.token,
    );
    expect(own.createProduct.images).toEqual([imageOfB]);

    const takeover = await catalog.gql(
      UPDATE_PRODUCT,
      { id: own.createProduct.id, input: { images: [imageOfB, imageOfA] } },
      sellerB.owner.token,
    );
    expect(takeover.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const after = await catalog.ok<{ myProduct: { images: string[] } }>(
      PRODUCT_IMAGES,
      { id: own.createProduct.id },
      sellerB.owner.token,
    );
    expect(after.myProduct.images).toEqual([imageOfB]);

    const ofA = await catalog.gql(
      CREATE_PRODUCT,
      { input: productInput({ images: [imageOfA, otherOfA] }) },
      sellerA.owner.token,
    );
    expect(ofA.errors).toBeUndefined();
  });
});
