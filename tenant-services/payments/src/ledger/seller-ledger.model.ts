import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '@marketplace/service-kit';
import type { SellerLedgerEntryRow } from './seller-ledger.schema';
import type { SellerStatement as Statement } from './seller-statements.service';

@ObjectType({ description: "One movement of the seller's balance at the platform (append-only)." })
export class SellerLedgerEntry {
  @Field(() => ID) id!: string;
  @Field({ description: 'sale | commission | payout | refund | reversal | hold | release | dispute' })
  kind!: string;
  @Field(() => Int, { description: 'Signed minor units (hold and release are memos: the amount concerned).' })
  amount!: number;
  @Field() currency!: string;
  @Field(() => Int, { description: 'What the platform owes the seller after this entry.' })
  balanceAfter!: number;
  @Field() buyerOrderId!: string;
  @Field() sellerOrderId!: string;
  @Field(() => String, { nullable: true, description: 'Stripe object (tr_, trr_, re_) behind the entry.' })
  providerRef!: string | null;
  @Field() createdAt!: Date;
}

@ObjectType()
export class SellerLedgerConnection {
  @Field(() => [SellerLedgerEntry]) nodes!: SellerLedgerEntry[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'A UTC month of the ledger in one currency; the CSV lists its entries.' })
export class SellerStatement {
  @Field({ description: 'YYYY-MM' }) month!: string;
  @Field() currency!: string;
  @Field(() => Int) openingBalance!: number;
  @Field(() => Int) sales!: number;
  @Field(() => Int, {
    description: 'Negative: commission kept; positive parts are commission given back on refunds.',
  })
  commission!: number;
  @Field(() => Int) refunds!: number;
  @Field(() => Int, { description: 'Transfers to the seller (negative).' }) payouts!: number;
  @Field(() => Int, { description: 'Transfer reversals (positive).' }) reversals!: number;
  @Field(() => Int) disputes!: number;
  @Field(() => Int, { description: 'Memo: shares held this month.' }) held!: number;
  @Field(() => Int, { description: 'Memo: holds released this month.' }) released!: number;
  @Field(() => Int) closingBalance!: number;
  @Field(() => Int, { description: 'Transfers minus reversals: what reached the Stripe account net.' })
  transferred!: number;
  @Field(() => Int) entryCount!: number;
}

export function toSellerLedgerEntry(row: SellerLedgerEntryRow): SellerLedgerEntry {
  return {
    id: row.id,
    kind: row.kind,
    amount: row.amount,
    currency: row.currency,
    balanceAfter: row.balanceAfter,
    buyerOrderId: row.buyerOrderId,
    sellerOrderId: row.sellerOrderId,
    providerRef: row.providerRef,
    createdAt: row.createdAt,
  };
}

export function toSellerStatement(statement: Statement): SellerStatement {
  const { totals } = statement;
  return {
    month: statement.month,
    currency: statement.currency,
    openingBalance: statement.openingBalance,
    sales: totals.sale,
    commission: totals.commission,
    refunds: totals.refund,
    payouts: totals.payout,
    reversals: totals.reversal,
    disputes: totals.dispute,
    held: totals.hold,
    released: totals.release,
    closingBalance: statement.closingBalance,
    transferred: statement.transferred,
    entryCount: statement.entryCount,
  };
}
