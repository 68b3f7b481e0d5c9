import { Injectable } from '@nestjs/common';
import { type Sweeper } from '@marketplace/service-kit';
import { acrossTenants } from '@marketplace/tenancy';
import { RefundService } from './refund.service';
import { SettlementService } from './settlement.service';

/** Retries what the provider refused earlier: pending transfers and failed transfer reversals. */
@Injectable()
export class PaymentSweeper implements Sweeper {
  constructor(
    private readonly settlement: SettlementService,
    private readonly refunds: RefundService,
  ) {}

  /** One pass; returns how many transfers and reversals were retried. */
  sweep(): Promise<{ transfers: number; reversals: number }> {
    return acrossTenants('payments.retry-transfers-and-reversals', async () => ({
      transfers: await this.settlement.retryPending(),
      reversals: await this.refunds.retryReversals(),
    }));
  }
}
