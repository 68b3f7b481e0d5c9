import { Module } from '@nestjs/common';
import { InternalPaymentsController } from '../internal/internal-payments.controller';
import { PaymentService } from './payment.service';
import { RefundService } from './refund.service';
import { SettlementService } from './settlement.service';
import { PaymentSweeper } from './sweeper';

@Module({
  providers: [PaymentService, SettlementService, RefundService, PaymentSweeper],
  controllers: [InternalPaymentsController],
  exports: [PaymentService, SettlementService, RefundService, PaymentSweeper],
})
export class PaymentsModule {}
