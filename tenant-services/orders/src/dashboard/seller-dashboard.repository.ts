import { Injectable } from '@nestjs/common';
import { type MySqlDb, requireTenantId } from '@marketplace/tenancy';
import { MySqlDatabase } from '@marketplace/service-kit';
import { and, count, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { orderLines, sellerOrders, type SellerOrderStatus } from '../orders/order.schema';

/** Seller orders that were paid for: sales, whatever happened after (refunds are reported beside them). */
export const SOLD_STATUSES: SellerOrderStatus[] = [
  'paid',
  'fulfilled',
  'shipped',
  'delivered',
  'partially_refunded',
  'refunded',
];
export const AWAITING_FULFILMENT: SellerOrderStatus[] = ['paid', 'fulfilled'];

export interface CurrencyTotals {
  currency: string;
  orders: number;
  sales: number;
  refunded: number;
  refundedOrders: number;
}

/**
 * Aggregates over the current tenant's seller orders for its dashboard. Grouped queries are beyond the tenant
 * repository, so each one ANDs in the tenant of the request context itself (as the payments ledger totals do).
 */
@Injectable()
export class SellerDashboardRepository {
  constructor(private readonly database: MySqlDatabase) {}

  private get db(): MySqlDb {
    return this.database.db;
  }

  private soldSince(since: Date): SQL {
    return and(
      eq(sellerOrders.tenantId, requireTenantId()),
      gte(sellerOrders.createdAt, since),
      inArray(sellerOrders.status, SOLD_STATUSES),
    ) as SQL;
  }

  /** Sold orders placed since `since`, counted and summed per currency. */
  async totals(since: Date): Promise<CurrencyTotals[]> {
    const rows = await this.db
      .select({
        currency: sellerOrders.currency,
        orders: count(),
        sales: sql<string>`sum(${sellerOrders.subtotal})`,
        refunded: sql<string>`sum(${sellerOrders.refundedAmount})`,
        refundedOrders: sql<string>`sum(${sellerOrders.refundedAmount} > 0)`,
      })
      .from(sellerOrders)
      .where(this.soldSince(since))
      .groupBy(sellerOrders.currency);
    return rows.map((row) => ({
      currency: row.currency,
      orders: row.orders,
      sales: Number(row.sales),
      refunded: Number(row.refunded),
      refundedOrders: Number(row.refundedOrders),
    }));
  }

  /** Sales of sold orders placed since `since` per currency and UTC day (YYYY-MM-DD); days without any absent. */
  async salesByDay(since: Date): Promise<{ currency: string; day: string; sales: number; orders: number }[]> {
    const day = sql<string>`date_format(${sellerOrders.createdAt}, '%Y-%m-%d')`;
    const rows = await this.db
      .select({
        currency: sellerOrders.currency,
        day,
        sales: sql<string>`sum(${sellerOrders.subtotal})`,
        orders: count(),
      })
      .from(sellerOrders)
      .where(this.soldSince(since))
      .groupBy(sellerOrders.currency, day);
    return rows.map((row) => ({ ...row, sales: Number(row.sales) }));
  }

  /** Every order placed since `since`, whatever its status, counted per status. */
  ordersByStatus(since: Date): Promise<{ status: string; orders: number }[]> {
    return this.db
      .select({ status: sellerOrders.status, orders: count() })
      .from(sellerOrders)
      .where(and(eq(sellerOrders.tenantId, requireTenantId()), gte(sellerOrders.createdAt, since)))
      .groupBy(sellerOrders.status)
      .orderBy(desc(count()), sellerOrders.status);
  }

  /** The products with the most units in sold orders placed since `since`, most first. */
  async topProducts(
    since: Date,
    limit: number,
  ): Promise<{ productId: string; title: string; units: number }[]> {
    const units = sql<string>`sum(${orderLines.quantity})`;
    const rows = await this.db
      .select({ productId: orderLines.productId, title: sql<string>`max(${orderLines.title})`, units })
      .from(orderLines)
      .innerJoin(sellerOrders, eq(sellerOrders.id, orderLines.sellerOrderId))
      .where(and(eq(orderLines.tenantId, requireTenantId()), this.soldSince(since)))
      .groupBy(orderLines.productId)
      .orderBy(desc(units), orderLines.productId)
      .limit(limit);
    return rows.map((row) => ({ ...row, units: Number(row.units) }));
  }

  /** Orders of any date still to be packed or shipped. */
  async awaitingFulfilment(): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(sellerOrders)
      .where(
        and(eq(sellerOrders.tenantId, requireTenantId()), inArray(sellerOrders.status, AWAITING_FULFILMENT)),
      );
    return row?.n ?? 0;
  }
}
