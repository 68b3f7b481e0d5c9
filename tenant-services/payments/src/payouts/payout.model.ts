import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { TransferRow } from '../payments/transfer.schema';
import type { PayoutAccountRow } from './payout-account.schema';
import { ConnectionType } from '@marketplace/service-kit';

export const TransferStatusValue = {
  PENDING: 'pending',
  HELD: 'held',
  CREATED: 'created',
  NOT_REQUIRED: 'not_required',
} as const;
registerEnumType(TransferStatusValue, {
  name: 'TransferStatus',
  description:
    'pending (not yet accepted by the provider) → created; held while the seller may not receive money ' +
    '(payout account without the transfers capability, tenant not approved or suspended); not_required when ' +
    'the share is zero.',
});

export const ReversalStatusValue = {
  NONE: 'none',
  PENDING: 'pending',
  FAILED: 'failed',
  SUCCEEDED: 'succeeded',
} as const;
registerEnumType(ReversalStatusValue, {
  name: 'TransferReversalStatus',
  description: 'Latest reversal of the transfer after a refund; failed reversals are retried.',
});

@ObjectType({ description: "The seller's connected payout account." })
export class PayoutAccount {
  @Field({ description: "The provider's account id (Stripe acct_…)." })
  accountId!: string;

  @Field()
  chargesEnabled!: boolean;

  @Field({ description: 'True once the provider lets the account receive payouts.' })
  payoutsEnabled!: boolean;

  @Field()
  detailsSubmitted!: boolean;

  @Field(() => [String], {
    description: 'Requirement names the provider still needs (past due first); empty when nothing is due.',
  })
  requirementsDue!: string[];

  @Field({ description: 'True once the account can receive the transfers of the seller’s shares.' })
  transfersEnabled!: boolean;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType()
export class PayoutOnboarding {
  @Field(() => PayoutAccount)
  account!: PayoutAccount;

  @Field({ description: 'Single-use link to the provider-hosted onboarding; expires within minutes.' })
  url!: string;
}

@ObjectType({ description: "The seller's share of one seller order, transferred to its payout account." })
export class SellerTransfer {
  @Field(() => ID)
  id!: string;

  @Field()
  buyerOrderId!: string;

  @Field()
  sellerOrderId!: string;

  @Field(() => Int, { description: 'Seller subtotal in minor units.' })
  subtotal!: number;

  @Field(() => Int, { description: 'Platform commission in basis points.' })
  commissionBps!: number;

  @Field(() => Int, { description: 'Commission in minor units.' })
  commission!: number;

  @Field(() => Int, { description: 'Transferred: subtotal − commission, in minor units.' })
  amount!: number;

  @Field()
  currency!: string;

  @Field(() => TransferStatusValue)
  status!: string;

  @Field(() => ReversalStatusValue)
  reversalStatus!: string;

  @Field(() => Int, {
    description: 'Claimed back after refunds, in minor units (including reversals being retried).',
  })
  reversedAmount!: number;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class SellerTransferConnection extends ConnectionType(SellerTransfer) {}

export function toPayoutAccount(row: PayoutAccountRow): PayoutAccount {
  return {
    accountId: row.providerAccountId,
    chargesEnabled: row.chargesEnabled,
    payoutsEnabled: row.payoutsEnabled,
    detailsSubmitted: row.detailsSubmitted,
    requirementsDue: row.requirementsDue,
    transfersEnabled: row.transfersActive,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toSellerTransfer(row: TransferRow): SellerTransfer {
  return {
    id: row.id,
    buyerOrderId: row.buyerOrderId,
    sellerOrderId: row.sellerOrderId,
    subtotal: row.subtotal,
    commissionBps: row.commissionBps,
    commission: row.commission,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    reversalStatus: row.reversalStatus,
    reversedAmount: row.reversedAmount,
    createdAt: row.createdAt,
  };
}
