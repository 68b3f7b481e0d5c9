import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { safeText } from '@marketplace/contracts';
import { z } from 'zod';
import { orderIdSchema, pageSchema } from '../orders/order.inputs';
import { REFUND_REQUEST_STATUSES } from './refund-request.schema';

const reason = safeText({ multiline: true }).trim().min(1, 'must not be empty').max(1000);
const idempotencyKey = z.string().min(8).max(191);
const minorUnits = z
  .number()
  .int('must be whole minor units')
  .positive('must be positive')
  .max(Number.MAX_SAFE_INTEGER);

const refundLines = z
  .array(z.object({ sku: z.string().trim().min(1).max(64), quantity: z.number().int().min(1).max(10_000) }))
  .min(1, 'at least one line')
  .max(200)
  .refine(
    (lines) => new Set(lines.map((line) => line.sku)).size === lines.length,
    'each sku may appear once',
  );

export const refundRequestSchema = z.object({
  sellerOrderId: orderIdSchema,
  lines: refundLines,
  reason,
  idempotencyKey,
});
export type RefundRequestCommand = z.output<typeof refundRequestSchema>;

export const acceptSchema = z.object({
  id: orderIdSchema,
  amount: minorUnits.optional(),
  reason: reason.optional(),
});
export type RefundDecision = { amount?: number | undefined; reason?: string | undefined };

export const declineSchema = z.object({ id: orderIdSchema, reason });

const amountRefundSchema = z.object({
  sellerOrderId: orderIdSchema,
  amount: minorUnits,
  reason,
  idempotencyKey,
});

/** An admin's refund: an amount, optionally of chosen lines (then at most what those lines cost). */
export const adminRefundSchema = amountRefundSchema.extend({
  lines: refundLines.nullish().transform((v) => v ?? undefined),
});

export type AmountRefund = z.output<typeof amountRefundSchema> & {
  lines?: z.output<typeof refundLines> | undefined;
};

/** A seller's own refund of an amount of one of its seller orders (REST `POST /refunds`, GraphQL `createRefund`). */
export const sellerRefundSchema = amountRefundSchema;

export const refundRequestPageSchema = pageSchema.extend({
  status: z.enum(REFUND_REQUEST_STATUSES).optional(),
});

@InputType()
export class RefundLineInput {
  @Field() sku!: string;
  @Field(() => Int) quantity!: number;
}

@InputType({ description: 'Lines of one seller order the buyer returns or wants money back for, and why.' })
export class RequestRefundInput {
  @Field(() => ID) sellerOrderId!: string;
  @Field(() => [RefundLineInput]) lines!: RefundLineInput[];
  @Field() reason!: string;
  @Field({ description: 'Chosen by the client per request; a repeat returns the same request.' })
  idempotencyKey!: string;
}

@InputType({ description: 'Seller: refund part or all of one of your seller orders.' })
export class CreateRefundInput {
  @Field(() => ID) sellerOrderId!: string;
  @Field(() => Int, { description: 'Minor units.' }) amount!: number;
  @Field() reason!: string;
  @Field({ description: 'Chosen by the client per refund; a repeat refunds once.' }) idempotencyKey!: string;
}

@InputType({ description: 'Platform admin: refund part or all of any seller order.' })
export class AdminRefundInput {
  @Field(() => ID) sellerOrderId!: string;
  @Field(() => Int, {
    description: 'Minor units; with `lines`, at most what those lines cost (less for a partial refund).',
  })
  amount!: number;
  @Field() reason!: string;
  @Field() idempotencyKey!: string;
  @Field(() => [RefundLineInput], {
    nullable: true,
    description:
      'The lines (SKU and quantity) refunded, recorded on the refund; each line at most once per order.',
  })
  lines?: RefundLineInput[] | null;
}
