import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectLogger, type Logger } from '@marketplace/observability';
import type { InventoryConfig } from '../config';
import { INVENTORY_CONFIG } from '../infrastructure.module';
import { ReservationsService } from './reservations.service';

/** Releases expired reservations periodically, so abandoned checkouts give their units back. */
@Injectable()
export class ReservationExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly reservations: ReservationsService,
    @Inject(INVENTORY_CONFIG) private readonly config: InventoryConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.RESERVATION_SWEEP_INTERVAL_MS;
    if (interval === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
        });
    }, interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; safe on several replicas at once, since each release locks its reservation row. */
  async sweep(now = new Date()): Promise<number> {
    try {
      const released = await this.reservations.releaseExpired(now);
      if (released > 0) this.logger.info({ released }, 'expired reservations released');
      return released;
    } catch (error) {
      this.logger.error({ err: error }, 'reservation expiry sweep failed');
      return 0;
    }
  }
}
