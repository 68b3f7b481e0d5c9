import { Module } from '@nestjs/common';
import { PayoutIssuesModule } from '../payout-issues/payout-issues.module';
import { BackOfficeRepository } from './back-office.repository';
import { BackOfficeResolver } from './back-office.resolver';

/** Platform admins: an order's money and a seller's ledger, read across tenants and audited. */
@Module({ imports: [PayoutIssuesModule], providers: [BackOfficeRepository, BackOfficeResolver] })
export class BackOfficeModule {}
