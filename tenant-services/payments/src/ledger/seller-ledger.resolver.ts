import { CheckAbility } from '@marketplace/auth';
import { createdAtCursor } from '@marketplace/service-kit';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, transferPageSchema } from '../payouts/payout.inputs';
import {
  SellerLedgerConnection,
  SellerStatement,
  toSellerLedgerEntry,
  toSellerStatement,
} from './seller-ledger.model';
import { SellerStatementsService } from './seller-statements.service';

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

/** Seller owners: the tenant's ledger with running balance and its monthly statements. */
@Resolver()
export class SellerLedgerResolver {
  constructor(private readonly statements: SellerStatementsService) {}

  @CheckAbility('read', 'Payout')
  @Query(() => SellerLedgerConnection, { description: "The tenant's ledger, newest first." })
  async sellerLedger(
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<SellerLedgerConnection> {
    const page = transferPageSchema.parse({ first, ...(after ? { after } : {}) });
    const rows = await this.statements.page(
      page.first + 1,
      page.after ? createdAtCursor.decode(page.after) : undefined,
    );
    const nodes = rows.slice(0, page.first);
    const last = nodes.at(-1);
    return {
      nodes: nodes.map(toSellerLedgerEntry),
      pageInfo: {
        hasNextPage: rows.length > page.first,
        endCursor: last ? createdAtCursor.encode(last) : null,
      },
    };
  }

  @CheckAbility('read', 'Payout')
  @Query(() => [SellerStatement], {
    description:
      'Statements of a UTC month (YYYY-MM), one per currency; CSV: GET /api/v1/payouts/statements/{month}.csv (at the gateway /api/v1/payments/payouts/statements/{month}.csv)',
  })
  async sellerStatements(@Args('month') month: string): Promise<SellerStatement[]> {
    return (await this.statements.statements(monthSchema.parse(month))).map(toSellerStatement);
  }
}
