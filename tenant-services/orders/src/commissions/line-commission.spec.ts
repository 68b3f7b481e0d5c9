import { lineCommission } from './line-commission';

const rule = (
  tenantId: string | null,
  categoryId: string | null,
  rateBps: number,
  minPerLine: number | null = null,
) => ({
  tenantId,
  categoryId,
  rateBps,
  minPerLine,
  minCurrency: minPerLine === null ? null : 'EUR',
});

describe('lineCommission', () => {
  const line = { tenantId: 't1', categoryId: 'books', quantity: 2, unitPrice: 1_000, currency: 'EUR' };
  const rules = [
    rule(null, null, 1_200),
    rule(null, 'books', 500),
    rule('t1', 'books', 300),
    rule('t2', 'books', 900),
  ];

  it('takes the most specific rule: seller + category, seller, category, global, registration default', () => {
    expect(lineCommission(line, rules, { bps: 800, explicit: true }, 1_000)).toEqual({
      bps: 300,
      commission: 60,
      source: 'seller-category',
    });
    expect(
      lineCommission({ ...line, categoryId: 'toys' }, rules, { bps: 800, explicit: true }, 1_000),
    ).toMatchObject({
      bps: 800,
      source: 'seller',
    });
    expect(
      lineCommission({ ...line, tenantId: 't3' }, rules, { bps: 800, explicit: false }, 1_000),
    ).toMatchObject({
      bps: 500,
      source: 'category',
    });
    expect(
      lineCommission({ ...line, tenantId: 't3', categoryId: null }, rules, undefined, 1_000),
    ).toMatchObject({
      bps: 1_200,
      source: 'global',
    });
    expect(
      lineCommission({ ...line, categoryId: null }, [], { bps: 700, explicit: false }, 1_000),
    ).toMatchObject({
      bps: 700,
      source: 'default',
    });
    expect(lineCommission({ ...line, categoryId: null }, [], undefined, 1_000)).toMatchObject({ bps: 1_000 });
  });

  it('applies the minimum per line in its currency, never more than the line total', () => {
    const minimum = [rule(null, null, 500, 150)];
    expect(lineCommission(line, minimum, undefined, 0).commission).toBe(150);
    expect(lineCommission({ ...line, unitPrice: 50 }, minimum, undefined, 0).commission).toBe(100);
    expect(lineCommission({ ...line, currency: 'USD' }, minimum, undefined, 0).commission).toBe(100);
    expect(lineCommission({ ...line, unitPrice: 0 }, minimum, undefined, 0).commission).toBe(0);
  });

  it('rounds half up', () => {
    expect(
      lineCommission({ ...line, quantity: 1, unitPrice: 1_005 }, [rule(null, null, 1_000)], undefined, 0)
        .commission,
    ).toBe(101);
  });
});
