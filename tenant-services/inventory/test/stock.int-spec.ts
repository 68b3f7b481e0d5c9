import { createTestBuyer, type TestTenant } from '@marketplace/testing';
import {
  ADJUST_STOCK,
  createTestTenant,
  errorCode,
  levelOf,
  SET_STOCK,
  startInventoryApp,
  STOCK_LEVELS,
  stockUp,
  uniqueSku,
  type InventoryTestApp,
} from './support';

describe('inventory: seller stock operations (real MariaDB + Keycloak)', () => {
  let app: InventoryTestApp;
  let sellerA: TestTenant;
  let sellerB: TestTenant;

  beforeAll(async () => {
    app = await startInventoryApp();
    [sellerA, sellerB] = await Promise.all([createTestTenant({ staff: true }), createTestTenant()]);
  });
  afterAll(() => app.close());

  it('sets and adjusts stock with an audit trail of who, when, before, after and why', async () => {
    const sku = uniqueSku('AUD');
    const set = await app.gql(
      SET_STOCK,
      { input: { sku, onHand: 10, reason: 'initial count' } },
      sellerA.owner.token,
    );
    expect(set.data?.setStock).toMatchObject({ sku, onHand: 10, reserved: 0, available: 10 });
    const adjusted = await app.gql(
      ADJUST_STOCK,
      { input: { sku, delta: -3, reason: 'damaged in transit' } },
      sellerA.staff!.token,
    );
    expect(adjusted.data?.adjustStock).toMatchObject({ sku, onHand: 7, available: 7 });

    const audit = await app.gql(
      'query($sku: String!) { stockAdjustments(sku: $sku) { actorId reason onHandBefore onHandAfter createdAt } }',
      { sku },
      sellerA.owner.token,
    );
    expect(audit.data?.stockAdjustments).toEqual([
      expect.objectContaining({
        actorId: sellerA.staff!.userId,
        reason: 'damaged in transit',
        onHandBefore: 10,
        onHandAfter: 7,
      }),
      expect.objectContaining({
        actorId: sellerA.owner.userId,
        reason: 'initial count',
        onHandBefore: 0,
        onHandAfter: 10,
      }),
    ]);
    const changes = await app.outboxEvents({ type: 'stock.changed', key: `${sellerA.tenantId}:${sku}` });
    expect(changes.map((event) => [event.tenantId, event.payload.available])).toEqual([
      [sellerA.tenantId, 10],
      [sellerA.tenantId, 7],
    ]);
  });

  it('publishes stock.low once when availability drops from above the threshold to at or below it', async () => {
    const sku = uniqueSku('LOW');
    await stockUp(app, sellerA, sku, 7);
    const threshold = await app.gql(
      'mutation($input: SetLowStockThresholdInput!) { setLowStockThreshold(input: $input) { sku threshold } }',
      { input: { sku, threshold: 5 } },
      sellerA.owner.token,
    );
    expect(threshold.data?.setLowStockThreshold).toEqual({ sku, threshold: 5 });
    const adjust = (delta: number) =>
      app.gql(ADJUST_STOCK, { input: { sku, delta, reason: 'sold offline' } }, sellerA.owner.token);
    await adjust(-1); // 6: still above
    await adjust(-1); // 5: at the threshold, the alert (as lowStock lists it)
    await adjust(-1); // 4: still low, no second alert
    await adjust(+3); // 7: above again
    await adjust(-2); // 5: a new drop, a new alert

    const low = await app.outboxEvents({ type: 'stock.low', key: `${sellerA.tenantId}:${sku}` });
    expect(low.map((event) => event.payload)).toEqual([
      { tenantId: sellerA.tenantId, sku, available: 5, threshold: 5 },
      { tenantId: sellerA.tenantId, sku, available: 5, threshold: 5 },
    ]);
  });

  it('saves a threshold with the stock change in one call, and a refused threshold changes nothing', async () => {
    const sku = uniqueSku('THR');
    const set = await app.gql(
      'mutation($input: SetStockInput!) { setStock(input: $input) { sku onHand lowStockThreshold } }',
      { input: { sku, onHand: 8, reason: 'count', lowStockThreshold: 3 } },
      sellerA.owner.token,
    );
    expect(set.data?.setStock).toEqual({ sku, onHand: 8, lowStockThreshold: 3 });
    const before = (await app.outboxEvents()).length;

    for (const [mutation, fields] of [
      [ADJUST_STOCK, { delta: 2, reason: 'received', lowStockThreshold: 0 }],
      [SET_STOCK, { onHand: 1, reason: 'count', lowStockThreshold: 0 }],
      [ADJUST_STOCK, { delta: 2, reason: 'received', lowStockThreshold: 1.5 }],
    ] as const) {
      const refused = await app.gql(mutation, { input: { sku, ...fields } }, sellerA.owner.token);
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(/lowStockThreshold/);
    }
    const levels = await app.gql(
      'query($sku: String) { stockLevels(first: 5, sku: $sku) { nodes { onHand lowStockThreshold } } }',
      { sku },
      sellerA.owner.token,
    );
    expect(levels.data?.stockLevels.nodes).toEqual([{ onHand: 8, lowStockThreshold: 3 }]);
    expect(await app.outboxEvents()).toHaveLength(before);

    // A stock change the service refuses leaves the threshold sent with it unsaved too.
    const tooMany = await app.gql(
      ADJUST_STOCK,
      { input: { sku, delta: -9, reason: 'damaged', lowStockThreshold: 6 } },
      sellerA.owner.token,
    );
    expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
    const after = await app.gql(
      'query($sku: String) { stockLevels(first: 5, sku: $sku) { nodes { onHand lowStockThreshold } } }',
      { sku },
      sellerA.owner.token,
    );
    expect(after.data?.stockLevels.nodes).toEqual([{ onHand: 8, lowStockThreshold: 3 }]);

    const adjusted = await app.gql(
      'mutation($input: AdjustStockInput!) { adjustStock(input: $input) { onHand lowStockThreshold } }',
      { input: { sku, delta: -6, reason: 'sold offline', lowStockThreshold: 4 } },
      sellerA.owner.token,
    );
    expect(adjusted.data?.adjustStock).toEqual({ onHand: 2, lowStockThreshold: 4 });
    const low = await app.outboxEvents({ type: 'stock.low', key: `${sellerA.tenantId}:${sku}` });
    expect(low.map((event) => event.payload)).toEqual([
      { tenantId: sellerA.tenantId, sku, available: 2, threshold: 4 },
    ]);
  });

  it("lists the seller's skus at or below their threshold, paged, and never counts another seller's stock", async () => {
    const [seller, other] = await Promise.all([createTestTenant(), createTestTenant()]);
    const sku = (name: string) => `LOW-${name}`;
    const setStock = async (tenant: TestTenant, name: string, onHand: number, lowStockThreshold?: number) => {
      const answer = await app.gql(
        SET_STOCK,
        {
          input: {
            sku: sku(name),
            onHand,
            reason: 'count',
            ...(lowStockThreshold ? { lowStockThreshold } : {}),
          },
        },
        tenant.owner.token,
      );
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    };
    await setStock(seller, 'A', 2, 5); // below
    await setStock(seller, 'B', 5, 5); // at the threshold
    await setStock(seller, 'C', 6, 5); // above
    await setStock(seller, 'D', 9); // no threshold
    await setStock(seller, 'E', 1, 3); // below, and B's same sku is plenty
    await setStock(other, 'E', 100);
    await setStock(other, 'C', 0, 10); // the other seller's own low sku
    // A threshold on a sku without stock: nothing is available.
    await app.gql(
      'mutation($input: SetLowStockThresholdInput!) { setLowStockThreshold(input: $input) { sku } }',
      { input: { sku: sku('F'), threshold: 1 } },
      seller.owner.token,
    );
    const LOW = `query($first: Int!, $after: String) {
      lowStock(first: $first, after: $after) { nodes { sku available onHand threshold } pageInfo { endCursor hasNextPage } }
    }`;
    const first = await app.gql(LOW, { first: 2 }, seller.owner.token);
    expect(first.data?.lowStock.nodes).toEqual([
      { sku: sku('A'), available: 2, onHand: 2, threshold: 5 },
      { sku: sku('B'), available: 5, onHand: 5, threshold: 5 },
    ]);
    expect(first.data?.lowStock.pageInfo.hasNextPage).toBe(true);
    const next = await app.gql(
      LOW,
      { first: 2, after: first.data!.lowStock.pageInfo.endCursor },
      seller.owner.token,
    );
    expect(next.data?.lowStock.nodes).toEqual([
      { sku: sku('E'), available: 1, onHand: 1, threshold: 3 },
      { sku: sku('F'), available: 0, onHand: 0, threshold: 1 },
    ]);
    expect(next.data?.lowStock.pageInfo.hasNextPage).toBe(false);

    const theirs = await app.gql(LOW, { first: 50 }, other.owner.token);
    expect(theirs.data?.lowStock.nodes).toEqual([{ sku: sku('C'), available: 0, onHand: 0, threshold: 10 }]);
    expect(errorCode(await app.gql(LOW, { first: 2, after: 'bogus' }, seller.owner.token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await app.gql(LOW, { first: 0 }, seller.owner.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(LOW, { first: 2 }))).toBe('UNAUTHENTICATED');
  });

  it('refuses removing more units than are on hand', async () => {
    const sku = uniqueSku('FLOOR');
    await stockUp(app, sellerA, sku, 2);
    const answer = await app.gql(
      ADJUST_STOCK,
      { input: { sku, delta: -3, reason: 'count' } },
      sellerA.owner.token,
    );
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    expect(await levelOf(app, sellerA, sku)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it("keeps sellers apart: B neither sees nor changes A's stock", async () => {
    const sku = uniqueSku('ISO');
    await stockUp(app, sellerA, sku, 5);
    const mine = await app.gql(STOCK_LEVELS, { first: 10, sku }, sellerA.owner.token);
    const locationId = mine.data!.stockLevels.nodes[0].locationId as string;

    const seen = await app.gql(STOCK_LEVELS, { first: 10, sku }, sellerB.owner.token);
    expect(seen.data?.stockLevels.nodes).toEqual([]);
    const viaLocation = await app.gql(
      ADJUST_STOCK,
      { input: { sku, locationId, delta: -5, reason: 'x' } },
      sellerB.owner.token,
    );
    expect(errorCode(viaLocation)).toBe('NOT_FOUND');
    const setViaLocation = await app.gql(
      SET_STOCK,
      { input: { sku, locationId, onHand: 0, reason: 'x' } },
      sellerB.owner.token,
    );
    expect(errorCode(setViaLocation)).toBe('NOT_FOUND');
    const bySku = await app.gql(
      ADJUST_STOCK,
      { input: { sku, delta: -1, reason: 'x' } },
      sellerB.owner.token,
    );
    expect(errorCode(bySku)).toBe('NOT_FOUND');

    expect(await levelOf(app, sellerA, sku)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    const audit = await app.gql(
      'query($sku: String!) { stockAdjustments(sku: $sku) { actorId } }',
      { sku },
      sellerB.owner.token,
    );
    expect(audit.data?.stockAdjustments).toEqual([]);
  });

  it('pages through stock levels with opaque cursors', async () => {
    const seller = await createTestTenant();
    for (const sku of ['P-1', 'P-2', 'P-3']) await stockUp(app, seller, sku, 1);
    const first = await app.gql(STOCK_LEVELS, { first: 2 }, seller.owner.token);
    expect(first.data?.stockLevels.nodes.map((node: { sku: string }) => node.sku)).toEqual(['P-1', 'P-2']);
    expect(first.data?.stockLevels.pageInfo.hasNextPage).toBe(true);
    const next = await app.gql(
      STOCK_LEVELS,
      { first: 2, after: first.data!.stockLevels.pageInfo.endCursor },
      seller.owner.token,
    );
    expect(next.data?.stockLevels.nodes.map((node: { sku: string }) => node.sku)).toEqual(['P-3']);
    expect(next.data?.stockLevels.pageInfo.hasNextPage).toBe(false);
    expect(errorCode(await app.gql(STOCK_LEVELS, { first: 2, after: 'bogus' }, seller.owner.token))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it.each([
    ['a zero delta', ADJUST_STOCK, { delta: 0, reason: 'x' }],
    ['an empty reason', ADJUST_STOCK, { delta: 3, reason: '  ' }],
    ['a negative on-hand count', SET_STOCK, { onHand: -1, reason: 'x' }],
    ['a malformed location id', ADJUST_STOCK, { delta: 3, reason: 'x', locationId: 'nope' }],
  ])('answers %s with BAD_USER_INPUT and writes nothing', async (_case, mutation, fields) => {
    const sku = uniqueSku('BAD');
    const before = (await app.outboxEvents()).length;
    const answer = await app.gql(mutation, { input: { sku, ...fields } }, sellerA.owner.token);
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    expect(
      (await app.gql(STOCK_LEVELS, { first: 10, sku }, sellerA.owner.token)).data?.stockLevels.nodes,
    ).toEqual([]);
    expect(await app.outboxEvents()).toHaveLength(before);
  });

  it('needs a seller: buyers and anonymous callers are refused', async () => {
    expect(errorCode(await app.gql(STOCK_LEVELS, { first: 1 }))).toBe('UNAUTHENTICATED');
    const buyer = await createTestBuyer();
    expect(errorCode(await app.gql(STOCK_LEVELS, { first: 1 }, buyer.token))).toBe('FORBIDDEN');
    const sku = uniqueSku('BUY');
    expect(errorCode(await app.gql(SET_STOCK, { input: { sku, onHand: 1, reason: 'x' } }, buyer.token))).toBe(
      'FORBIDDEN',
    );
  });
});
