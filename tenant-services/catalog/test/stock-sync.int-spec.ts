import { StockChanged } from '@marketplace/contracts';
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { ProduceAcks, Producer, stringSerializers } from '@platformatic/kafka';
import { ulid } from 'ulid';
import { StockLevelsService } from '../src/stock/stock-levels.service';
import {
  CatalogHarness,
  CREATE_PRODUCT,
  PUBLISH_PRODUCT,
  productInput,
  waitFor,
  type CreatedProduct,
} from './support';

/** How soon a stock report must show in the catalog (the "within a second"). */
const SYNC_DEADLINE_MS = 1_000;

const harness = new CatalogHarness();
let seller: TestTenant;
let producer: Producer<string, string, string, string>;

beforeAll(async () => {
  await harness.start();
  seller = await createTestTenant();
  producer = new Producer({
    clientId: `catalog-stock-test-${ulid()}`,
    bootstrapBrokers: process.env.KAFKA_BROKERS!.split(','),
    serializers: stringSerializers,
    acks: ProduceAcks.ALL,
  });
});

afterAll(async () => {
  await producer?.close();
  await harness.stop();
});

interface BuyerProduct {
  inStock: boolean;
  variants: { sku: string; inStock: boolean }[];
}

async function publishedProduct(title: string): Promise<CreatedProduct> {
  const { createProduct } = await harness.ok<{ createProduct: CreatedProduct }>(
    CREATE_PRODUCT,
    { input: productInput({ title }) },
    seller.owner.token,
  );
  await harness.ok(PUBLISH_PRODUCT, { id: createProduct.id }, seller.owner.token);
  return createProduct;
}

/** Publishes `stock.changed` as inventory's outbox relay does (key `<tenantId>:<sku>`). */
async function report(sku: string, available: number): Promise<void> {
  const event = StockChanged.create(
    { tenantId: seller.tenantId, sku, available },
    { tenantId: seller.tenantId },
  );
  await producer.send({
    messages: [
      { topic: event.topic, key: `${seller.tenantId}:${sku}`, value: JSON.stringify(event.envelope) },
    ],
  });
}

const buyerView = async (id: string) =>
  (
    await harness.ok<{ product: BuyerProduct | null }>(
      'query($id: ID!) { product(id: $id) { inStock variants { sku inStock } } }',
      { id },
    )
  ).product!;

/** Ids of the seller's products a buyer finds with the inStock filter. */
const searchIds = async (inStock: boolean) =>
  (
    await harness.ok<{ products: { nodes: { id: string }[] } }>(
      'query($s: ProductSearchInput) { products(search: $s, first: 50) { nodes { id } } }',
      { s: { sellerId: seller.tenantId, inStock } },
    )
  ).products.nodes.map((product) => product.id);

const stored = async (id: string) =>
  (await harness.db
    .collection<{ _id: string; rev: number; inStock: boolean; stock?: Record<string, number> }>('products')
    .findOne({ _id: id }))!;

describe('catalog: stock from inventory', () => {
  it('shows a variant, then the product, out of stock within a second of the reports, and back in stock with new units', async () => {
    const product = await publishedProduct('Stock lantern');
    const [small, medium] = product.variants.map((v) => v.sku) as [string, string];
    expect(await searchIds(true)).toContain(product.id);

    await report(small, 0);
    await waitFor(
      'the sold-out variant',
      async () => ((await buyerView(product.id)).variants[0]!.inStock ? undefined : true),
      { timeoutMs: SYNC_DEADLINE_MS },
    );
    expect(await buyerView(product.id)).toEqual({
      inStock: true,
      variants: [
        { sku: small, inStock: false },
        { sku: medium, inStock: true },
      ],
    });
    expect(await searchIds(true)).toContain(product.id);

    await report(medium, 0);
    await waitFor(
      'the sold-out product in the out-of-stock search',
      async () => ((await searchIds(false)).includes(product.id) ? true : undefined),
      { timeoutMs: SYNC_DEADLINE_MS },
    );
    expect(await searchIds(true)).not.toContain(product.id);
    expect((await buyerView(product.id)).inStock).toBe(false);

    await report(medium, 4);
    await waitFor(
      'the restocked product in the in-stock search',
      async () => ((await searchIds(true)).includes(product.id) ? true : undefined),
      { timeoutMs: SYNC_DEADLINE_MS },
    );
    expect(await searchIds(false)).not.toContain(product.id);
    const doc = await stored(product.id);
    expect(doc.inStock).toBe(true);
    expect(doc.stock).toEqual({ [product.variants[0]!.id]: 0, [product.variants[1]!.id]: 4 });
  });

  it('writes nothing for reports that change nothing, one write for a burst, and ignores SKUs of no product', async () => {
    const product = await publishedProduct('Stock kettle');
    const [small, medium] = product.variants.map((v) => v.sku) as [string, string];
    const stockLevels = harness.app.get(StockLevelsService);
    const tenantId = seller.tenantId;

    await stockLevels.report({ tenantId, sku: small, available: 3 });
    await stockLevels.flush();
    const first = await stored(product.id);
    expect(first.stock).toEqual({ [product.variants[0]!.id]: 3 });

    await stockLevels.report({ tenantId, sku: small, available: 3 });
    await stockLevels.report({ tenantId, sku: `UNKNOWN-${ulid()}`, available: 0 });
    await stockLevels.flush();
    expect((await stored(product.id)).rev).toBe(first.rev);

    for (let units = 20; units >= 0; units -= 1) {
      await stockLevels.report({ tenantId, sku: small, available: units });
      await stockLevels.report({ tenantId, sku: medium, available: 20 - units });
    }
    await stockLevels.flush();
    const after = await stored(product.id);
    expect(after.rev).toBe(first.rev + 1);
    expect(after.stock).toEqual({ [product.variants[0]!.id]: 0, [product.variants[1]!.id]: 20 });
    expect(after.inStock).toBe(true);
  });

  it('keeps the flag in step when the seller drops the last variant in stock', async () => {
    const product = await publishedProduct('Stock teapot');
    const small = product.variants[0]!;
    const stockLevels = harness.app.get(StockLevelsService);
    await stockLevels.report({ tenantId: seller.tenantId, sku: small.sku, available: 0 });
    await stockLevels.flush();
    expect((await buyerView(product.id)).inStock).toBe(true);

    await harness.ok(
      'mutation($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }',
      {
        id: product.id,
        input: {
          options: [{ name: 'size', values: ['S'] }],
          variants: [{ sku: small.sku, optionValues: [{ name: 'size', value: 'S' }], priceMinor: 4900 }],
        },
      },
      seller.owner.token,
    );
    expect(await buyerView(product.id)).toEqual({
      inStock: false,
      variants: [{ sku: small.sku, inStock: false }],
    });
    expect(await searchIds(false)).toContain(product.id);
  });
});
