import { Inject, Injectable } from '@nestjs/common';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { PeriodicJobs } from '@marketplace/service-kit';
import type { InventoryConfig } from '../config';
import { INVENTORY_CONFIG } from '../infrastructure.module';
import { ReservationsService } from './reservations.service';

/** Releases expired reservations periodically, so abandoned checkouts give their units back. */
@Injectable()
export class ReservationExpirySweeper {
  constructor(
    private readonly reservations: ReservationsService,
    @Inject(INVENTORY_CONFIG) config: InventoryConfig,
    @InjectLogger() private readonly logger: Logger,
    jobs: PeriodicJobs,
  ) {
    jobs.add({
      name: 'reservation-expiry-sweep',
      intervalMs: config.RESERVATION_SWEEP_INTERVAL_MS,
      run: () => this.sweep(),
    });
  }

  /** One pass; safe on several replicas at once, since each release locks its reservation row. */
  async sweep(now = new Date()): Promise<number> {
    const released = await this.reservations.releaseExpired(now);
    if (released > 0) this.logger.info({ released }, 'expired reservations released');
    return released;
  }
}
