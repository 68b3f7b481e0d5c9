import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { PayoutIssuesRepository } from './payout-issues.repository';
import { PayoutIssuesResolver } from './payout-issues.resolver';

/** Platform admins: held funds, failed transfers and their retry. */
@Module({
  imports: [PaymentsModule],
  providers: [PayoutIssuesRepository, PayoutIssuesResolver],
  exports: [PayoutIssuesRepository],
})
export class PayoutIssuesModule {}
