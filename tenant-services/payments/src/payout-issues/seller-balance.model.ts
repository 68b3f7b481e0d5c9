import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { HOLD_REASONS, holdReasonCode } from '../payments/hold-reasons';

@ObjectType({ description: 'Part of the seller’s balance held back, and why.' })
export class HeldReason {
  @Field({
    description:
      'Why it is held, as operators read it, e.g. "The seller has no payout account yet", "The seller is suspended", or an open dispute.',
  })
  reason!: string;
  @Field({
    description:
      'Why it is held, as a stable code: NO_PAYOUT_ACCOUNT, VERIFICATION_PENDING, NOT_APPROVED, SUSPENDED, REJECTED, DISPUTE or OTHER.',
  })
  code!: string;
  @Field(() => Float, { description: 'Integer minor units.' }) amount!: number;
  @Field(() => Int, { description: 'How many order shares (or disputes) make it up.' }) count!: number;
}

@ObjectType({ description: "The seller's own money at the platform in one currency (ledger balance)." })
export class PayoutBalance {
  @Field() currency!: string;
  @Field(() => Float, {
    description:
      'Integer minor units the platform owes the seller and has not transferred yet (ledger balance).',
  })
  balance!: number;
  @Field(() => Float, { description: 'Part of the balance held back until the seller may receive it.' })
  held!: number;
  @Field(() => Float, { description: 'balance − held: what is transferred as the orders settle.' })
  available!: number;
  @Field(() => Float, {
    description:
      'Taken back while disputes are open (already out of the balance); paid again if the platform wins.',
  })
  disputed!: number;
  @Field(() => [HeldReason], { description: 'What is held (and disputed) and why, largest first.' })
  heldFunds!: HeldReason[];
}

export const DISPUTE_HOLD_REASON = HOLD_REASONS.DISPUTE;

/** Joins the ledger balances, the held shares by reason and the open disputes into one entry per currency. */
export function toPayoutBalances(
  balances: { currency: string; balance: number }[],
  held: { currency: string; amount: number; transfers: number; reason: string | null }[],
  disputed: { currency: string; amount: number; count: number }[],
): PayoutBalance[] {
  const currencies = [...new Set([...balances, ...held, ...disputed].map((row) => row.currency))].sort();
  return currencies.map((currency) => {
    const heldHere = held.filter((row) => row.currency === currency);
    const dispute = disputed.find((row) => row.currency === currency);
    const balance = balances.find((row) => row.currency === currency)?.balance ?? 0;
    const heldAmount = heldHere.reduce((sum, row) => sum + row.amount, 0);
    return {
      currency,
      balance,
      held: heldAmount,
      available: balance - heldAmount,
      disputed: dispute?.amount ?? 0,
      heldFunds: [
        ...heldHere.map((row) => ({
          reason: row.reason ?? 'Held until the seller may receive money',
          code: holdReasonCode(row.reason),
          amount: row.amount,
          count: row.transfers,
        })),
        ...(dispute && dispute.amount > 0
          ? [{ reason: DISPUTE_HOLD_REASON, code: 'DISPUTE', amount: dispute.amount, count: dispute.count }]
          : []),
      ].sort((a, b) => b.amount - a.amount),
    };
  });
}
