import { Injectable } from '@nestjs/common';
import { SellerOrderShipped, SellerOrderStatusChanged } from '@marketplace/contracts';
import { enqueue } from '@marketplace/events';
import { requireTenantId, tenantRepository } from '@marketplace/tenancy';
import { and, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '@marketplace/observability';
import { derivedBuyerStatus, canMove, type SellerStep } from './order-status';
import { sellerOrders, type SellerOrderRow, type SellerOrderStatus } from './order.schema';
import { type HistoryEntry, OrderRepository } from './order.repository';

export interface Tracking {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
}

/** Seller fulfilment steps on the current tenant's own seller orders; the buyer order status follows. */
@Injectable()
export class FulfilmentService {
  constructor(private readonly orders: OrderRepository) {}

  async move(
    sellerOrderId: string,
    to: SellerStep,
    actor: string,
    tracking?: Tracking,
  ): Promise<SellerOrderRow> {
    const tenantId = requireTenantId();
    const changed = await this.orders.db.transaction(async (tx) => {
      const current = await this.orders.sellerOrder(sellerOrderId, tx);
      if (!current) throw new NotFoundError(`No seller order ${sellerOrderId}`);
      if (!canMove(current.status, to)) {
        throw new ConflictError(`A ${current.status} seller order cannot become ${to}`);
      }
      const now = new Date();
      const updated = await tenantRepository(tx, sellerOrders).update(
        and(eq(sellerOrders.id, sellerOrderId), eq(sellerOrders.status, current.status))!,
        { status: to, updatedAt: now, ...(tracking ?? {}) },
      );
      if (updated === 0)
        throw new ConflictError(`Seller order ${sellerOrderId} changed meanwhile; try again`);
      const next = { ...current, status: to, updatedAt: now, ...(tracking ?? {}) };
      const history: HistoryEntry[] = [{ orderId: sellerOrderId, from: current.status, to, actor }];

      const buyerOrder = await this.orders.lockBuyerOrder(tx, current.buyerOrderId);
      const siblings = await this.orders.sellerOrdersOf(current.buyerOrderId, tx);
      const buyerStatus = derivedBuyerStatus(
        siblings.map((s): SellerOrderStatus => (s.id === sellerOrderId ? to : s.status)),
      );
      if (buyerOrder && buyerOrder.status !== buyerStatus) {
        await this.orders.updateBuyerOrder(tx, buyerOrder.id, { status: buyerStatus, updatedAt: now });
        history.push({ orderId: buyerOrder.id, from: buyerOrder.status, to: buyerStatus, actor });
      }
      await this.orders.recordHistory(tx, history, now);

      const common = { buyerOrderId: current.buyerOrderId, sellerOrderId, tenantId };
      await enqueue(
        tx,
        SellerOrderStatusChanged.create(
          {
            ...common,
            from: current.status,
            to,
            carrier: next.carrier,
            trackingNumber: next.trackingNumber,
            changedAt: now.toISOString(),
          },
          { tenantId },
        ),
        { key: current.buyerOrderId },
      );
      if (to === 'shipped' && tracking) {
        await enqueue(
          tx,
          SellerOrderShipped.create({ ...common, ...tracking, shippedAt: now.toISOString() }, { tenantId }),
          { key: current.buyerOrderId },
        );
      }
      return next;
    });
    return changed;
  }
}
