import { Injectable } from '@nestjs/common';
import { crossTenantRepository, type MySqlDb, tenantRepository } from '@marketplace/tenancy';
import { and, asc, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import { acrossTenants, decodeCursor, encodeCursor, MySqlDatabase } from '@marketplace/service-kit';
import {
  buyerOrders,
  type BuyerOrderRow,
  orderLines,
  type OrderLineRow,
  orderStatusHistory,
  sellerOrders,
  type SellerOrderRow,
  type SellerOrderStatus,
  type SagaState,
} from './order.schema';
import { ulid } from 'ulid';
import { refundRequests } from '../refunds/refund-request.schema';

export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface HistoryEntry {
  orderId: string;
  from: string | null;
  to: string;
  actor: string;
  reason?: string | null;
}

/** Reads of buyer and seller orders; seller data goes through the tenant-scoped repositories. */
@Injectable()
export class OrderRepository {
  constructor(private readonly database: MySqlDatabase) {}

  get db(): MySqlDb {
    return this.database.db;
  }

  async findByKey(buyerId: string, idempotencyKey: string): Promise<BuyerOrderRow | undefined> {
    const [row] = await this.db
      .select()
      .from(buyerOrders)
      .where(and(eq(buyerOrders.buyerId, buyerId), eq(buyerOrders.idempotencyKey, idempotencyKey)));
    return row;
  }

  async find(id: string, db: MySqlDb = this.db): Promise<BuyerOrderRow | undefined> {
    const [row] = await db.select().from(buyerOrders).where(eq(buyerOrders.id, id));
    return row;
  }

  /** The buyer's own order, or undefined (another buyer's id is indistinguishable from an unknown one). */
  async findForBuyer(buyerId: string, id: string): Promise<BuyerOrderRow | undefined> {
    const [row] = await this.db
      .select()
      .from(buyerOrders)
      .where(and(eq(buyerOrders.id, id), eq(buyerOrders.buyerId, buyerId)));
    return row;
  }

  /** Seller orders of one buyer order, across its sellers: saga and buyer views, never a seller's view. */
  sellerOrdersOf(buyerOrderId: string, db: MySqlDb = this.db): Promise<SellerOrderRow[]> {
    return acrossTenants(() =>
      crossTenantRepository(db, sellerOrders).findMany(eq(sellerOrders.buyerOrderId, buyerOrderId), {
        orderBy: asc(sellerOrders.id),
      }),
    );
  }

  /** Lines of the given seller orders, across their sellers (buyer and admin views). */
  linesAcrossTenants(sellerOrderIds: string[]): Promise<OrderLineRow[]> {
    if (sellerOrderIds.length === 0) return Promise.resolve([]);
    return acrossTenants(() =>
      crossTenantRepository(this.db, orderLines).findMany(inArray(orderLines.sellerOrderId, sellerOrderIds), {
        orderBy: asc(orderLines.id),
      }),
    );
  }

  async buyerPage(buyerId: string, first: number, after?: string): Promise<Page<BuyerOrderRow>> {
    const rows = await this.db
      .select()
      .from(buyerOrders)
      .where(and(eq(buyerOrders.buyerId, buyerId), before(buyerOrders, after)))
      .orderBy(desc(buyerOrders.createdAt), desc(buyerOrders.id))
      .limit(first + 1);
    return pageOf(rows, first);
  }

  /** Every buyer order, or those in one saga state (platform admin; the caller audits). */
  async allPage(first: number, after?: string, sagaState?: SagaState): Promise<Page<BuyerOrderRow>> {
    const rows = await this.db
      .select()
      .from(buyerOrders)
      .where(and(sagaState ? eq(buyerOrders.sagaState, sagaState) : undefined, before(buyerOrders, after)))
      .orderBy(desc(buyerOrders.createdAt), desc(buyerOrders.id))
      .limit(first + 1);
    return pageOf(rows, first);
  }

  /** The current tenant's seller orders, newest first. */
  async sellerPage(
    status: SellerOrderStatus | undefined,
    first: number,
    after?: string,
  ): Promise<Page<SellerOrderRow>> {
    const rows = await tenantRepository(this.db, sellerOrders).findMany(
      and(status ? eq(sellerOrders.status, status) : undefined, before(sellerOrders, after)),
      { orderBy: [desc(sellerOrders.createdAt), desc(sellerOrders.id)], limit: first + 1 },
    );
    return pageOf(rows, first);
  }

  /** One of the current tenant's seller orders; another tenant's id is not found. */
  sellerOrder(id: string, db: MySqlDb = this.db): Promise<SellerOrderRow | undefined> {
    return tenantRepository(db, sellerOrders).findOne(eq(sellerOrders.id, id));
  }

  /** Lines of one of the current tenant's seller orders. */
  sellerLines(sellerOrderId: string): Promise<OrderLineRow[]> {
    return tenantRepository(this.db, orderLines).findMany(eq(orderLines.sellerOrderId, sellerOrderId), {
      orderBy: asc(orderLines.id),
    });
  }

  async recordHistory(tx: MySqlDb, entries: HistoryEntry[], at: Date): Promise<void> {
    if (entries.length === 0) return;
    await tx.insert(orderStatusHistory).values(
      entries.map((entry) => ({
        id: ulid(),
        orderId: entry.orderId,
        fromStatus: entry.from,
        toStatus: entry.to,
        actor: entry.actor.slice(0, 64),
        reason: entry.reason?.slice(0, 1000) ?? null,
        at,
      })),
    );
  }

  async history(orderId: string) {
    return this.db
      .select()
      .from(orderStatusHistory)
      .where(eq(orderStatusHistory.orderId, orderId))
      .orderBy(asc(orderStatusHistory.at), asc(orderStatusHistory.id));
  }
}

type Positioned = typeof buyerOrders | typeof sellerOrders | typeof refundRequests;

/** Rows after the cursor in (createdAt, id) descending order. */
export function before(table: Positioned, after: string | undefined): SQL | undefined {
  if (after === undefined) return undefined;
  const position = decodeCursor(after);
  return or(
    lt(table.createdAt, position.createdAt),
    and(eq(table.createdAt, position.createdAt), lt(table.id, position.id)),
  );
}

export function pageOf<T extends { createdAt: Date; id: string }>(rows: T[], first: number): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    endCursor: last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    hasNextPage: rows.length > first,
  };
}
