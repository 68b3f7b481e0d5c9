import type { SellerOrder } from '../orders/orders.models';
import { metricsOf } from './dashboard.metrics';

function order(
  createdAt: string,
  status: string,
  subtotal: number,
  title = 'Pen',
  quantity = 1,
): SellerOrder {
  return {
    id: `${createdAt}-${status}`,
    status,
    subtotal,
    currency: 'EUR',
    carrier: null,
    trackingNumber: null,
    createdAt,
    shipTo: { name: 'B', line1: 'L', line2: null, postalCode: '1', city: 'C', region: null, country: 'DE' },
    lines: [{ productId: 'p', sku: 's', title, quantity, unitPrice: subtotal, currency: 'EUR' }],
  };
}

const now = new Date('2026-12-02T15:00:00Z');
const orders = [
  order('2026-12-02T09:00:00Z', 'paid', 2500, 'Pen', 2),
  order('2026-12-01T09:00:00Z', 'shipped', 1500, 'Ink', 1),
  order('2026-12-01T10:00:00Z', 'cancelled', 9900),
  order('2026-11-28T10:00:00Z', 'refunded', 500),
  order('2026-10-01T10:00:00Z', 'delivered', 7000),
];

describe('dashboard metrics', () => {
  it('today counts only orders since UTC midnight', () => {
    const m = metricsOf(orders, 1, now);
    expect(m).toMatchObject({ sales: 2500, orders: 1, averageOrder: 2500, refunds: 0 });
    expect(m.salesByDay).toEqual([{ day: '2026-12-02', sales: 2500 }]);
  });

  it('7 days: sales leave out cancelled and refunded orders, which still show by status', () => {
    const m = metricsOf(orders, 7, now);
    expect(m).toMatchObject({ sales: 4000, orders: 2, averageOrder: 2000, refunds: 1, currency: 'EUR' });
    expect(m.salesByDay).toHaveLength(7);
    expect(m.salesByDay.at(-2)).toEqual({ day: '2026-12-01', sales: 1500 });
    expect(m.ordersByStatus).toEqual(
      expect.arrayContaining([
        { status: 'cancelled', count: 1 },
        { status: 'refunded', count: 1 },
      ]),
    );
    expect(m.topProducts).toEqual([
      { title: 'Pen', units: 2 },
      { title: 'Ink', units: 1 },
    ]);
  });

  it('no orders: zeros, not NaN', () => {
    expect(metricsOf([], 30, now)).toMatchObject({ sales: 0, orders: 0, averageOrder: 0, refunds: 0 });
  });
});
