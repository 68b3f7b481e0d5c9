import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '@marketplace/service-kit';
import type { RefundRequestRow } from './refund-request.schema';

@ObjectType()
export class RefundRequestLine {
  @Field() sku!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => Int, { description: 'Minor units, as bought.' }) unitPrice!: number;
}

@ObjectType({ description: 'A return/refund request of lines of one seller order.' })
export class RefundRequest {
  @Field(() => ID) id!: string;
  @Field(() => ID) buyerOrderId!: string;
  @Field(() => ID) sellerOrderId!: string;
  @Field(() => [RefundRequestLine], { description: 'Empty for an admin refund of an amount.' })
  lines!: RefundRequestLine[];
  @Field(() => Int, { description: 'What the requested lines cost (minor units).' }) requestedAmount!: number;
  @Field(() => Int, { nullable: true, description: 'What the seller (or an admin) accepted to refund.' })
  acceptedAmount!: number | null;
  @Field() currency!: string;
  @Field() reason!: string;
  @Field({ description: 'requested | refunding | refunded | declined' }) status!: string;
  @Field(() => String, { nullable: true, description: "The seller's reason for declining (or a note)." })
  decisionReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Why the last refund attempt was refused.' })
  lastError!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType()
export class RefundRequestConnection {
  @Field(() => [RefundRequest]) nodes!: RefundRequest[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

export function toRefundRequest(row: RefundRequestRow): RefundRequest {
  return {
    id: row.id,
    buyerOrderId: row.buyerOrderId,
    sellerOrderId: row.sellerOrderId,
    lines: row.lines,
    requestedAmount: row.requestedAmount,
    acceptedAmount: row.acceptedAmount,
    currency: row.currency,
    reason: row.reason,
    status: row.status,
    decisionReason: row.decisionReason,
    lastError: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
