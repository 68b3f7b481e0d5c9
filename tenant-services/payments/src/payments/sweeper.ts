import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@marketplace/observability';
import { acrossTenants } from '@marketplace/service-kit';
import type { PaymentsConfig } from '../config';
import { PAYMENTS_CONFIG } from '../config.token';
import { RefundService } from './refund.service';
import { SettlementService } from './settlement.service';

/** A refund younger than this may still be waiting for the provider's answer in the request that made it. */
const REFUND_IN_FLIGHT_MS = 5 * 60_000;

/**
 * Retries what the provider refused earlier (pending transfers, failed transfer reversals) and finishes refunds an
 * interruption left pending.
 */
@Injectable()
export class PaymentSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly settlement: SettlementService,
    private readonly refunds: RefundService,
    @Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SWEEP_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((error: unknown) => this.logger.error({ err: error }, 'payment sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.config.SWEEP_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many transfers, reversals and interrupted refunds were retried. */
  sweep(now = new Date()): Promise<{ transfers: number; reversals: number; refunds: number }> {
    return acrossTenants(async () => ({
      transfers: await this.settlement.retryPending(),
      reversals: await this.refunds.retryReversals(),
      refunds: await this.refunds.reconcilePending(new Date(now.getTime() - REFUND_IN_FLIGHT_MS)),
    }));
  }
}
