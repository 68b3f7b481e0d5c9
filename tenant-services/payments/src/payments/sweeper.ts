import { acrossTenants } from '@marketplace/tenancy';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@marketplace/observability';
import type { PaymentsConfig } from '../config';
import { PAYMENTS_CONFIG } from '../config.token';
import { RefundService } from './refund.service';
import { SettlementService } from './settlement.service';

/** Retries what the provider refused earlier: pending transfers and failed transfer reversals. */
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

  /** One pass; returns how many transfers and reversals were retried. */
  sweep(): Promise<{ transfers: number; reversals: number }> {
    return acrossTenants('payments.retry-transfers-and-reversals', async () => ({
      transfers: await this.settlement.retryPending(),
      reversals: await this.refunds.retryReversals(),
    }));
  }
}
