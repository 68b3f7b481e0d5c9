import type { SellerOrder } from '../orders/orders.models';

export type Range = 1 | 7 | 30;

/** Orders that count as sales: paid and everything after it, but not cancelled, refunded or unpaid ones. */
const SOLD = new Set(['paid', 'fulfilled', 'shipped', 'delivered']);
export const AWAITING_FULFILMENT = new Set(['paid', 'fulfilled']);

export interface Metrics {
  currency: string;
  sales: number;
  orders: number;
  averageOrder: number;
  refunds: number;
  /** Sales per UTC day, oldest first, one entry for every day of the range. */
  salesByDay: { day: string; sales: number }[];
  ordersByStatus: { status: string; count: number }[];
  topProducts: { title: string; units: number }[];
}

const DAY_MS = 86_400_000;

/** Figures of the orders placed in the last `range` days (today = since UTC midnight), in the main currency. */
export function metricsOf(orders: SellerOrder[], range: Range, now: Date): Metrics {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = today - (range - 1) * DAY_MS;
  const inRange = orders.filter((order) => Date.parse(order.createdAt) >= since);
  const currency = mostCommon(inRange.map((o) => o.currency)) ?? orders[0]?.currency ?? 'EUR';
  const sold = inRange.filter((o) => SOLD.has(o.status) && o.currency === currency);
  const sales = sold.reduce((sum, o) => sum + o.subtotal, 0);
  const byDay = new Map<string, number>();
  for (let day = since; day <= today; day += DAY_MS) byDay.set(new Date(day).toISOString().slice(0, 10), 0);
  for (const o of sold) {
    const day = o.createdAt.slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + o.subtotal);
  }
  const statuses = new Map<string, number>();
  for (const o of inRange) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
  const units = new Map<string, number>();
  for (const o of sold)
    for (const line of o.lines) units.set(line.title, (units.get(line.title) ?? 0) + line.quantity);
  return {
    currency,
    sales,
    orders: sold.length,
    averageOrder: sold.length ? Math.round(sales / sold.length) : 0,
    refunds: inRange.filter((o) => o.status === 'refunded').length,
    salesByDay: [...byDay].map(([day, value]) => ({ day, sales: value })),
    ordersByStatus: [...statuses].map(([status, count]) => ({ status, count })),
    topProducts: [...units]
      .map(([title, count]) => ({ title, units: count }))
      .sort((a, b) => b.units - a.units || a.title.localeCompare(b.title))
      .slice(0, 5),
  };
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
