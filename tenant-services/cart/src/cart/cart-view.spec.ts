import type { StoredLine } from './cart-line';
import { toCartModel } from './cart-view';

function line(tenantId: string, amountMinor: number, quantity: number, currency = 'EUR'): StoredLine {
  const id = `${tenantId}-${amountMinor}`;
  return {
    id,
    productId: `p-${id}`,
    variantId: `v-${id}`,
    sku: `SKU-${id}`,
    tenantId,
    title: 'Item',
    quantity,
    price: { amountMinor, currency, capturedAt: '2025-01-01T00:00:00.000Z' },
    addedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('toCartModel', () => {
  it('groups lines by seller in order of first appearance with subtotals and a total', () => {
    const cart = toCartModel([line('b', 1000, 2), line('a', 250, 4), line('b', 99, 1)]);
    expect(
      cart.sellers.map((group) => [group.tenantId, group.lines.map((l) => l.id), group.subtotals]),
    ).toEqual([
      ['b', ['b-1000', 'b-99'], [{ currency: 'EUR', amountMinor: 2099 }]],
      ['a', ['a-250'], [{ currency: 'EUR', amountMinor: 1000 }]],
    ]);
    expect(cart.totals).toEqual([{ currency: 'EUR', amountMinor: 3099 }]);
    expect(cart.itemCount).toBe(7);
    expect(cart.sellers[0]!.lines[0]!.lineTotal).toEqual({ amountMinor: 2000, currency: 'EUR' });
  });

  it('totals each currency separately', () => {
    expect(
      toCartModel([line('a', 100, 1, 'USD'), line('b', 200, 1, 'EUR'), line('c', 300, 1, 'USD')]).totals,
    ).toEqual([
      { currency: 'EUR', amountMinor: 200 },
      { currency: 'USD', amountMinor: 400 },
    ]);
  });

  it('shows an empty cart with no sellers and no totals', () => {
    expect(toCartModel([])).toEqual({ sellers: [], totals: [], itemCount: 0 });
  });
});
