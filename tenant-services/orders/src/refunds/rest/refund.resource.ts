import { z } from 'zod';
import { pageSchemaOf } from '@marketplace/rest';
import type { RefundRequest } from '../refund-request.model';
import { REFUND_REQUEST_STATUSES } from '../refund-request.schema';

export const refundResource = z
  .object({
    id: z.string(),
    buyerOrderId: z.string(),
    sellerOrderId: z.string(),
    lines: z
      .array(z.object({ sku: z.string(), quantity: z.number().int(), unitPrice: z.number().int() }))
      .describe("The buyer's returned lines; empty for a refund of an amount."),
    requestedAmount: z.number().int().describe('Minor units.'),
    acceptedAmount: z.number().int().nullable().describe('What was accepted to refund, minor units.'),
    currency: z.string(),
    reason: z.string(),
    status: z.enum(REFUND_REQUEST_STATUSES),
    decisionReason: z.string().nullable(),
    lastError: z.string().nullable().describe('Why the last refund attempt was refused.'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({
    id: 'Refund',
    description:
      "A refund of a seller order: a buyer's request the seller decides, or the seller's own refund.",
  });

export const refundPage = pageSchemaOf('Refund', refundResource);

export type RefundResource = z.input<typeof refundResource>;

export function toRefundResource(refund: RefundRequest): RefundResource {
  return {
    ...refund,
    status: refund.status as RefundResource['status'],
    createdAt: refund.createdAt.toISOString(),
    updatedAt: refund.updatedAt.toISOString(),
  };
}
