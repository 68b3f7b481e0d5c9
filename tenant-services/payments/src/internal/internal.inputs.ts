import { z } from 'zod';

const orderId = z.string().min(1).max(64);
const minorUnits = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const idempotencyKey = z.string().min(8).max(191);

export const createPaymentSchema = z.object({
  buyerOrderId: orderId,
  amount: minorUnits,
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code in upper case'),
  idempotencyKey,
});

export const settleSchema = z.object({
  sellerOrders: z
    .array(
      z
        .object({
          sellerOrderId: orderId,
          tenantId: z.string().min(1).max(36),
          /** Zero for a seller order of free lines only: settled without a transfer (ADR 0015). */
          subtotal: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
          commissionBps: z.number().int().min(0).max(10_000),
          /** The commission decided per line at sale time (orders); without it, commissionBps of the subtotal. */
          commission: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        })
        .refine((order) => (order.commission ?? 0) <= order.subtotal, {
          message: 'the commission must not exceed the subtotal',
          path: ['commission'],
        }),
    )
    .min(1)
    .max(100)
    .refine(
      (orders) => new Set(orders.map((order) => order.sellerOrderId)).size === orders.length,
      'seller orders must be distinct',
    ),
});

export const refundSchema = z.object({
  sellerOrderId: orderId.optional(),
  amount: minorUnits,
  idempotencyKey,
});

export const buyerOrderParam = orderId;
