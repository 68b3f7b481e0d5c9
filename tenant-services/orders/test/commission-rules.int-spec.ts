/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import {
  createTestAdmin,
  createTestBuyer,
  createTestTenant,
  type TestTenant,
  type TestUser,
} from '@marketplace/testing';
import { ulid } from 'ulid';
import {
  errorCode,
  line,
  SELLER_ORDER,
  onboardSeller,
  startCheckoutStack,
  type CheckoutStack,
  stockUp,
} from './support';

const SET_RULE = `mutation($input: CommissionRuleInput!) {
  setCommissionRule(input: $input) { id tenantId categoryId rateBps minPerLine minCurrency }
}`;
const RULES = `query { commissionRules { id tenantId categoryId rateBps minPerLine } }`;
const REMOVE_RULE = `mutation($id: ID!, $reason: String) { removeCommissionRule(id: $id, reason: $reason) { id } }`;
const PREVIEW = `query($input: CommissionPreviewInput!) {
  commissionPreview(input: $input) { rateBps commission sellerReceives source }
}`;
const SELLER_COMMISSION = `query($id: ID!) {
  sellerOrder(id: $id) { commission commissionBps lines { sku categoryId commissionBps commission } }
}`;

/**
 * Commission rules (ADR 0019) through a real checkout: global, per category and per seller + category rules, the
 * minimum per line, the most specific rule per line, frozen on the order lines and settled by payments.
 * Real payments (test provider), inventory, cart (categories from the catalog stand-in), MariaDB, Kafka, Keycloak.
 */
