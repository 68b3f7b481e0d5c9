import { randomUUID } from 'node:crypto';
import { Collection, MongoClient, MongoServerError } from 'mongodb';
import { stackEnv } from './stack-env';

// The platform keeps to what both FerretDB 1.x and MongoDB serve: CRUD, indexes and the
// aggregation stages $match $group $sort $project $skip $limit $unwind $count $unset. FerretDB 1.24
// computes only the FIRST accumulator of a $group (FerretDB issue #4616; later ones come back 0),
// has no $avg/$min/$max/$push, and $project takes inclusion/exclusion only (a "$field" value is
// returned as a literal string). So each $group here has one $sum and $project only selects fields.
interface OrderLine {
  sku: string;
  quantity: number;
  lineTotal: number;
}
interface SellerOrder {
  _id: string;
  tenantId: string;
  status: 'placed' | 'shipped' | 'cancelled';
  totalMinor: number;
  currency: string;
  lines: OrderLine[];
}

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '')}`;

describe('mongodb wire protocol (local stack)', () => {
  const client = new MongoClient(stackEnv('MONGODB_URL'), { serverSelectionTimeoutMS: 10_000 });
  const db = client.db('stack_smoke');
  let orders: Collection<SellerOrder>;

  beforeAll(async () => {
    await client.connect();
  });
  beforeEach(() => {
    orders = db.collection<SellerOrder>(uniqueName('orders'));
  });
  afterEach(async () => {
    await orders.drop().catch(() => undefined);
  });
  afterAll(async () => {
    await client.close();
  });

  it('answers ping', async () => {
    await expect(db.admin().command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('creates, reads, updates and deletes documents', async () => {
    const tenantId = randomUUID();
    const first: SellerOrder = {
      _id: randomUUID(),
      tenantId,
      status: 'placed',
      totalMinor: 2500,
      currency: 'EUR',
      lines: [],
    };
    const second: SellerOrder = { ...first, _id: randomUUID(), totalMinor: 990 };
    await orders.insertMany([first, second]);

    expect(await orders.findOne({ _id: first._id })).toEqual(first);

    const update = await orders.updateOne(
      { _id: first._id, tenantId },
      { $set: { status: 'shipped' }, $inc: { totalMinor: 100 } },
    );
    expect(update.matchedCount).toBe(1);
    expect(update.modifiedCount).toBe(1);
    expect(
      await orders.findOne({ _id: first._id }, { projection: { _id: 0, status: 1, totalMinor: 1 } }),
    ).toEqual({
      status: 'shipped',
      totalMinor: 2600,
    });

    const byTotal = await orders.find({ tenantId }).sort({ totalMinor: -1 }).toArray();
    expect(byTotal.map((o) => o._id)).toEqual([first._id, second._id]);

    expect((await orders.deleteOne({ _id: second._id })).deletedCount).toBe(1);
    expect(await orders.countDocuments({ tenantId })).toBe(1);
    expect(await orders.findOne({ _id: second._id })).toBeNull();
  });

  it('refuses a duplicate under a unique index and leaves the original untouched', async () => {
    await orders.createIndex({ tenantId: 1, sku: 1 }, { unique: true, name: 'tenant_sku_unique' });
    const products = db.collection<{ _id: string; tenantId: string; sku: string; title: string }>(
      orders.collectionName,
    );
    const tenantId = randomUUID();
    const sku = uniqueName('sku');
    await products.insertOne({ _id: randomUUID(), tenantId, sku, title: 'original' });

    const duplicate = products.insertOne({ _id: randomUUID(), tenantId, sku, title: 'duplicate' });
    await expect(duplicate).rejects.toBeInstanceOf(MongoServerError);
    await expect(duplicate).rejects.toMatchObject({ code: 11000 });
    expect(await products.find({ tenantId, sku }).toArray()).toEqual([
      expect.objectContaining({ title: 'original' }),
    ]);

    // The same SKU in another tenant is a different product.
    await expect(
      products.insertOne({ _id: randomUUID(), tenantId: randomUUID(), sku, title: 'other tenant' }),
    ).resolves.toMatchObject({
      acknowledged: true,
    });
    const indexes = await products.indexes();
    expect(indexes).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'tenant_sku_unique', unique: true })]),
    );
  });

  it('aggregates with the supported stages', async () => {
    const tenantId = randomUUID();
    const otherTenantId = randomUUID();
    const order = (owner: string, status: SellerOrder['status'], lines: OrderLine[]): SellerOrder => ({
      _id: randomUUID(),
      tenantId: owner,
      status,
      currency: 'EUR',
      totalMinor: lines.reduce((sum, line) => sum + line.lineTotal, 0),
      lines,
    });
    await orders.insertMany([
      order(tenantId, 'placed', [
        { sku: 'mug', quantity: 2, lineTotal: 1800 },
        { sku: 'tee', quantity: 1, lineTotal: 2500 },
      ]),
      order(tenantId, 'shipped', [
        { sku: 'mug', quantity: 1, lineTotal: 900 },
        { sku: 'cap', quantity: 3, lineTotal: 4500 },
      ]),
      order(tenantId, 'placed', [{ sku: 'pin', quantity: 5, lineTotal: 500 }]),
      order(tenantId, 'cancelled', [{ sku: 'tee', quantity: 9, lineTotal: 22500 }]),
      order(otherTenantId, 'placed', [{ sku: 'mug', quantity: 50, lineTotal: 45000 }]),
    ]);

    const bestSellers = await orders
      .aggregate([
        { $match: { tenantId, status: { $in: ['placed', 'shipped'] } } },
        { $unwind: '$lines' },
        { $group: { _id: '$lines.sku', revenueMinor: { $sum: '$lines.lineTotal' } } },
        { $sort: { revenueMinor: -1, _id: 1 } },
        { $skip: 1 },
        { $limit: 2 },
        { $project: { _id: 1, revenueMinor: 1 } },
      ])
      .toArray();
    // Revenue ranking: cap 4500, mug 2700, tee 2500, pin 500; skip the first, take two.
    expect(bestSellers).toEqual([
      { _id: 'mug', revenueMinor: 2700 },
      { _id: 'tee', revenueMinor: 2500 },
    ]);

    const ordersPerStatus = await orders
      .aggregate([
        { $match: { tenantId } },
        { $group: { _id: '$status', orders: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(ordersPerStatus).toEqual([
      { _id: 'cancelled', orders: 1 },
      { _id: 'placed', orders: 2 },
      { _id: 'shipped', orders: 1 },
    ]);

    const lineCount = await orders
      .aggregate([
        { $match: { tenantId, status: { $ne: 'cancelled' } } },
        { $unwind: '$lines' },
        { $count: 'lines' },
      ])
      .toArray();
    expect(lineCount).toEqual([{ lines: 5 }]);

    const withoutLines = await orders
      .aggregate([{ $match: { tenantId, status: 'shipped' } }, { $unset: ['lines', 'currency'] }])
      .toArray();
    expect(withoutLines).toEqual([expect.not.objectContaining({ lines: expect.anything() })]);
    expect(Object.keys(withoutLines[0] ?? {}).sort()).toEqual(['_id', 'status', 'tenantId', 'totalMinor']);
  });
});
