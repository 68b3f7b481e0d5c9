import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { OrdersConfig } from '../config';
import { ORDERS_CONFIG } from '../config.token';
import { openCheckouts } from '../orders/order.repository';
import { CheckoutSaga } from './checkout-saga';

const BATCH = 100;

/**
 * Resumes checkouts a crash or an unreachable service left unfinished: settles paid ones, releases stock of
 * cancelled ones, asks payments about waiting ones and cancels those past their deadline.
 */
@Injectable()
export class SagaSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly database: MySqlDatabase,
    private readonly saga: CheckoutSaga,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SAGA_SWEEP_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => void this.sweep(), this.config.SAGA_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many unfinished checkouts it looked at. */
  sweep(now = new Date()): Promise<number> {
    this.running ??= this.pass(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(now: Date): Promise<number> {
    const open = await openCheckouts(this.database.db, BATCH);
    for (const order of open) {
      try {
        await this.saga.resume(order, now);
      } catch (error) {
        this.logger.warn(
          { err: error, buyerOrderId: order.id },
          'saga step failed; retried on the next sweep',
        );
      }
    }
    return open.length;
  }
}
