import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { BuyerOrderRow, OrderLineRow, SellerOrderRow, ShippingAddress } from './order.schema';
import { ConnectionType } from '@marketplace/service-kit';

@ObjectType()
export class OrderLine {
  @Field(() => ID) productId!: string;
  @Field() sku!: string;
  @Field() title!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int, { description: 'Minor units.' }) unitPrice!: number;
  @Field() currency!: string;
}

@ObjectType({ description: "A line of the seller's order with the commission frozen on it at sale time." })
export class SellerOrderLine extends OrderLine {
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => Int, { description: 'The rule applied at checkout, basis points.' }) commissionBps!: number;
  @Field(() => Int, { description: 'Commission on this line, minor units.' }) commission!: number;
}

@ObjectType({ description: 'Where a seller order goes: the recipient name and postal address only.' })
export class ShipTo {
  @Field() name!: string;
  @Field() line1!: string;
  @Field(() => String, { nullable: true }) line2!: string | null;
  @Field() postalCode!: string;
  @Field() city!: string;
  @Field(() => String, { nullable: true }) region!: string | null;
  @Field() country!: string;
}

@ObjectType({ description: "One seller's part of the buyer's order, with its own status and tracking." })
export class BuyerSellerOrder {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field({
    description:
      'pending_payment | paid | fulfilled | shipped | delivered | cancelled | partially_refunded | refunded',
  })
  status!: string;
  @Field(() => Int) subtotal!: number;
  @Field(() => Int, { description: 'Refunded so far, minor units.' }) refundedAmount!: number;
  @Field() currency!: string;
  @Field(() => String, { nullable: true }) carrier!: string | null;
  @Field(() => String, { nullable: true }) trackingNumber!: string | null;
  @Field(() => String, { nullable: true, description: "The carrier's tracking page (https)." })
  trackingUrl!: string | null;
  @Field(() => [OrderLine]) lines!: OrderLine[];
}

@ObjectType()
export class BuyerOrder {
  @Field(() => ID) id!: string;
  @Field({ description: 'Derived from the seller orders: the slowest live one.' }) status!: string;
  @Field() currency!: string;
  @Field(() => Int, { description: 'Minor units.' }) total!: number;
  @Field(() => String, { nullable: true, description: 'Why the checkout was cancelled.' })
  failureReason!: string | null;
  @Field(() => ShipTo) shippingAddress!: ShipTo;
  @Field(() => [BuyerSellerOrder]) sellerOrders!: BuyerSellerOrder[];
  @Field(() => String, {
    nullable: true,
    description:
      "Only in checkout's answer while the payment awaits the buyer's confirmation in the browser (Stripe.js).",
  })
  paymentClientSecret!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Only in checkout's answer while the payment is open: `stripe` (the browser confirms with Stripe.js and the " +
      'Payment Element) or `test` (the built-in provider of local runs).',
  })
  paymentProvider!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Stripe publishable key the browser confirms the payment with (public by design); null otherwise.',
  })
  paymentPublishableKey!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType({ description: 'A buyer order as platform admins see it.' })
export class AdminOrder extends BuyerOrder {
  @Field(() => ID) buyerId!: string;
  @Field({
    description:
      'Checkout saga state: reserving, awaiting_payment, settling, completed, compensating, compensated, ' +
      'refunding, refunded, or needs_attention (parked after repeated failures; see stalledState, lastError).',
  })
  sagaState!: string;
  @Field(() => String, { nullable: true, description: 'The state a needs_attention checkout stalled in.' })
  stalledState!: string | null;
  @Field(() => String, { nullable: true, description: 'Why the last sweeper step of the checkout failed.' })
  lastError!: string | null;
  @Field(() => Int) sweepAttempts!: number;
}

@ObjectType({ description: "A seller's order: what to ship where, without the buyer's identity or e-mail." })
export class SellerOrder {
  @Field(() => ID) id!: string;
  @Field() status!: string;
  @Field(() => Int) subtotal!: number;
  @Field(() => Int, { description: 'Refunded to the buyer so far, minor units.' }) refundedAmount!: number;
  @Field() currency!: string;
  @Field(() => Int, {
    description: 'Effective platform commission in basis points (1000 = 10 %): commission over subtotal.',
  })
  commissionBps!: number;
  @Field(() => Int, { description: "Platform commission, the sum of the lines' frozen commissions." })
  commission!: number;
  @Field(() => String, { nullable: true, description: 'The latest chargeback: open, won or lost.' })
  disputeStatus!: string | null;
  @Field(() => String, { nullable: true }) carrier!: string | null;
  @Field(() => String, { nullable: true }) trackingNumber!: string | null;
  @Field(() => String, { nullable: true, description: "The carrier's tracking page (https)." })
  trackingUrl!: string | null;
  @Field(() => ShipTo) shipTo!: ShipTo;
  @Field(() => [SellerOrderLine]) lines!: SellerOrderLine[];
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType()
export class BuyerOrderConnection extends ConnectionType(BuyerOrder) {}

@ObjectType()
export class AdminOrderConnection extends ConnectionType(AdminOrder) {}

@ObjectType()
export class SellerOrderConnection extends ConnectionType(SellerOrder) {}

export function toShipTo(address: ShippingAddress): ShipTo {
  return {
    name: address.name,
    line1: address.line1,
    line2: address.line2 ?? null,
    postalCode: address.postalCode,
    city: address.city,
    region: address.region ?? null,
    country: address.country,
  };
}

export function toLine(row: OrderLineRow): OrderLine {
  return {
    productId: row.productId,
    sku: row.sku,
    title: row.title,
    quantity: row.quantity,
    unitPrice: row.unitPrice,
    currency: row.currency,
  };
}

export function toBuyerOrder(
  order: BuyerOrderRow,
  sellers: SellerOrderRow[],
  lines: OrderLineRow[],
): BuyerOrder {
  return {
    id: order.id,
    status: order.status,
    currency: order.currency,
    total: order.total,
    failureReason: order.failureReason,
    shippingAddress: toShipTo(order.shippingAddress),
    sellerOrders: sellers.map((seller) => ({
      id: seller.id,
      tenantId: seller.tenantId,
      status: seller.status,
      subtotal: seller.subtotal,
      refundedAmount: seller.refundedAmount,
      currency: seller.currency,
      carrier: seller.carrier,
      trackingNumber: seller.trackingNumber,
      trackingUrl: seller.trackingUrl,
      lines: lines.filter((line) => line.sellerOrderId === seller.id).map(toLine),
    })),
    paymentClientSecret: null,
    paymentProvider: null,
    paymentPublishableKey: null,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

export function toSellerOrder(
  seller: SellerOrderRow,
  address: ShippingAddress,
  lines: OrderLineRow[],
): SellerOrder {
  return {
    id: seller.id,
    status: seller.status,
    subtotal: seller.subtotal,
    refundedAmount: seller.refundedAmount,
    currency: seller.currency,
    commissionBps: seller.commissionBps,
    commission: seller.commission,
    disputeStatus: seller.disputeStatus,
    carrier: seller.carrier,
    trackingNumber: seller.trackingNumber,
    trackingUrl: seller.trackingUrl,
    shipTo: toShipTo(address),
    lines: lines.map((line) => ({
      ...toLine(line),
      categoryId: line.categoryId,
      commissionBps: line.commissionBps,
      commission: line.commission,
    })),
    createdAt: seller.createdAt,
    updatedAt: seller.updatedAt,
  };
}
