import { randomUUID } from 'node:crypto';
import { DocumentOutbox } from '@marketplace/events';
import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { ulid } from 'ulid';
import { CatalogDatabase } from '../src/database/catalog-database';
import { TenantStatusService } from '../src/tenants/tenant-status.service';
import { CatalogHarness, CREATE_PRODUCT, productInput, type CreatedProduct } from './support';

/**
 * ADR 0068: a tenant status change stamps the status on the tenant's products only when the tenant has products,
 * so a new seller's registration and approval pass over nothing, while a seller with products — also products
 * from before the catalog recorded it — still gets every one of them stamped. ADR 0075: the pass holds back no
 * product write, and a product stored while it runs still ends with the new status.
 */
describe('catalog: tenant status stamped on the products of sellers that have them', () => {
  const harness = new CatalogHarness();
  let database: CatalogDatabase;
  let tenants: TenantStatusService;

  beforeAll(async () => {
    await harness.start();
    database = harness.app.get(CatalogDatabase);
    tenants = harness.app.get(TenantStatusService);
  });

  afterAll(async () => {
    await harness.stop();
  });

  const create = async (seller: TestTenant) =>
    (
      await harness.ok<{ createProduct: CreatedProduct }>(
        CREATE_PRODUCT,
        { input: productInput() },
        seller.owner.token,
      )
    ).createProduct;
  /**
   * A write of the product that runs until released (then runs `then`). A bound releases it after 15 s should
   * what the test awaits be stuck behind it: the order of events is what the tests assert, not the time.
   */
  const holdWrite = (productId: string, then: () => void = () => undefined) => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const bound = setTimeout(() => release(), 15_000);
    const write = database.serializeProductWrites(productId, async () => {
      await held;
      then();
    });
    return {
      release: () => {
        release();
        clearTimeout(bound);
        return write;
      },
    };
  };
  const stampOf = async (id: string) =>
    (await database.rawProducts.findOne({ _id: id }, { projection: { tenantStatus: 1 } }))?.tenantStatus;

  it("records a new seller's registration and approval without queueing its first product behind other sellers' writes", async () => {
    const other = await createTestTenant();
    const seller = await createTestTenant();
    const othersProduct = await create(other);
    // Another seller's product write still running (a slow write, or a status pass over that seller's products).
    const order: string[] = [];
    const othersWrite = holdWrite(othersProduct.id, () => order.push("other seller's write"));
    const product = await (async () => {
      const registeredAt = new Date();
      await tenants.applyStatus(seller.tenantId, 'pending', registeredAt);
      await tenants.applyStatus(seller.tenantId, 'active', new Date(registeredAt.getTime() + 100));
      const created = await create(seller);
      order.push("new seller's first product");
      return created;
    })();
    await othersWrite.release();
    expect(order).toEqual(["new seller's first product", "other seller's write"]);
    expect(await stampOf(product.id)).toBe('active');
  });

  it('gives the first products of a seller, created at once after a status change, that status', async () => {
    const seller = await createTestTenant();
    await tenants.applyStatus(seller.tenantId, 'pending', new Date());
    const products = await Promise.all([create(seller), create(seller), create(seller)]);
    expect(await Promise.all(products.map(({ id }) => stampOf(id)))).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('holds back no product write while it stamps, and a product stored meanwhile gets the new status', async () => {
    const seller = await createTestTenant();
    const other = await createTestTenant();
    const first = await create(seller);
    // One of the seller's product writes still running when the suspension arrives: the pass waits for it.
    const heldWrite = holdWrite(first.id);
    const order: string[] = [];
    const pass = tenants
      .applyStatus(seller.tenantId, 'suspended', new Date())
      .then(() => order.push('status pass'));
    const [sellers, others] = await Promise.all([create(seller), create(other)]);
    order.push('new products');
    await Promise.all([heldWrite.release(), pass]);
    expect(order).toEqual(['new products', 'status pass']);
    expect(await stampOf(first.id)).toBe('suspended');
    expect(await stampOf(sellers.id)).toBe('suspended');
    expect(await stampOf(others.id)).toBe('active');
  });

  it('stamps a status change on every product of a seller with products, those from before the record included', async () => {
    const seller = await createTestTenant();
    const viaApi = await create(seller);
    // A product stored before the catalog recorded which tenants have products: recorded at start.
    const olderTenant = randomUUID();
    const older = ulid();
    const template = (await database.rawProducts.findOne({ _id: viaApi.id }))!;
    await database.rawProducts.insertOne({
      ...template,
      ...DocumentOutbox.initial(older),
      _id: older,
      slug: `older-${older.toLowerCase()}`,
      tenantId: olderTenant,
    });
    await database.recordTenantsWithProducts();

    const suspendedAt = new Date();
    await tenants.applyStatus(seller.tenantId, 'suspended', suspendedAt);
    await tenants.applyStatus(olderTenant, 'suspended', suspendedAt);
    expect(await stampOf(viaApi.id)).toBe('suspended');
    expect(await stampOf(older)).toBe('suspended');

    await tenants.applyStatus(seller.tenantId, 'active', new Date(suspendedAt.getTime() + 1000));
    expect(await stampOf(viaApi.id)).toBe('active');
  });
});
