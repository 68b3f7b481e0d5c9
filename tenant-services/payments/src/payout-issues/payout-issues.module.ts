import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { PayoutIssuesRepository } from './payout-issues.repository';
import { PayoutIssuesResolver } from './payout-issues.resolver';
import { SellerBalanceResolver } from './seller-balance.resolver';

/** Platform admins: held funds, failed transfers and their retry; sellers: their own balance and held funds. */
@Module({
  imports: [PaymentsModule],
  providers: [PayoutIssuesRepository, PayoutIssuesResolver, SellerBalanceResolver],
  exports: [PayoutIssuesRepository],
})
export class PayoutIssuesModule {}
