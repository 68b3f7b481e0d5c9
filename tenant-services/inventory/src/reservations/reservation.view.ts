import type { ReservationView } from '@marketplace/contracts';
import type { ReservationRow } from './reservation.schema';

/** The REST representation of a reservation (the contract the checkout saga parses). */
export function toReservationView(row: ReservationRow): ReservationView {
  return {
    reservationId: row.id,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    lines: row.lines,
  };
}
