import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import { and, asc, inArray, isNull, lte, or } from 'drizzle-orm';
import type { OrdersConfig } from '../config';
import { ORDERS_CONFIG } from '../config.token';
import { buyerOrders, OPEN_SAGA_STATES } from '../orders/order.schema';
import { CheckoutSaga } from './checkout-saga';

const BATCH = 100;

/**
 * Resumes checkouts a crash or an unreachable service left unfinished: settles paid ones, releases stock of
 * cancelled ones, finishes refunds, asks payments about waiting ones and cancels those past their deadline.
 * Failing checkouts back off and are parked in needs_attention after SAGA_MAX_ATTEMPTS (metric + alert).
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
    // Only checkouts whose backoff is over, fewest failures first and then the oldest: a checkout that keeps
    // failing waits longer and longer at the back, so no number of stuck ones starves a new checkout.
    const open = await this.database.db
      .select()
      .from(buyerOrders)
      .where(
        and(
          inArray(buyerOrders.sagaState, OPEN_SAGA_STATES),
          or(isNull(buyerOrders.nextSweepAt), lte(buyerOrders.nextSweepAt, now)),
        ),
      )
      .orderBy(asc(buyerOrders.sweepAttempts), asc(buyerOrders.sagaDeadline))
      .limit(BATCH);
    for (const order of open) {
      try {
        await this.saga.resume(order, now);
      } catch (error) {
        this.logger.warn(
          { err: error, buyerOrderId: order.id, attempt: order.sweepAttempts + 1 },
          'saga step failed; retried after a backoff',
        );
        await this.saga.recordSweepFailure(order, error, now);
      }
    }
    return open.length;
  }
}
