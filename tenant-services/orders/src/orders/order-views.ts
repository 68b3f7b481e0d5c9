import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@marketplace/observability';
import {
  type AdminOrder,
  toBuyerOrder,
  toSellerOrder,
  type BuyerOrder,
  type SellerOrder,
} from './order.model';
import type { BuyerOrderRow, OrderLineRow, SellerOrderRow } from './order.schema';
import { OrderRepository } from './order.repository';

/** Assembles buyer, seller and admin views from rows. */
@Injectable()
export class OrderViews {
  constructor(private readonly orders: OrderRepository) {}

  /** The buyer's view of an order; seller orders and lines the caller already holds are not read again. */
  async buyerOrder(
    order: BuyerOrderRow,
    known: { sellers?: SellerOrderRow[] | undefined; lines?: OrderLineRow[] | undefined } = {},
  ): Promise<BuyerOrder> {
    const sellers = known.sellers ?? (await this.orders.sellerOrdersOf(order.id));
    const lines =
      known.sellers && known.lines
        ? known.lines
        : await this.orders.linesAcrossTenants(sellers.map((seller) => seller.id));
    return toBuyerOrder(order, sellers, lines);
  }

  /** A buyer order as admins see it: with the buyer and where its checkout saga stands. */
  async adminOrder(order: BuyerOrderRow): Promise<AdminOrder> {
    return {
      ...(await this.buyerOrder(order)),
      buyerId: order.buyerId,
      sagaState: order.sagaState,
      stalledState: order.stalledState,
      lastError: order.lastError,
      sweepAttempts: order.sweepAttempts,
    };
  }

  /** A seller order of the current tenant, shaped for shipping. */
  async sellerOrder(seller: SellerOrderRow): Promise<SellerOrder> {
    const buyerOrder = await this.orders.find(seller.buyerOrderId);
    if (!buyerOrder) throw new NotFoundError(`No seller order ${seller.id}`);
    return toSellerOrder(seller, buyerOrder.shippingAddress, await this.orders.sellerLines(seller.id));
  }
}
