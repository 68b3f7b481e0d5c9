import { Injectable } from '@nestjs/common';
import { type Sweeper } from '@marketplace/service-kit';
import { acrossTenants } from '@marketplace/tenancy';
import { RefundService } from './refund.service';
import { SettlementService } from './settlement.service';

/** A refund younger than this may still be waiting for the provider's answer in the request that made it. */
const REFUND_IN_FLIGHT_MS = 5 * 60_000;

/**
 * Retries what the provider refused earlier (pending transfers, failed transfer reversals) and finishes refunds an
 * interruption left pending.
 */
@Injectable()
export class PaymentSweeper implements Sweeper {
  constructor(
    private readonly settlement: SettlementService,
    private readonly refunds: RefundService,
  ) {}

  /** One pass; returns how many transfers, reversals and interrupted refunds were retried. */
  sweep(now = new Date()): Promise<{ transfers: number; reversals: number; refunds: number }> {
    return acrossTenants('payments.retry-transfers-reversals-and-refunds', async () => ({
      transfers: await this.settlement.retryPending(),
      reversals: await this.refunds.retryReversals(),
      refunds: await this.refunds.reconcilePending(new Date(now.getTime() - REFUND_IN_FLIGHT_MS)),
    }));
  }
}
