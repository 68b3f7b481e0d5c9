import { Injectable } from '@nestjs/common';
import { recordAudit } from '@marketplace/audit';
import { type MySqlDb } from '@marketplace/tenancy';
import { MySqlDatabase } from '@marketplace/service-kit';
import { z } from 'zod';
import type { SalesOverview } from './sales-overview.model';
import { SalesOverviewRepository } from './sales-overview.repository';

const DAY_MS = 86_400_000;
const TOP_SELLERS = 10;

export const salesOverviewSchema = z.object({
  days: z.number().int().min(1).max(366),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code in upper case')
    .optional(),
  sellerId: z.uuid('must be a seller (tenant) id').optional(),
});
export type SalesOverviewInput = z.input<typeof salesOverviewSchema>;

/** Basis points of part over whole, rounded; 0 when there is no whole. */
export function ratioBps(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 10_000) / whole) : 0;
}

/**
 * The admin overview's sales figures (GMV, take rate, orders, refund rate, per day, top sellers). A cross-tenant
 * read, so every call is recorded in the audit trail.
 */
@Injectable()
export class SalesOverviewService {
  constructor(
    private readonly repository: SalesOverviewRepository,
    private readonly database: MySqlDatabase,
  ) {}

  async overview(input: SalesOverviewInput, now = new Date()): Promise<SalesOverview> {
    const { days, currency: requested, sellerId } = salesOverviewSchema.parse(input);
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const since = new Date(today - (days - 1) * DAY_MS);
    await this.database.db.transaction((tx: MySqlDb) =>
      recordAudit(tx, {
        service: 'orders',
        action: 'orders.sales-overview.read',
        tenantId: sellerId ?? null,
        targetType: 'sales-overview',
        after: { days, currency: requested ?? null, sellerId: sellerId ?? null },
        read: true,
      }),
    );

    const currencies = await this.repository.currencies(since, sellerId);
    const currency = requested ?? currencies[0] ?? 'EUR';
    const filter = { since, currency, tenantId: sellerId };
    const [totals, byDay, top] = await Promise.all([
      this.repository.totals(filter),
      this.repository.byDay(filter),
      this.repository.topSellers(filter, TOP_SELLERS),
    ]);
    const sold = new Map(byDay.map((row) => [row.day, row]));
    return {
      currency,
      currencies,
      days,
      gmv: totals.gmv,
      commission: totals.commission,
      takeRateBps: ratioBps(totals.commission, totals.gmv),
      refunded: totals.refunded,
      refundRateBps: ratioBps(totals.refunded, totals.gmv),
      orders: totals.orders,
      sellingSellers: totals.sellers,
      byDay: Array.from({ length: days }, (_, i) => {
        const day = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
        return sold.get(day) ?? { day, gmv: 0, commission: 0, orders: 0 };
      }),
      topSellers: top.map(({ tenantId, ...figures }) => ({ seller: { id: tenantId }, ...figures })),
    };
  }
}
