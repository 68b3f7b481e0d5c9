export interface Statement {
  month: string;
  currency: string;
  openingBalance: number;
  sales: number;
  commission: number;
  refunds: number;
  payouts: number;
  reversals: number;
  disputes: number;
  closingBalance: number;
  transferred: number;
  entryCount: number;
}

export const STATEMENT_FIELDS =
  'month currency openingBalance sales commission refunds payouts reversals disputes closingBalance transferred entryCount';

/** `count` UTC months (YYYY-MM) ending with the month `before` months back from `now`, newest first. */
export function monthsBack(now: Date, count: number, before = 0): string[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - before - i, 1));
    return at.toISOString().slice(0, 7);
  });
}

/** One GraphQL document asking for the statements of every month given (aliases m0, m1, …). */
export function statementsQuery(months: string[]): string {
  return `query Statements { ${months
    .map((month, i) => `m${i}: sellerStatements(month: "${month}") { ${STATEMENT_FIELDS} }`)
    .join(' ')} }`;
}
