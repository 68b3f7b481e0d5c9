import { PageInfo, TenantRef } from '@marketplace/service-kit';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { TransferRow } from '../payments/transfer.schema';

export enum PayoutIssueKindValue {
  HELD = 'held',
  FAILED = 'failed',
}
registerEnumType(PayoutIssueKindValue, {
  name: 'PayoutIssueKind',
  description: 'HELD: the seller may not receive money yet. FAILED: the provider refused the transfer.',
});

@ObjectType({ description: "A seller's share that has not been transferred (platform admins)." })
export class PayoutIssue {
  @Field(() => ID) id!: string;
  @Field(() => TenantRef) seller!: TenantRef;
  @Field(() => ID) buyerOrderId!: string;
  @Field(() => ID) sellerOrderId!: string;
  @Field(() => Int, { description: 'What is owed to the seller now, minor units.' }) amount!: number;
  @Field() currency!: string;
  @Field({ description: 'pending | held | created | not_required' }) status!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true, description: 'Why it is held, or what the provider answered.' })
  lastError!: string | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType()
export class PayoutIssueConnection {
  @Field(() => [PayoutIssue]) nodes!: PayoutIssue[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'Held money in one currency.' })
export class HeldFunds {
  @Field() currency!: string;
  @Field(() => Float, { description: 'Integer minor units (a sum, typed Float to exceed 32 bits).' })
  amount!: number;
  @Field(() => Int) transfers!: number;
}

export function toPayoutIssue(row: TransferRow): PayoutIssue {
  return {
    id: row.id,
    seller: { id: row.tenantId },
    buyerOrderId: row.buyerOrderId,
    sellerOrderId: row.sellerOrderId,
    amount: row.amount - row.reversedAmount,
    currency: row.currency,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
