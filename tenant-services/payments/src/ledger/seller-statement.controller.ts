import { Controller, Get, Header, Param } from '@nestjs/common';
import { CheckAbility } from '@marketplace/auth';
import { ValidationError } from '@marketplace/observability';
import { monthSchema } from './seller-ledger.resolver';
import { SellerStatementsService, statementCsv } from './seller-statements.service';

/** The monthly statement as CSV, for the seller's accounting (seller owner of the tenant in the token). */
@Controller('api/v1/payouts/statements')
export class SellerStatementController {
  constructor(private readonly statements: SellerStatementsService) {}

  @CheckAbility('read', 'Payout')
  @Get(':file')
  @Header('content-type', 'text/csv; charset=utf-8')
  async csv(@Param('file') file: string): Promise<string> {
    const match = /^(.+)\.csv$/.exec(file);
    if (!match) throw new ValidationError('expected /api/v1/payouts/statements/YYYY-MM.csv');
    const month = monthSchema.parse(match[1]);
    return statementCsv(await this.statements.entriesOf(month));
  }
}
