import { Injectable } from '@nestjs/common';
import {
  acrossTenants,
  buyerRepository,
  crossTenantRepository,
  type MySqlDb,
  tenantRepository,
} from '@marketplace/tenancy';
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import {
  type Connection,
  createdAtCursor,
  MySqlDatabase,
  pageOf,
  preparedQuery,
} from '@marketplace/service-kit';
import {
  buyerOrders,
  type BuyerOrderRow,
  orderLines,
  type OrderLineRow,
  orderStatusHistory,
  sellerOrders,
  type SellerOrderRow,
  type SellerOrderStatus,
  OPEN_SAGA_STATES,
  type SagaState,
} from './order.schema';
import { refundRequests } from '../refunds/refund-request.schema';

type NewBuyerOrderRow = typeof buyerOrders.$inferInsert;
import { ulid } from 'ulid';

export interface HistoryEntry {
  orderId: string;
  from: string | null;
  to: string;
  actor: string;
  reason?: string | null;
}

const buyerOrderById = preparedQuery((db: MySqlDb) =>
  db
    .select()
    .from(buyerOrders)
    .where(eq(buyerOrders.id, sql.placeholder('id')))
    .prepare(),
);

/** Reads of buyer and seller orders; seller data goes through the tenant-scoped repositories. */
@Injectable()
export class OrderRepository {
  constructor(private readonly database: MySqlDatabase) {}

  get db(): MySqlDb {
    return this.database.db;
  }

  /** The buyer's order placed with this idempotency key (the buyer of the request context). */
  findByKey(idempotencyKey: string): Promise<BuyerOrderRow | undefined> {
    return buyerRepository(this.db, buyerOrders).findOne(eq(buyerOrders.idempotencyKey, idempotencyKey));
  }

  /** Places the buyer order of the request context's buyer. */
  async placeBuyerOrder(tx: MySqlDb, order: Omit<NewBuyerOrderRow, 'buyerId'>): Promise<void> {
    await buyerRepository(tx, buyerOrders).insert(order);
  }

  /** One buyer order by id, whoever's (the saga reads its order at every step: a prepared query). */
  async find(id: string): Promise<BuyerOrderRow | undefined> {
    const [row] = await buyerOrderById(this.db).execute({ id });
    return row;
  }

