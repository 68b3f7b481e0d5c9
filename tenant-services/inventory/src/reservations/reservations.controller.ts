import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { InternalOnly } from '@marketplace/auth';
import type { ReservationView } from '@marketplace/contracts';
import { toReservationView } from './reservation.view';
import { ReservationsService } from './reservations.service';

/**
 * Internal API of the checkout saga (orders service), not routed by the gateway. Errors: 400 bad input or
 * unknown sku, 404 unknown reservation, 409 insufficient stock (nothing reserved) or a state conflict.
 */
@InternalOnly()
@Controller('internal/v1/reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Post()
  @HttpCode(201)
  async reserve(@Body() body: unknown): Promise<ReservationView> {
    return toReservationView(await this.reservations.reserve(body));
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<ReservationView> {
    return toReservationView(await this.reservations.get(id));
  }

  @Post(':id/confirm')
  @HttpCode(200)
  async confirm(@Param('id') id: string): Promise<ReservationView> {
    return toReservationView(await this.reservations.confirm(id));
  }

  @Post(':id/release')
  @HttpCode(200)
  async release(@Param('id') id: string): Promise<ReservationView> {
    return toReservationView(await this.reservations.release(id));
  }
}
