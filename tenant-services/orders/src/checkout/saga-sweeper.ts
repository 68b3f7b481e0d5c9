import { Injectable } from '@nestjs/common';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { MySqlDatabase, type Sweeper } from '@marketplace/service-kit';
import { openCheckouts } from '../orders/order.repository';
import { CheckoutSaga } from './checkout-saga';

const BATCH = 100;

/**
 * Resumes checkouts a crash or an unreachable service left unfinished: settles paid ones, releases stock of
 * cancelled ones, finishes refunds, asks payments about waiting ones and cancels those past their deadline.
 * Failing checkouts back off and are parked in needs_attention after SAGA_MAX_ATTEMPTS (metric + alert).
 */
@Injectable()
export class SagaSweeper implements Sweeper {
  constructor(
    private readonly database: MySqlDatabase,
    private readonly saga: CheckoutSaga,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** One pass; returns how many unfinished checkouts it looked at. */
  async sweep(now = new Date()): Promise<number> {
    const open = await openCheckouts(this.database.db, BATCH, now);
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
