import { Module } from '@nestjs/common';
import { ReservationExpirySweeper } from './reservation-expiry.sweeper';
import { ReservationsController } from './reservations.controller';
import { ReservationsService } from './reservations.service';

@Module({
  controllers: [ReservationsController],
  providers: [ReservationsService, ReservationExpirySweeper],
})
export class ReservationsModule {}
