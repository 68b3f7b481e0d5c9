import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Dispute } from '../disputes/disputes.resolver';
import { SellerLedgerEntry } from '../ledger/seller-ledger.model';
import type { PaymentRow, RefundRow } from '../payments/payment.schema';
import type { TransferRow } from '../payments/transfer.schema';
import { HeldFunds } from '../payout-issues/payout-issues.model';
import type { PayoutAccountRow } from '../payouts/payout-account.schema';

@ObjectType({ description: "One seller's share of a checkout: what the platform transfers to it." })
export class OrderTransfer {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The seller (tenant) id.' }) sellerId!: string;
  @Field(() => ID) sellerOrderId!: string;
  @Field(() => Int, { description: 'Minor units: the seller order subtotal.' }) subtotal!: number;
  @Field(() => Int, { description: 'Commission frozen at sale, in basis points.' }) commissionBps!: number;
  @Field(() => Int) commission!: number;
  @Field(() => Int, { description: 'Subtotal minus commission: the seller share.' }) amount!: number;
  @Field() currency!: string;
  @Field({ description: 'pending | held | created | not_required' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Stripe transfer (tr_…).' })
  providerTransferId!: string | null;
  @Field(() => Int) attempts!: number;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Int, { description: 'Taken back from the seller by refunds and disputes.' })
  reversedAmount!: number;
  @Field({ description: 'none | pending | failed | succeeded' }) reversalStatus!: string;
}

@ObjectType({ description: 'A refund of (part of) a checkout to the buyer.' })
export class OrderRefund {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'The seller order refunded; null for a whole checkout.' })
  sellerOrderId!: string | null;
  @Field(() => Int) amount!: number;
  @Field() currency!: string;
  @Field({ description: 'pending | succeeded | failed' }) status!: string;
  @Field(() => String, { nullable: true }) providerRefundId!: string | null;
  @Field(() => String, { nullable: true }) failureReason!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType({
  description: "A buyer order's money as platform admins see it: payment, transfers, refunds, disputes.",
})
export class OrderPayment {
  @Field(() => ID) id!: string;
  @Field(() => ID) buyerOrderId!: string;
  @Field({ description: 'stripe | test' }) provider!: string;
  @Field({ description: 'The provider payment (pi_…).' }) intentId!: string;
  @Field({ description: 'The payment state.' }) status!: string;
  @Field(() => Int, { description: 'Charged, minor units.' }) amount!: number;
  @Field() currency!: string;
  @Field(() => Int, { description: 'Refunded so far (succeeded refunds).' }) refunded!: number;
  @Field(() => String, { nullable: true }) failureReason!: string | null;
  @Field() createdAt!: Date;
  @Field(() => [OrderTransfer], { description: 'One per seller order.' }) transfers!: OrderTransfer[];
  @Field(() => [OrderRefund], { description: 'Oldest first.' }) refunds!: OrderRefund[];
  @Field(() => [Dispute], { description: 'Oldest first.' }) disputes!: Dispute[];
}

@ObjectType({ description: "What the platform owes one currency's worth of a seller." })
export class SellerBalance {
  @Field() currency!: string;
  @Field(() => Float, {
    description: 'Integer minor units the platform owes the seller and has not transferred.',
  })
  balance!: number;
}

@ObjectType({ description: "A seller's money at the platform for its admin detail page." })
export class SellerLedgerOverview {
  @Field(() => [SellerBalance], { description: 'One per currency the seller has moved money in.' })
  balances!: SellerBalance[];
  @Field(() => [HeldFunds], { description: 'Shares held because the seller may not receive money yet.' })
  held!: HeldFunds[];
  @Field(() => [SellerLedgerEntry], { description: 'The latest entries, newest first.' })
  entries!: SellerLedgerEntry[];
}

export function toOrderTransfer(row: TransferRow): OrderTransfer {
  return {
    id: row.id,
    sellerId: row.tenantId,
    sellerOrderId: row.sellerOrderId,
    subtotal: row.subtotal,
    commissionBps: row.commissionBps,
    commission: row.commission,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    providerTransferId: row.providerTransferId,
    attempts: row.attempts,
    lastError: row.lastError,
    reversedAmount: row.reversedAmount,
    reversalStatus: row.reversalStatus,
  };
}

export function toOrderRefund(row: RefundRow): OrderRefund {
  return {
    id: row.id,
    sellerOrderId: row.sellerOrderId,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    providerRefundId: row.providerRefundId,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
  };
}

export function paymentFields(
  row: PaymentRow,
  refunds: RefundRow[],
): Omit<OrderPayment, 'transfers' | 'refunds' | 'disputes'> {
  return {
    id: row.id,
    buyerOrderId: row.buyerOrderId,
    provider: row.provider,
    intentId: row.intentId,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    refunded: refunds
      .filter((refund) => refund.status === 'succeeded')
      .reduce((sum, refund) => sum + refund.amount, 0),
    failureReason: row.failureReason,
    createdAt: row.createdAt,
  };
}

export const PayoutAccountStateValue = {
  NO_ACCOUNT: 'no_account',
  REQUIREMENTS_DUE: 'requirements_due',
  IN_REVIEW: 'in_review',
  TRANSFERS_ENABLED: 'transfers_enabled',
} as const;
type PayoutAccountState = (typeof PayoutAccountStateValue)[keyof typeof PayoutAccountStateValue];
registerEnumType(PayoutAccountStateValue, {
  name: 'PayoutAccountState',
  description:
    "A seller's payout account (KYC) as the provider last reported it: no_account before onboarding; " +
    'requirements_due while the provider needs information; in_review when nothing is due but transfers are ' +
    'not enabled yet; transfers_enabled once the seller can receive its shares (ADR 0016).',
});

@ObjectType({ description: "One seller's payout account (KYC) state, for the admins' applications queue." })
export class SellerPayoutAccount {
  @Field(() => ID, { description: 'The seller (tenant) id.' }) sellerId!: string;
  @Field(() => PayoutAccountStateValue) state!: PayoutAccountState;
  @Field(() => String, { nullable: true, description: "The provider's account id; null before onboarding." })
  accountId!: string | null;
  @Field(() => [String], { description: 'Requirement names the provider still needs, past due first.' })
  requirementsDue!: string[];
  @Field() payoutsEnabled!: boolean;
  @Field() detailsSubmitted!: boolean;
  @Field(() => Date, { nullable: true, description: 'When the provider last reported on the account.' })
  updatedAt!: Date | null;
}

export function toSellerPayoutAccount(
  sellerId: string,
  row: PayoutAccountRow | undefined,
): SellerPayoutAccount {
  if (!row)
    return {
      sellerId,
      state: 'no_account',
      accountId: null,
      requirementsDue: [],
      payoutsEnabled: false,
      detailsSubmitted: false,
      updatedAt: null,
    };
  const state: PayoutAccountState = row.transfersActive
    ? 'transfers_enabled'
    : row.requirementsDue.length > 0
      ? 'requirements_due'
      : 'in_review';
  return {
    sellerId,
    state,
    accountId: row.providerAccountId,
    requirementsDue: row.requirementsDue,
    payoutsEnabled: row.payoutsEnabled,
    detailsSubmitted: row.detailsSubmitted,
    updatedAt: row.updatedAt,
  };
}
