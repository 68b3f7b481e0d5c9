import { Module } from '@nestjs/common';
import { SellerLedgerResolver } from '../ledger/seller-ledger.resolver';
import { SellerStatementController } from '../ledger/seller-statement.controller';
import { SellerStatementsService } from '../ledger/seller-statements.service';
import { PayoutResolver } from './payout.resolver';
import { PayoutService } from './payout.service';

@Module({
  providers: [PayoutService, PayoutResolver, SellerStatementsService, SellerLedgerResolver],
  controllers: [SellerStatementController],
  exports: [PayoutService],
})
export class PayoutsModule {}
