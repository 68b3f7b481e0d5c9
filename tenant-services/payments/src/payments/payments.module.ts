import { Module } from '@nestjs/common';
import { periodicJob } from '@marketplace/service-kit';
import type { PaymentsConfig } from '../config';
import { PAYMENTS_CONFIG } from '../config.token';
import { InternalPaymentsController } from '../internal/internal-payments.controller';
import { PaymentService } from './payment.service';
import { PayoutHealthMetric } from './payout-health.metric';
import { RefundService } from './refund.service';
import { SettlementService } from './settlement.service';
import { PaymentSweeper } from './sweeper';

@Module({
  providers: [
    PaymentService,
    SettlementService,
    RefundService,
    PaymentSweeper,
    PayoutHealthMetric,
    periodicJob('payment-retry-sweep', PaymentSweeper, {
      config: PAYMENTS_CONFIG,
      intervalMs: (config: PaymentsConfig) => config.SWEEP_INTERVAL_MS,
    }),
  ],
  controllers: [InternalPaymentsController],
  exports: [PaymentService, SettlementService, RefundService, PaymentSweeper],
})
export class PaymentsModule {}
