import { Injectable } from '@nestjs/common';
import { acrossTenants } from '@marketplace/tenancy';
import { and, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import { MySqlDatabase } from '@marketplace/service-kit';
import { sellerOrders, type SellerOrderStatus } from '../orders/order.schema';

/** Seller orders that count as sales: paid at some point (refunds are reported beside GMV, not taken off it). */
export const SOLD_STATUSES = [
  'paid',
  'fulfilled',
  'shipped',
  'delivered',
  'partially_refunded',
  'refunded',
] as const satisfies readonly SellerOrderStatus[];

export interface SalesFilter {
  since: Date;
  currency: string;
  /** One seller only (the admin's seller detail); every seller when absent. */
  tenantId?: string | undefined;
}

export interface SalesTotals {
  gmv: number;
  commission: number;
  refunded: number;
  orders: number;
  sellers: number;
}

export interface SalesDay {
  day: string;
  gmv: number;
  commission: number;
  orders: number;
}

export interface SellerSales {
  tenantId: string;
  gmv: number;
  commission: number;
  orders: number;
}

const gmv = sql<string>`COALESCE(SUM(${sellerOrders.subtotal}), 0)`;
const commission = sql<string>`COALESCE(SUM(${sellerOrders.commission}), 0)`;
const refunded = sql<string>`COALESCE(SUM(${sellerOrders.refundedAmount}), 0)`;
const orders = sql<string>`COUNT(DISTINCT ${sellerOrders.buyerOrderId})`;

/**
 * Admin sales figures across every seller, summed by MySQL (one GROUP BY per figure, on the
 * seller_orders_tenant_created index's columns). Platform-admin reads only: each runs as a named cross-tenant
 * operation; the caller records the read in the audit trail.
 */
@Injectable()
export class SalesOverviewRepository {
  constructor(private readonly database: MySqlDatabase) {}

  totals(filter: SalesFilter): Promise<SalesTotals> {
    return acrossTenants('orders.admin-sales-totals', async () => {
      const [row] = await this.database.db
        .select({
          gmv,
          commission,
          refunded,
          orders,
          sellers: sql<string>`COUNT(DISTINCT ${sellerOrders.tenantId})`,
        })
        .from(sellerOrders)
        .where(sold(filter));
      return {
        gmv: Number(row?.gmv ?? 0),
        commission: Number(row?.commission ?? 0),
        refunded: Number(row?.refunded ?? 0),
        orders: Number(row?.orders ?? 0),
        sellers: Number(row?.sellers ?? 0),
      };
    });
  }

  /** Per UTC day (`YYYY-MM-DD`); days without sales are absent. */
  byDay(filter: SalesFilter): Promise<SalesDay[]> {
    const day = sql<string>`DATE_FORMAT(${sellerOrders.createdAt}, '%Y-%m-%d')`;
    return acrossTenants('orders.admin-sales-by-day', async () => {
      const rows = await this.database.db
        .select({ day, gmv, commission, orders })
        .from(sellerOrders)
        .where(sold(filter))
        .groupBy(day);
      return rows.map((row) => ({
        day: row.day,
        gmv: Number(row.gmv),
        commission: Number(row.commission),
        orders: Number(row.orders),
      }));
    });
  }

  /** The sellers with the most GMV, most first. */
  topSellers(filter: SalesFilter, limit: number): Promise<SellerSales[]> {
    return acrossTenants('orders.admin-top-sellers', async () => {
      const rows = await this.database.db
        .select({ tenantId: sellerOrders.tenantId, gmv, commission, orders })
        .from(sellerOrders)
        .where(sold(filter))
        .groupBy(sellerOrders.tenantId)
        .orderBy(desc(gmv), sellerOrders.tenantId)
        .limit(limit);
      return rows.map((row) => ({
        tenantId: row.tenantId,
        gmv: Number(row.gmv),
        commission: Number(row.commission),
        orders: Number(row.orders),
      }));
    });
  }

  /** Currencies sold in since `since`, most GMV first (what the overview may be shown in). */
  currencies(since: Date, tenantId?: string): Promise<string[]> {
    return acrossTenants('orders.admin-sales-currencies', async () => {
      const rows = await this.database.db
        .select({ currency: sellerOrders.currency })
        .from(sellerOrders)
        .where(
          and(
            inArray(sellerOrders.status, SOLD_STATUSES),
            gte(sellerOrders.createdAt, since),
            tenantId ? eq(sellerOrders.tenantId, tenantId) : undefined,
          ),
        )
        .groupBy(sellerOrders.currency)
        .orderBy(desc(gmv));
      return rows.map((row) => row.currency);
    });
  }
}

function sold(filter: SalesFilter): SQL | undefined {
  return and(
    inArray(sellerOrders.status, SOLD_STATUSES),
    gte(sellerOrders.createdAt, filter.since),
    eq(sellerOrders.currency, filter.currency),
    filter.tenantId ? eq(sellerOrders.tenantId, filter.tenantId) : undefined,
  );
}