describe('orders: commission rules, frozen per line at sale time', () => {
  let stack: CheckoutStack;
  let sellerA: TestTenant;
  let sellerB: TestTenant;
  let admin: TestUser;

  beforeAll(async () => {
    stack = await startCheckoutStack();
    [sellerA, sellerB, admin] = await Promise.all([
      createTestTenant(),
      createTestTenant(),
      createTestAdmin(),
    ]);
    for (const seller of [sellerA, sellerB]) await onboardSeller(stack, seller.owner.token);
  });
  afterAll(() => stack.close());

  const stock = (seller: TestTenant) => stockUp(stack, seller.owner.token, 10);

  const setRule = (input: Record<string, unknown>, token = admin.token) =>
    stack.gql(SET_RULE, { input }, token);

  it('refuses bad rules and non-admins, changing nothing', async () => {
    expect(errorCode(await setRule({ rateBps: 10_001 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await setRule({ rateBps: -1 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await setRule({ tenantId: sellerA.tenantId, rateBps: 500 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await setRule({ rateBps: 500, minPerLine: 100 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await setRule({ rateBps: 500 }, sellerA.owner.token))).toBe('FORBIDDEN');
    expect((await stack.gql(RULES, {}, admin.token)).data!.commissionRules).toEqual([]);
  });

  it('applies the most specific rule to each line with its minimum, and keeps it when rules change later', async () => {
    const books = `books-${ulid()}`;
    const toys = `toys-${ulid()}`;
    expect((await setRule({ rateBps: 800 })).errors).toBeUndefined();
    expect(
      (await setRule({ categoryId: books, rateBps: 500, minPerLine: 100, minCurrency: 'EUR' })).errors,
    ).toBeUndefined();
    expect(
      (await setRule({ tenantId: sellerA.tenantId, categoryId: books, rateBps: 300 })).errors,
    ).toBeUndefined();
    expect((await stack.gql(RULES, {}, admin.token)).data!.commissionRules).toHaveLength(3);

    const buyer = await createTestBuyer();
    const [bookA, toyA, bookB] = [await stock(sellerA), await stock(sellerA), await stock(sellerB)];
    await stack.fillCart(buyer.token, [
      line(sellerA, bookA, 2, 1_000, books),
      line(sellerA, toyA, 1, 5_000, toys),
      line(sellerB, bookB, 1, 1_000, books),
    ]);
    const answer = await stack.checkout(buyer.token);
    expect(answer.errors).toBeUndefined();
    const order = answer.data!.checkout;
    expect(order.status).toBe('paid');
    const orderOf = (seller: TestTenant) =>
      order.sellerOrders.find((s: any) => s.tenantId === seller.tenantId).id;

    const viewA = (await stack.gql(SELLER_COMMISSION, { id: orderOf(sellerA) }, sellerA.owner.token)).data!
      .sellerOrder;
    expect(viewA.lines).toEqual(
      expect.arrayContaining([
        { sku: bookA, categoryId: books, commissionBps: 300, commission: 60 },
        { sku: toyA, categoryId: toys, commissionBps: 800, commission: 400 },
      ]),
    );
    expect(viewA).toMatchObject({ commission: 460, commissionBps: 657 });
    const viewB = (await stack.gql(SELLER_COMMISSION, { id: orderOf(sellerB) }, sellerB.owner.token)).data!
      .sellerOrder;
    // 5 % of 1 000 is 50; the category's minimum per line is 100.
    expect(viewB).toMatchObject({
      commission: 100,
      lines: [{ sku: bookB, categoryId: books, commissionBps: 500, commission: 100 }],
    });

    const { ledger } = (await stack.payments('GET', `/internal/payments/${order.id}`)).body as {
      ledger: any[];
    };
    const transferOf = (seller: TestTenant) =>
      ledger.find((entry) => entry.kind === 'transfer' && entry.tenantId === seller.tenantId)?.amount;
    expect(transferOf(sellerA)).toBe(7_000 - 460);
    expect(transferOf(sellerB)).toBe(1_000 - 100);

    // A later change applies to later sales only.
    const rules = (await stack.gql(RULES, {}, admin.token)).data!.commissionRules as any[];
    expect((await setRule({ rateBps: 2_000 })).data!.setCommissionRule.rateBps).toBe(2_000);
    const removed = rules.find((rule) => rule.tenantId === sellerA.tenantId)!;
    expect(
      (await stack.gql(REMOVE_RULE, { id: removed.id }, admin.token)).data!.removeCommissionRule.id,
    ).toBe(removed.id);
    expect(
      (await stack.gql(SELLER_COMMISSION, { id: orderOf(sellerA) }, sellerA.owner.token)).data!.sellerOrder,
    ).toEqual(viewA);
    expect(
      (await stack.gql(SELLER_ORDER, { id: orderOf(sellerA) }, sellerA.owner.token)).data!.sellerOrder
        .commissionBps,
    ).toBe(657);
  });

  it('previews what a line would pay now, and audits every change with before, after and reason', async () => {
    const shoes = `shoes-${ulid()}`;
    const buyer = await createTestBuyer();
    const line = {
      tenantId: sellerB.tenantId,
      categoryId: shoes,
      unitPrice: 2_500,
      quantity: 2,
      currency: 'EUR',
    };
    const preview = (input: Record<string, unknown>, token = admin.token) =>
      stack.gql(PREVIEW, { input }, token);
    for (const token of [sellerB.owner.token, buyer.token])
      expect(errorCode(await preview(line, token))).toBe('FORBIDDEN');
    expect(errorCode(await preview({ ...line, unitPrice: -1 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await preview({ ...line, tenantId: 'nobody' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await preview({ ...line, quantity: 0 }))).toBe('BAD_USER_INPUT');

    const created = await setRule({ categoryId: shoes, rateBps: 1_200, reason: 'Footwear launch' });
    expect(created.errors).toBeUndefined();
    expect((await preview(line)).data!.commissionPreview).toEqual({
      rateBps: 1_200,
      commission: 600,
      sellerReceives: 4_400,
      source: 'category',
    });
    expect(
      (await setRule({ categoryId: shoes, rateBps: 1_000, reason: 'Spring promotion' })).errors,
    ).toBeUndefined();
    expect((await preview(line)).data!.commissionPreview).toMatchObject({ rateBps: 1_000, commission: 500 });
    const removed = await stack.gql(
      REMOVE_RULE,
      { id: created.data!.setCommissionRule.id, reason: 'Promotion over' },
      admin.token,
    );
    expect(removed.errors).toBeUndefined();
    expect(
      errorCode(
        await stack.gql(REMOVE_RULE, { id: created.data!.setCommissionRule.id }, sellerB.owner.token),
      ),
    ).toBe('FORBIDDEN');
    expect((await preview(line)).data!.commissionPreview.source).not.toBe('category');
    // An absent scope sent as null, as form clients do.
    expect((await preview({ ...line, categoryId: null })).data!.commissionPreview.source).not.toBe(
      'category',
    );
    const explicitNulls = await setRule({ tenantId: null, categoryId: null, rateBps: 2_000, reason: null });
    expect(explicitNulls.data!.setCommissionRule).toMatchObject({
      tenantId: null,
      categoryId: null,
      rateBps: 2_000,
    });

    const audits = (await stack.outboxEvents('platform'))
      .filter((event) => event.type === 'audit.recorded')
      .map((event) => event.payload)
      .filter((entry) => (entry.after ?? entry.before)?.categoryId === shoes);
    const rule = (rateBps: number) => ({ categoryId: shoes, rateBps, minPerLine: null, minCurrency: null });
    expect(audits).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        service: 'orders',
        action: 'commission-rule.set',
        tenantId: null,
        targetType: 'commission-rule',
        before: null,
        after: rule(1_200),
        reason: 'Footwear launch',
        read: false,
      }),
      expect.objectContaining({
        action: 'commission-rule.set',
        before: rule(1_200),
        after: rule(1_000),
        reason: 'Spring promotion',
      }),
      expect.objectContaining({
        action: 'commission-rule.remove',
        before: rule(1_000),
        after: null,
        reason: 'Promotion over',
      }),
    ]);
  });
});
