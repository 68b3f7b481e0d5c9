import type { MySqlDb } from '@marketplace/events';
import type { TenantDataStore } from '@marketplace/offboarding';
import { eq, like } from 'drizzle-orm';
import { reservations } from './reservation.schema';

/**
 * A seller's lines in checkouts' reservations. Reservations are platform records spanning sellers (no tenant
 * column), so offboarding is told about them here: the seller's lines leave each reservation, and a
 * reservation left without lines goes.
 */
export function tenantReservationData(): TenantDataStore<MySqlDb> {
  const naming = (tx: MySqlDb, tenantId: string) =>
    tx
      .select()
      .from(reservations)
      .where(like(reservations.lines, `%${tenantId}%`));
  return {
    async exportFiles(tenantId, tx) {
      const rows = await naming(tx, tenantId);
      return [
        {
          name: 'reservation_lines',
          records: rows.flatMap((row) =>
            row.lines
              .filter((line) => line.tenantId === tenantId)
              .map((line) => ({
                reservationId: row.id,
                status: row.status,
                createdAt: row.createdAt,
                ...line,
              })),
          ),
        },
      ];
    },
    async erase(tenantId, tx) {
      let deleted = 0;
      let trimmed = 0;
      for (const row of await naming(tx, tenantId)) {
        const remaining = row.lines.filter((line) => line.tenantId !== tenantId);
        if (remaining.length === row.lines.length) continue;
        if (remaining.length === 0) {
          await tx.delete(reservations).where(eq(reservations.id, row.id));
          deleted += 1;
        } else {
          await tx.update(reservations).set({ lines: remaining }).where(eq(reservations.id, row.id));
          trimmed += 1;
        }
      }
      return {
        deleted: { reservations: deleted, 'reservation-lines-removed-from': trimmed },
        anonymized: {},
      };
    },
  };
}
