import { Module } from '@nestjs/common';
import { periodicJob } from '@marketplace/service-kit';
import type { InventoryConfig } from '../config';
import { INVENTORY_CONFIG } from '../infrastructure.module';
import { ReservationExpirySweeper } from './reservation-expiry.sweeper';
import { ReservationsController } from './reservations.controller';
import { ReservationsService } from './reservations.service';

@Module({
  controllers: [ReservationsController],
  providers: [
    ReservationsService,
    ReservationExpirySweeper,
    periodicJob('reservation-expiry-sweep', ReservationExpirySweeper, {
      config: INVENTORY_CONFIG,
      intervalMs: (config: InventoryConfig) => config.RESERVATION_SWEEP_INTERVAL_MS,
    }),
  ],
})
export class ReservationsModule {}
