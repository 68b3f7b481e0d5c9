import { createTestTenant, restClient, type TestTenant } from '@marketplace/testing';
import { CatalogHarness, MediaHarness, productInput, waitFor } from './support';

// Products show only their seller's own product images (ADR 0039): the images are uploads to a real media service.
const IMAGE_NAMES = [
  'm-front',
  'm-back',
  'm-side',
  'm-new',
  'm-1',
  'm-2',
  'm-only',
  'm-a',
  'm-b',
  'm-csv-1',
  'm-csv-2',
];
const img: Record<string, string> = {};
const media = new MediaHarness();
const harness = new CatalogHarness();
let seller: TestTenant;

beforeAll(async () => {
  await media.start();
  await harness.start({ MEDIA_URL: media.url });
  seller = await createTestTenant();
  for (const name of IMAGE_NAMES)
    img[name] = await media.upload(seller.owner.token, 'PRODUCT_IMAGE', `${name}.png`);
});
afterAll(async () => {
  await harness.stop();
  await media.stop();
});

const FIELDS = 'id images imageAlts';
const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { ${FIELDS} } }`;

interface Images {
  id: string;
  images: string[];
  imageAlts: string[];
}

const create = async (input: Record<string, unknown>) =>
  (await harness.ok<{ createProduct: Images }>(CREATE, { input: productInput(input) }, seller.owner.token))
    .createProduct;
const update = (id: string, input: Record<string, unknown>) =>
  harness.gql<{ updateProduct: Images }>(UPDATE, { id, input }, seller.owner.token);
/** What an update changes (the outbox relay empties the pending events meanwhile). */
const stored = async (id: string) => {
  const doc = await harness.db.collection('products').findOne({ _id: id as never });
  return { rev: doc?.rev, images: doc?.images, imageAlts: doc?.imageAlts, updatedAt: doc?.updatedAt };
};

describe('catalog: alt text per product image', () => {
  it('stores one alt text per image, keeps each with its image on reorder, and drops it with the image', async () => {
    const product = await create({
      images: [img['m-front'], img['m-back'], img['m-side']],
      imageAlts: ['  Blue shirt, front  ', 'Blue shirt, back', ''],
    });
    expect(product.imageAlts).toEqual(['Blue shirt, front', 'Blue shirt, back', '']);

    const reordered = await update(product.id, { images: [img['m-back'], img['m-new'], img['m-front']] });
    expect(reordered.errors).toBeUndefined();
    expect(reordered.data!.updateProduct).toMatchObject({
      images: [img['m-back'], img['m-new'], img['m-front']],
      imageAlts: ['Blue shirt, back', '', 'Blue shirt, front'],
    });

    const edited = await update(product.id, { imageAlts: ['Back', 'Detail of the collar', 'Front'] });
    expect(edited.data!.updateProduct.imageAlts).toEqual(['Back', 'Detail of the collar', 'Front']);
  });

  it('gives products without alt texts an empty one per image', async () => {
    const product = await create({ images: [img['m-1'], img['m-2']] });
    expect(product.imageAlts).toEqual(['', '']);
  });

  it.each([
    ['too long', ['x'.repeat(251)], 'at most 250 characters'],
    ['a control character', ['Front\u0007'], 'must not contain control or text-direction characters'],
    [
      'a right-to-left override',
      ['Front \u202Egnp.exe'],
      'must not contain control or text-direction characters',
    ],
    ['a line break', ['Front\nside'], 'must not contain control or text-direction characters'],
    ['a count other than the images', ['Front', 'Back'], 'one alt text per image'],
  ])('refuses an alt text with %s and changes nothing', async (_case, imageAlts, message) => {
    const product = await create({ images: [img['m-only']], imageAlts: ['Kept'] });
    const before = await stored(product.id);

    const answer = await update(product.id, { imageAlts });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toContain('imageAlts');
    expect(answer.errors?.[0]?.message).toContain(message);
    expect(await stored(product.id)).toEqual(before);

    const created = await harness.gql(
      CREATE,
      { input: productInput({ images: [img['m-only']], imageAlts }) },
      seller.owner.token,
    );
    expect(created.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reads and writes alt texts over REST with the same rules', async () => {
    const rest = restClient(harness.base, seller.owner.token);
    const created = await rest(
      'POST',
      '/api/v1/products',
      productInput({ images: [img['m-a'], img['m-b']], imageAlts: ['Mug, side', 'Mug, handle'] }),
    );
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const read = await rest('GET', `/api/v1/products/${id}`);
    expect(read.body).toMatchObject({
      images: [img['m-a'], img['m-b']],
      imageAlts: ['Mug, side', 'Mug, handle'],
    });

    const refused = await rest('PATCH', `/api/v1/products/${id}`, { imageAlts: ['Mug \u2066side', 'ok'] });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('text-direction');
    expect((await rest('GET', `/api/v1/products/${id}`)).body).toMatchObject({
      imageAlts: ['Mug, side', 'Mug, handle'],
    });
  });

  it('imports alt texts from the CSV image_alts column, one per image in order, empty for none', async () => {
    const sku = `CSV-ALT-${Date.now().toString(36).toUpperCase()}`;
    const csv = [
      'title,currency,sku,price_minor,images,image_alts',
      `Pen with pictures,EUR,${sku},2500,${img['m-csv-1']}|${img['m-csv-2']},"The pen, cap off|"`,
    ].join('\n');
    const started = await fetch(`${harness.base}/api/v1/products/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${seller.owner.token}` },
      body: csv,
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const job = await waitFor('the import to complete', async () => {
      const answer = await fetch(`${harness.base}/api/v1/products/import/${id}`, {
        headers: { authorization: `Bearer ${seller.owner.token}` },
      });
      const current = (await answer.json()) as { status: string; created: number; errors: unknown[] };
      return current.status === 'completed' ? current : undefined;
    });
    expect(job).toMatchObject({ created: 1, errors: [] });
    const product = await harness.db.collection('products').findOne({ 'variants.sku': sku });
    expect(product).toMatchObject({
      images: [img['m-csv-1'], img['m-csv-2']],
      imageAlts: ['The pen, cap off', ''],
    });
  });
});
