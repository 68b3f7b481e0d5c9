import { z } from 'zod';
import { pageSchemaOf } from '@marketplace/rest';
import type { SellerOrder } from '../order.model';
import { SELLER_ORDER_STATUSES } from '../order.schema';

export const sellerOrderResource = z
  .object({
    id: z.string(),
    status: z.enum(SELLER_ORDER_STATUSES),
    subtotal: z.number().int().describe('Minor units.'),
    refundedAmount: z.number().int().describe('Refunded to the buyer so far, minor units.'),
    currency: z.string(),
    commissionBps: z.number().int().describe('Effective platform commission, basis points.'),
    commission: z.number().int().describe('Platform commission, minor units.'),
    disputeStatus: z.string().nullable().describe('The latest chargeback: open, won or lost.'),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    shipTo: z
      .object({
        name: z.string(),
        line1: z.string(),
        line2: z.string().nullable(),
        postalCode: z.string(),
        city: z.string(),
        region: z.string().nullable(),
        country: z.string(),
      })
      .meta({ id: 'ShipTo' }),
    lines: z.array(
      z
        .object({
          productId: z.string(),
          sku: z.string(),
          title: z.string(),
          quantity: z.number().int(),
          unitPrice: z.number().int().describe('Minor units.'),
          currency: z.string(),
          categoryId: z.string().nullable(),
          commissionBps: z.number().int(),
          commission: z.number().int(),
        })
        .meta({ id: 'SellerOrderLine' }),
    ),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({
    id: 'SellerOrder',
    description: "The tenant's part of a buyer's order: what to ship where, without the buyer's identity.",
  });

export const sellerOrderPage = pageSchemaOf('SellerOrder', sellerOrderResource);

export type SellerOrderResource = z.input<typeof sellerOrderResource>;

export function toSellerOrderResource(order: SellerOrder): SellerOrderResource {
  return {
    ...order,
    status: order.status as SellerOrderResource['status'],
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
