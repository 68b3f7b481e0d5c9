import type { ReservationRow, ReservedLine } from './reservation.schema';

/** The REST representation of a reservation. */
export interface ReservationView {
  reservationId: string;
  status: ReservationRow['status'];
  expiresAt: string;
  lines: ReservedLine[];
}

export function toReservationView(row: ReservationRow): ReservationView {
  return {
    reservationId: row.id,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    lines: row.lines,
  };
}
