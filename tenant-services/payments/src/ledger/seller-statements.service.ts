import { Injectable } from '@nestjs/common';
import { tenantRepository } from '@marketplace/tenancy';
import { type CreatedAtPosition, MySqlDatabase } from '@marketplace/service-kit';
import { and, asc, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { ledgerTotalsByKind } from './seller-ledger.repository';
import {
  MEMO_KINDS,
  SELLER_LEDGER_KINDS,
  type SellerLedgerEntryRow,
  type SellerLedgerKind,
  sellerLedgerEntries,
} from './seller-ledger.schema';

export interface SellerStatement {
  month: string;
  currency: string;
  openingBalance: number;
  closingBalance: number;
  /** Signed sum per kind over the month (memo kinds: the amounts they concern). */
  totals: Record<SellerLedgerKind, number>;
  /** Net money sent to the seller's account: transfers minus reversals (reconciles with Stripe). */
  transferred: number;
  entryCount: number;
}

/** The current tenant's ledger pages and monthly statements (UTC months). */
@Injectable()
export class SellerStatementsService {
  constructor(private readonly database: MySqlDatabase) {}

  /** Newest first. */
  page(first: number, after: CreatedAtPosition | undefined): Promise<SellerLedgerEntryRow[]> {
    const position: SQL | undefined = after
      ? or(
          lt(sellerLedgerEntries.createdAt, after.createdAt),
          and(eq(sellerLedgerEntries.createdAt, after.createdAt), lt(sellerLedgerEntries.id, after.id)),
        )
      : undefined;
    return tenantRepository(this.database.db, sellerLedgerEntries).findMany(position, {
      orderBy: [desc(sellerLedgerEntries.createdAt), desc(sellerLedgerEntries.id)],
      limit: first,
    });
  }

  /** One statement per currency the tenant moved money in during `month` (YYYY-MM). */
  async statements(month: string): Promise<SellerStatement[]> {
    const { start, end } = monthRange(month);
    const sums = await ledgerTotalsByKind(this.database.db, inMonth(start, end));
    const currencies = [...new Set(sums.map((row) => row.currency))].sort();
    return Promise.all(
      currencies.map(async (currency) => {
        const totals = Object.fromEntries(SELLER_LEDGER_KINDS.map((kind) => [kind, 0])) as Record<
          SellerLedgerKind,
          number
        >;
        let entryCount = 0;
        for (const row of sums.filter((candidate) => candidate.currency === currency)) {
          totals[row.kind] = Number(row.total);
          entryCount += row.entries;
        }
        const [before] = await tenantRepository(this.database.db, sellerLedgerEntries).findMany(
          and(eq(sellerLedgerEntries.currency, currency), lt(sellerLedgerEntries.createdAt, start)),
          { orderBy: [desc(sellerLedgerEntries.createdAt), desc(sellerLedgerEntries.id)], limit: 1 },
        );
        const openingBalance = before?.balanceAfter ?? 0;
        const moved = SELLER_LEDGER_KINDS.filter((kind) => !MEMO_KINDS.includes(kind)).reduce(
          (sum, kind) => sum + totals[kind],
          0,
        );
        return {
          month,
          currency,
          openingBalance,
          closingBalance: openingBalance + moved,
          totals,
          transferred: -totals.payout - totals.reversal,
          entryCount,
        };
      }),
    );
  }

  /** Every entry of the month, oldest first (the CSV statement). */
  entriesOf(month: string): Promise<SellerLedgerEntryRow[]> {
    const { start, end } = monthRange(month);
    return tenantRepository(this.database.db, sellerLedgerEntries).findMany(inMonth(start, end), {
      orderBy: [asc(sellerLedgerEntries.createdAt), asc(sellerLedgerEntries.id)],
    });
  }
}

const CSV_COLUMNS = [
  'id',
  'created_at',
  'kind',
  'currency',
  'amount',
  'balance_after',
  'buyer_order_id',
  'seller_order_id',
  'provider_ref',
] as const;

/** RFC 4180 CSV, amounts in minor units; every value is ours (ids, kinds, numbers), none needs quoting. */
export function statementCsv(rows: SellerLedgerEntryRow[]): string {
  const lines = rows.map((row) =>
    [
      row.id,
      row.createdAt.toISOString(),
      row.kind,
      row.currency,
      row.amount,
      row.balanceAfter,
      row.buyerOrderId,
      row.sellerOrderId,
      row.providerRef ?? '',
    ].join(','),
  );
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

export function monthRange(month: string): { start: Date; end: Date } {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return {
    start: new Date(Date.UTC(year, monthNumber - 1, 1)),
    end: new Date(Date.UTC(year, monthNumber, 1)),
  };
}

function inMonth(start: Date, end: Date): SQL {
  return and(gte(sellerLedgerEntries.createdAt, start), lt(sellerLedgerEntries.createdAt, end)) as SQL;
}
