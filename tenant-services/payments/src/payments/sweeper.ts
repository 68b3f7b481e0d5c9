import { Inject, Injectable } from '@nestjs/common';
import { acrossTenants, PeriodicJobs } from '@marketplace/service-kit';
import type { PaymentsConfig } from '../config';
import { PAYMENTS_CONFIG } from '../config.token';
import { RefundService } from './refund.service';
import { SettlementService } from './settlement.service';

/** Retries what the provider refused earlier: pending transfers and failed transfer reversals. */
@Injectable()
export class PaymentSweeper {
  constructor(
    private readonly settlement: SettlementService,
    private readonly refunds: RefundService,
    @Inject(PAYMENTS_CONFIG) config: PaymentsConfig,
    jobs: PeriodicJobs,
  ) {
    jobs.add({ name: 'payment-retry-sweep', intervalMs: config.SWEEP_INTERVAL_MS, run: () => this.sweep() });
  }

  /** One pass; returns how many transfers and reversals were retried. */
  sweep(): Promise<{ transfers: number; reversals: number }> {
    return acrossTenants(async () => ({
      transfers: await this.settlement.retryPending(),
      reversals: await this.refunds.retryReversals(),
    }));
  }
}