  /** Buyer orders by id, whoever's (the payment outcomes of a consumed batch, read together). */
  findMany(ids: string[]): Promise<BuyerOrderRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(buyerOrders).where(inArray(buyerOrders.id, ids));
  }

  /** The buyer's own order, or undefined (another buyer's id is indistinguishable from an unknown one). */
  findForBuyer(id: string): Promise<BuyerOrderRow | undefined> {
    return buyerRepository(this.db, buyerOrders).findOne(eq(buyerOrders.id, id));
  }

  /**
   * The saga's and fulfilment's own steps on one buyer order, by id, whoever's request runs them: the row
   * locked for the rest of the transaction.
   */
  async lockBuyerOrder(tx: MySqlDb, id: string): Promise<BuyerOrderRow | undefined> {
    const [row] = await tx.select().from(buyerOrders).where(eq(buyerOrders.id, id)).for('update');
    return row;
  }

  /**
   * The seller order's own step (a payments event on it), by id, whoever's tenant it is: the row locked for the
   * rest of the transaction.
   */
  async lockSellerOrder(tx: MySqlDb, id: string): Promise<SellerOrderRow | undefined> {
    const [row] = await tx.select().from(sellerOrders).where(eq(sellerOrders.id, id)).for('update');
    return row;
  }

  /**
   * Changes one buyer order (saga and fulfilment steps), if it still matches `also`; the number of rows changed
   * (0 when it no longer matched).
   */
  async updateBuyerOrder(
    db: MySqlDb,
    id: string,
    changes: Partial<Omit<NewBuyerOrderRow, 'id' | 'buyerId'>>,
    also?: SQL,
  ): Promise<number> {
    const [result] = await db
      .update(buyerOrders)
      .set(changes)
      .where(and(eq(buyerOrders.id, id), also));
    return result.affectedRows;
  }

  /** Checkouts parked in needs_attention, every buyer's (the saga's gauge). */
  async countNeedingAttention(): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(buyerOrders)
      .where(eq(buyerOrders.sagaState, 'needs_attention'));
    return row?.n ?? 0;
  }

  /** Removes a buyer order that never got past `reserving` (its lines were invalid). */
  async discardBuyerOrder(tx: MySqlDb, id: string, orderIds: string[]): Promise<void> {
    await tx.delete(orderStatusHistory).where(inArray(orderStatusHistory.orderId, orderIds));
    await tx.delete(buyerOrders).where(and(eq(buyerOrders.id, id), eq(buyerOrders.sagaState, 'reserving')));
  }

  /** Seller orders of one buyer order, across its sellers: saga and buyer views, never a seller's view. */
  sellerOrdersOf(buyerOrderId: string, db: MySqlDb = this.db): Promise<SellerOrderRow[]> {
    return acrossTenants('orders.seller-orders-of-buyer-order', () =>
      crossTenantRepository(db, sellerOrders).findMany(eq(sellerOrders.buyerOrderId, buyerOrderId), {
        orderBy: asc(sellerOrders.id),
      }),
    );
  }

  /** Lines of the given seller orders, across their sellers (buyer and admin views). */
  linesAcrossTenants(sellerOrderIds: string[]): Promise<OrderLineRow[]> {
    if (sellerOrderIds.length === 0) return Promise.resolve([]);
    return acrossTenants('orders.lines-of-buyer-order', () =>
      crossTenantRepository(this.db, orderLines).findMany(inArray(orderLines.sellerOrderId, sellerOrderIds), {
        orderBy: asc(orderLines.id),
      }),
    );
  }

  /** The request context buyer's orders, newest first. */
  async buyerPage(first: number, after?: string): Promise<Connection<BuyerOrderRow>> {
    const rows = await buyerRepository(this.db, buyerOrders).findMany(before(buyerOrders, after), {
      orderBy: [desc(buyerOrders.createdAt), desc(buyerOrders.id)],
      limit: first + 1,
    });
    return pageOf(rows, first, createdAtCursor.encode);
  }

  /** Every buyer order, or those in one saga state (platform admin; the caller audits). */
  async allPage(first: number, after?: string, sagaState?: SagaState): Promise<Connection<BuyerOrderRow>> {
    const rows = await this.db
      .select()
      .from(buyerOrders)
      .where(and(sagaState ? eq(buyerOrders.sagaState, sagaState) : undefined, before(buyerOrders, after)))
      .orderBy(desc(buyerOrders.createdAt), desc(buyerOrders.id))
      .limit(first + 1);
    return pageOf(rows, first, createdAtCursor.encode);
  }

  /**
   * Buyer orders an admin looks for, newest first: by order id (the buyer order's or one of its seller orders'),
   * by buyer, and/or having a seller order of one seller. Runs inside the caller's named cross-tenant operation.
   */
  async adminSearchPage(
    first: number,
    after: string | undefined,
    filter: { orderId?: string | undefined; buyerId?: string | undefined; sellerId?: string | undefined },
  ): Promise<Connection<BuyerOrderRow>> {
    const ofSellerOrders = (where: SQL) =>
      inArray(
        buyerOrders.id,
        this.db.select({ id: sellerOrders.buyerOrderId }).from(sellerOrders).where(where),
      );
    const rows = await this.db
      .select()
      .from(buyerOrders)
      .where(
        and(
          filter.orderId
            ? or(eq(buyerOrders.id, filter.orderId), ofSellerOrders(eq(sellerOrders.id, filter.orderId)))
            : undefined,
          filter.buyerId ? eq(buyerOrders.buyerId, filter.buyerId) : undefined,
          filter.sellerId ? ofSellerOrders(eq(sellerOrders.tenantId, filter.sellerId)) : undefined,
          before(buyerOrders, after),
        ),
      )
      .orderBy(desc(buyerOrders.createdAt), desc(buyerOrders.id))
      .limit(first + 1);
    return pageOf(rows, first, createdAtCursor.encode);
  }

  /** The current tenant's seller orders, newest first, in one status and placed within [from, before) if given. */
  async sellerPage(
    filter: {
      status?: SellerOrderStatus | undefined;
      placedFrom?: Date | undefined;
      placedBefore?: Date | undefined;
    },
    first: number,
    after?: string,
  ): Promise<Connection<SellerOrderRow>> {
    const rows = await tenantRepository(this.db, sellerOrders).findMany(
      and(
        filter.status ? eq(sellerOrders.status, filter.status) : undefined,
        filter.placedFrom ? gte(sellerOrders.createdAt, filter.placedFrom) : undefined,
        filter.placedBefore ? lt(sellerOrders.createdAt, filter.placedBefore) : undefined,
        before(sellerOrders, after),
      ),
      { orderBy: [desc(sellerOrders.createdAt), desc(sellerOrders.id)], limit: first + 1 },
    );
    return pageOf(rows, first, createdAtCursor.encode);
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
}

/**
 * Checkouts a crash or an unreachable service left unfinished whose backoff is over (saga sweeper): fewest
 * failures first, then the earliest deadline, so a checkout that keeps failing waits at the back and no number
 * of stuck ones starves a new checkout.
 */
export function openCheckouts(db: MySqlDb, limit: number, now: Date): Promise<BuyerOrderRow[]> {
  return db
    .select()
    .from(buyerOrders)
    .where(
      and(
        inArray(buyerOrders.sagaState, OPEN_SAGA_STATES),
        or(isNull(buyerOrders.nextSweepAt), lte(buyerOrders.nextSweepAt, now)),
      ),
    )
    .orderBy(asc(buyerOrders.sweepAttempts), asc(buyerOrders.sagaDeadline))
    .limit(limit);
}

type Positioned = typeof buyerOrders | typeof sellerOrders | typeof refundRequests;

/** Rows after the cursor in (createdAt, id) descending order. */
export function before(table: Positioned, after: string | undefined): SQL | undefined {
  if (after === undefined) return undefined;
  const position = createdAtCursor.decode(after);
  return or(
    lt(table.createdAt, position.createdAt),
    and(eq(table.createdAt, position.createdAt), lt(table.id, position.id)),
  );
}
