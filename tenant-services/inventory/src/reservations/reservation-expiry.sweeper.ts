import { Injectable } from '@nestjs/common';
import { InjectLogger, type Logger } from '@marketplace/observability';
import type { Sweeper } from '@marketplace/service-kit';
import { ReservationsService } from './reservations.service';

/** Releases expired reservations periodically, so abandoned checkouts give their units back. */
@Injectable()
export class ReservationExpirySweeper implements Sweeper {
  constructor(
    private readonly reservations: ReservationsService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** One pass; safe on several replicas at once, since each release locks its reservation row. */
  async sweep(now = new Date()): Promise<number> {
    const released = await this.reservations.releaseExpired(now);
    if (released > 0) this.logger.info({ released }, 'expired reservations released');
    return released;
  }
}
