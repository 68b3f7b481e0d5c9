import { MongoClient, type Collection, type Db } from 'mongodb';
import { ulid } from 'ulid';
import {
  acrossTenants,
  CrossTenantAccessDeniedError,
  CrossTenantCollection,
  filterSupportOf,
  meetsGuard,
  runWithContext,
  TenantCollection,
  TenantContextMissingError,
  TenantMismatchError,
  TenantScopeViolationError,
  updateByIdWhere,
  type TenantDocument,
} from '../src';

interface Product extends TenantDocument {
  sku: string;
  name: string;
  status: 'draft' | 'published';
  stock: number;
}

function mongoUrl(): string {
  const url = process.env.MONGODB_URL;
  if (!url) throw new Error('MONGODB_URL is not set: run after eval "$(platform/stack/stack env)"');
  return url;
}

let client: MongoClient;
let db: Db;
let raw: Collection<Product>;
let products: TenantCollection<Product>;
let adminProducts: CrossTenantCollection<Product>;

beforeAll(async () => {
  client = await MongoClient.connect(mongoUrl());
  db = client.db(`tenancy_test_${ulid().toLowerCase()}`);
  raw = db.collection<Product>('products');
  await raw.createIndex({ tenantId: 1, sku: 1 }, { unique: true });
  products = new TenantCollection(raw);
  adminProducts = new CrossTenantCollection(raw);
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

const asTenant = <T>(tenantId: string, fn: () => Promise<T>) =>
  runWithContext({ tenantId, userId: 'user' }, fn);
const asAdmin = <T>(fn: () => Promise<T>) =>
  runWithContext({ userId: 'admin' }, () => acrossTenants('test.admin-operation', fn));

describe('TenantCollection (MongoDB wire server)', () => {
  const tenantA = ulid();
  const tenantB = ulid();
  const skuA = `A-${ulid()}`;
  const skuB = `B-${ulid()}`;

  beforeAll(async () => {
    await asTenant(tenantA, () =>
      products.insertOne({ sku: skuA, name: 'A shirt', status: 'published', stock: 3 }),
    );
    await asTenant(tenantB, () =>
      products.insertMany([
        { sku: skuB, name: 'B lamp', status: 'published', stock: 7 },
        { sku: `${skuB}-2`, name: 'B chair', status: 'draft', stock: 1 },
      ]),
    );
  });

  const storedB = () => raw.findOne({ sku: skuB }, { projection: { _id: 0 } });

  it('stores the tenant of the context on insert', async () => {
    expect(await raw.findOne({ sku: skuA }, { projection: { _id: 0 } })).toEqual({
      sku: skuA,
      name: 'A shirt',
      status: 'published',
      stock: 3,
      tenantId: tenantA,
    });
    expect(await raw.countDocuments({ tenantId: tenantB })).toBe(2);
  });

  it('lets tenant A find, count and aggregate only its own documents', async () => {
    await asTenant(tenantA, async () => {
      expect((await products.find()).map((doc) => doc.sku)).toEqual([skuA]);
      expect(await products.findOne({ sku: skuB })).toBeNull();
      expect(await products.find({ tenantId: tenantB })).toEqual([]);
      expect(await products.countDocuments()).toBe(1);
      expect(await products.countDocuments({ sku: skuB })).toBe(0);
      const byStatus = await products.aggregate<{ _id: string; total: number }>([
        { $group: { _id: '$status', total: { $sum: '$stock' } } },
        { $sort: { _id: 1 } },
      ]);
      expect(byStatus).toEqual([{ _id: 'published', total: 3 }]);
    });
  });

  it('finds a document by id only for its own tenant', async () => {
    const idA = (await raw.findOne({ sku: skuA }))!._id;
    const idB = (await raw.findOne({ sku: skuB }))!._id;
    await asTenant(tenantA, async () => {
      expect(await products.findById(idA)).toMatchObject({ sku: skuA, tenantId: tenantA });
      expect(await products.findById(idB)).toBeNull();
      expect(await products.findById(ulid())).toBeNull();
      expect(await products.findById(idA, { projection: { name: 1, tenantId: 1 } })).toEqual({
        _id: idA,
        name: 'A shirt',
        tenantId: tenantA,
      });
    });
    await asTenant(tenantB, async () => {
      expect(await products.findById(idB)).toMatchObject({ sku: skuB, tenantId: tenantB });
      expect(await products.findById(idA)).toBeNull();
    });
    await expect(products.findById(idA)).rejects.toThrow(TenantContextMissingError);
  });

  it('does not let tenant A update or delete tenant B documents, which stay unchanged', async () => {
    const before = await storedB();
    await asTenant(tenantA, async () => {
      expect((await products.updateOne({ sku: skuB }, { $set: { name: 'hijacked' } })).matchedCount).toBe(0);
      expect((await products.updateMany({}, { $inc: { stock: 100 } })).matchedCount).toBe(1);
      expect((await products.deleteOne({ sku: skuB })).deletedCount).toBe(0);
      expect((await products.deleteMany({ tenantId: tenantB })).deletedCount).toBe(0);
    });
    expect(await storedB()).toEqual(before);
    expect(await raw.findOne({ sku: skuA })).toMatchObject({ stock: 103 });
  });

  it('updates and deletes its own documents', async () => {
    const sku = `A-${ulid()}`;
    await asTenant(tenantA, async () => {
      await products.insertOne({ sku, name: 'temp', status: 'draft', stock: 0 });
      expect((await products.updateOne({ sku }, { $set: { status: 'published' } })).modifiedCount).toBe(1);
      expect(await products.findOne({ sku })).toMatchObject({ status: 'published', tenantId: tenantA });
      expect((await products.deleteOne({ sku })).deletedCount).toBe(1);
    });
    expect(await raw.findOne({ sku })).toBeNull();
  });

  it('refuses inserts and reads without a tenant in the context', async () => {
    const sku = `X-${ulid()}`;
    await expect(products.insertOne({ sku, name: 'orphan', status: 'draft', stock: 0 })).rejects.toThrow(
      TenantContextMissingError,
    );
    await expect(products.find()).rejects.toThrow(TenantContextMissingError);
    await expect(runWithContext({ userId: 'buyer' }, () => products.countDocuments())).rejects.toThrow(
      TenantContextMissingError,
    );
    expect(await raw.findOne({ sku })).toBeNull();
  });

  it('refuses writes that would set or change the tenant', async () => {
    const sku = `A-${ulid()}`;
    await asTenant(tenantA, async () => {
      await expect(
        products.insertOne({ sku, tenantId: tenantB, name: 'smuggled', status: 'draft', stock: 0 }),
      ).rejects.toThrow(TenantMismatchError);
      await expect(products.updateOne({ sku: skuA }, { $set: { tenantId: tenantB } })).rejects.toThrow(
        TenantScopeViolationError,
      );
      await expect(products.updateMany({}, { $unset: { tenantId: '' } })).rejects.toThrow(
        TenantScopeViolationError,
      );
      await expect(
        products.aggregate([
          { $lookup: { from: 'products', localField: 'sku', foreignField: 'sku', as: 'x' } },
        ]),
      ).rejects.toThrow(TenantScopeViolationError);
    });
    expect(await raw.findOne({ sku })).toBeNull();
    expect(await raw.findOne({ sku: skuA })).toMatchObject({ tenantId: tenantA });
  });

  describe('CrossTenantCollection', () => {
    it('refuses outside a named acrossTenants operation, even inside a tenant context', async () => {
      await expect(adminProducts.find()).rejects.toThrow(CrossTenantAccessDeniedError);
      await expect(asTenant(tenantA, () => adminProducts.countDocuments())).rejects.toThrow(
        CrossTenantAccessDeniedError,
      );
      await expect(asTenant(tenantA, () => adminProducts.deleteMany({ sku: skuB }))).rejects.toThrow(
        CrossTenantAccessDeniedError,
      );
      expect(await raw.countDocuments({ tenantId: tenantB })).toBe(2);
    });

    it('works across tenants, or narrowed to one, inside an acrossTenants operation', async () => {
      await asAdmin(async () => {
        expect(await adminProducts.countDocuments()).toBe(3);
        expect(
          (await adminProducts.find({ status: 'draft' }, { tenantId: tenantB })).map((doc) => doc.sku),
        ).toEqual([`${skuB}-2`]);
        expect(
          (await adminProducts.updateMany({ status: 'draft' }, { $set: { status: 'published' } }))
            .modifiedCount,
        ).toBe(1);
        await expect(adminProducts.updateMany({}, { $set: { tenantId: tenantA } })).rejects.toThrow(
          TenantScopeViolationError,
        );
      });
      expect(await raw.countDocuments({ tenantId: tenantB, status: 'published' })).toBe(2);
    });
  });
});

describe('guarded writes by id (updateByIdWhere)', () => {
  interface Versioned extends TenantDocument {
    rev: number;
    deletedAt: Date | null;
    pendingEvents?: Record<string, { type: string }>;
  }

  it('tells FerretDB, which answers only a filter of nothing but _id by key', async () => {
    // The local stack's store is FerretDB 1.x on SQLite (platform/stack/servers/mongodb.sh).
    expect(await filterSupportOf(db)).toBe('keyOnly');
  });

  describe.each(['keyOnly', 'planned'] as const)('answered as %s', (support) => {
    const tenant = ulid();
    const other = ulid();
    let versions: TenantCollection<Versioned>;
    let rawVersions: Collection<Versioned>;

    beforeAll(() => {
      rawVersions = db.collection<Versioned>(`versions_${support}`);
      versions = new TenantCollection(rawVersions, support);
    });

    const stored = (id: string) => rawVersions.findOne({ _id: id } as never);

    it('writes when the document meets the guard, and refuses (unchanged) when it no longer does', async () => {
      const id = ulid();
      await asTenant(tenant, () => versions.insertOne({ _id: id, rev: 3, deletedAt: null } as never));
      const write = () =>
        asTenant(tenant, () =>
          versions.updateByIdWhere(
            id,
            { rev: 3, deletedAt: null },
            { $set: { deletedAt: new Date() }, $inc: { rev: 1 } },
          ),
        );
      await expect(write()).resolves.toBe(true);
      expect(await stored(id)).toMatchObject({ rev: 4 });
      // The revision moved on and the product is deleted: the same guarded write matches nothing now.
      await expect(write()).resolves.toBe(false);
      expect(await stored(id)).toMatchObject({ rev: 4 });
    });

    it("never writes another tenant's document, whatever the guard", async () => {
      const id = ulid();
      await asTenant(other, () => versions.insertOne({ _id: id, rev: 0, deletedAt: null } as never));
      await expect(
        asTenant(tenant, () => versions.updateByIdWhere(id, { rev: 0 }, { $inc: { rev: 1 } })),
      ).resolves.toBe(false);
      expect(await stored(id)).toMatchObject({ rev: 0, tenantId: other });
    });

    it('reads null as null or missing and $exists on a nested path, as a filter does (the outbox relay)', async () => {
      const id = ulid();
      await rawVersions.insertOne({
        _id: id,
        tenantId: tenant,
        rev: 1,
        pendingEvents: { e1: { type: 'x' } },
      } as never);
      const unset = { $unset: { 'pendingEvents.e1': '' } } as never;
      await expect(
        updateByIdWhere(
          rawVersions,
          id,
          { deletedAt: null, 'pendingEvents.e2': { $exists: true } },
          unset,
          support,
        ),
      ).resolves.toBe(false);
      await expect(
        updateByIdWhere(
          rawVersions,
          id,
          { deletedAt: null, 'pendingEvents.e1': { $exists: true } },
          unset,
          support,
        ),
      ).resolves.toBe(true);
      expect((await stored(id))?.pendingEvents).toEqual({});
      await expect(
        updateByIdWhere(rawVersions, id, { 'pendingEvents.e1': { $exists: true } }, unset, support),
      ).resolves.toBe(false);
      await expect(updateByIdWhere(rawVersions, ulid(), { rev: 1 }, unset, support)).resolves.toBe(false);
    });
  });

  it('matches a guard on the document exactly as the filter of the same conditions does', () => {
    const doc = { _id: 'p', rev: 2, deletedAt: null, nested: { a: 1 } };
    expect(meetsGuard(doc, { rev: 2, deletedAt: null })).toBe(true);
    expect(meetsGuard(doc, { rev: '2' })).toBe(false);
    expect(meetsGuard(doc, { missing: null, 'nested.a': 1, 'nested.b': { $exists: false } })).toBe(true);
    expect(meetsGuard(doc, { 'nested.a': { $exists: false } })).toBe(false);
    expect(meetsGuard(doc, { 'rev.deeper': null })).toBe(true);
  });
});
