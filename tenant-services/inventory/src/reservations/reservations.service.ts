import { withinTenant } from '@marketplace/tenancy';
import { Inject, Injectable } from '@nestjs/common';
import {
  ReservationConfirmed,
  ReservationCreated,
  ReservationFailed,
  ReservationReleased,
  reservationIdSchema,
  reserveRequestSchema,
  type ReserveRequest,
} from '@marketplace/contracts';
import { enqueue, enqueueAll, type KeyedEvent } from '@marketplace/events';
import {
  InjectLogger,
  type Logger,
  ConflictError,
  NotFoundError,
  ValidationError,
} from '@marketplace/observability';
import type { MySqlDb } from '@marketplace/tenancy';
import { isMySqlDuplicateKey, MySqlDatabase, retryOnLockConflict } from '@marketplace/service-kit';
import { and, asc, eq, lte } from 'drizzle-orm';
import { INVENTORY_CONFIG } from '../infrastructure.module';
import type { InventoryConfig } from '../config';
import { enqueueStockChange, stockChangeEvents } from '../stock/stock.events';
import { availableOf, stockRecords, thresholdRecords } from '../stock/stock.repository';
import { InsufficientStockError, type InsufficientLine } from './insufficient-stock.error';
import { reservations, type ReservationRow, type ReservedLine } from './reservation.schema';

const SWEEP_BATCH = 100;

type ReleaseReason = 'requested' | 'expired';

/**
 * The checkout saga's hold on stock across sellers: reserve (all lines or none), confirm (the units are sold),
 * release (idempotent), and expiry. Each line's stock change runs scoped to that line's tenant.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly database: MySqlDatabase,
    @Inject(INVENTORY_CONFIG) private readonly config: InventoryConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async reserve(input: unknown): Promise<ReservationRow> {
    const request = reserveRequestSchema.parse(input);
    const lines = mergeLines(request.lines);
    try {
      const row = await retryOnLockConflict(() =>
        this.transaction((tx) => this.reserveIn(tx, request, lines)),
      );
      return row;
    } catch (error) {
      if (isMySqlDuplicateKey(error)) return this.get(request.reservationId);
      if (error instanceof InsufficientStockError) {
        await this.database.db.transaction((tx) =>
          enqueue(
            tx,
            ReservationFailed.create(
              { reservationId: request.reservationId, insufficient: error.lines },
              { tenantId: null },
            ),
            {
              key: request.reservationId,
            },
          ),
        );
      }
      throw error;
    }
  }

  async get(id: string): Promise<ReservationRow> {
    const [row] = await this.database.db
      .select()
      .from(reservations)
      .where(eq(reservations.id, reservationIdSchema.parse(id)));
    if (!row) throw new NotFoundError(`No reservation ${id}`);
    return row;
  }

  async confirm(id: string): Promise<ReservationRow> {
    const reservationId = reservationIdSchema.parse(id);
    const row = await retryOnLockConflict(() =>
      this.transaction(async (tx) => {
        const current = await this.lock(tx, reservationId);
        if (current.status === 'confirmed') return current;
        if (current.status === 'released')
          throw new ConflictError(`Reservation ${reservationId} was released and cannot be confirmed`);
        for (const line of current.lines) {
          await withinTenant(line.tenantId, async () => {
            if (!(await stockRecords(tx).consume(line.sku, line.locationId, line.quantity))) {
              throw new Error(`Reserved units of ${line.sku} (tenant ${line.tenantId}) are missing`);
            }
          });
        }
        const confirmed = await this.setStatus(tx, current, 'confirmed');
        await enqueue(
          tx,
          ReservationConfirmed.create({ reservationId, lines: current.lines }, { tenantId: null }),
          { key: reservationId },
        );
        return confirmed;
      }),
    );
    return row;
  }

  /** Idempotent: releasing a released reservation answers it unchanged. A confirmed one cannot be released. */
  async release(id: string, reason: ReleaseReason = 'requested'): Promise<ReservationRow> {
    const reservationId = reservationIdSchema.parse(id);
    const row = await retryOnLockConflict(() =>
      this.transaction(async (tx) => {
        const current = await this.lock(tx, reservationId);
        if (current.status === 'released') return current;
        if (current.status === 'confirmed')
          throw new ConflictError(`Reservation ${reservationId} is confirmed and cannot be released`);
        for (const line of current.lines) {
          await withinTenant(line.tenantId, async () => {
            if (!(await stockRecords(tx).release(line.sku, line.locationId, line.quantity))) {
              throw new Error(`Reserved units of ${line.sku} (tenant ${line.tenantId}) are missing`);
            }
            await enqueueStockChange(tx, line.sku, line.quantity);
          });
        }
        const released = await this.setStatus(tx, current, 'released');
        await enqueue(
          tx,
          ReservationReleased.create({ reservationId, reason, lines: current.lines }, { tenantId: null }),
          {
            key: reservationId,
          },
        );
        return released;
      }),
    );
    return row;
  }

  /** Releases active reservations that expired by `now`; returns how many it released. */
  async releaseExpired(now = new Date()): Promise<number> {
    const expired = await this.database.db
      .select({ id: reservations.id })
      .from(reservations)
      .where(and(eq(reservations.status, 'active'), lte(reservations.expiresAt, now)))
      .orderBy(asc(reservations.expiresAt))
      .limit(SWEEP_BATCH);
    let released = 0;
    for (const { id } of expired) {
      try {
        // Rechecked under the row lock: a confirm may have won the race since the query above.
        const row = await this.release(id, 'expired');
        if (row.status === 'released') released += 1;
      } catch (error) {
        if (!(error instanceof ConflictError))
          this.logger.error({ err: error, reservationId: id }, 'releasing an expired reservation failed');
      }
    }
    return released;
  }

  /**
   * Reserves every line or none. The stock rows of each line are locked as they are read, in the lines' fixed order,
   * so the availability after each change is known exactly without reading them again, and all the transaction's
   * events are written with one statement. Whether the reservation exists already is asked only when stock falls
   * short: otherwise a repeated id ends at the insert (duplicate key), which rolls every change back.
   */
  private async reserveIn(
    tx: MySqlDb,
    request: ReserveRequest,
    lines: RequestedLine[],
  ): Promise<ReservationRow> {
    const unknown: RequestedLine[] = [];
    const insufficient: InsufficientLine[] = [];
    const placed: ReservedLine[] = [];
    const events: KeyedEvent[] = [];
    for (const line of lines) {
      await withinTenant(line.tenantId, async () => {
        const stock = stockRecords(tx);
        const rows = await stock.forSkuLocked(line.sku);
        if (rows.length === 0) {
          unknown.push(line);
          return;
        }
        const available = availableOf(rows);
        // Most available location first; each attempt is still a conditional UPDATE, so nothing can oversell.
        const candidates = rows
          .filter((row) => row.onHand - row.reserved >= line.quantity)
          .sort((a, b) => b.onHand - b.reserved - (a.onHand - a.reserved));
        for (const candidate of candidates) {
          if (await stock.reserve(line.sku, candidate.locationId, line.quantity)) {
            placed.push({ ...line, locationId: candidate.locationId });
            const threshold = await thresholdRecords(tx).of(line.sku);
            events.push(...stockChangeEvents(line.sku, available - line.quantity, -line.quantity, threshold));
            return;
          }
        }
        insufficient.push({ ...line, requested: line.quantity, available });
      });
    }
    if (unknown.length > 0 || insufficient.length > 0) {
      // A repeated request whose first attempt took the stock finds none left: it answers that reservation.
      const [existing] = await tx
        .select()
        .from(reservations)
        .where(eq(reservations.id, request.reservationId));
      if (existing) return existing;
    }
    if (unknown.length > 0) {
      throw new ValidationError(
        `Unknown sku: ${unknown.map((line) => `${line.sku} of tenant ${line.tenantId}`).join('; ')}`,
      );
    }
    if (insufficient.length > 0) throw new InsufficientStockError(insufficient);

    const now = new Date();
    const ttlSeconds = request.ttlSeconds ?? this.config.RESERVATION_DEFAULT_TTL_SECONDS;
    const row: ReservationRow = {
      id: request.reservationId,
      status: 'active',
      lines: placed,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      createdAt: now,
      updatedAt: now,
    };
    await tx.insert(reservations).values(row);
    await enqueueAll(tx, [
      ...events,
      {
        event: ReservationCreated.create(
          { reservationId: row.id, expiresAt: row.expiresAt.toISOString(), lines: placed },
          { tenantId: null },
        ),
        key: row.id,
      },
    ]);
    return row;
  }

  private async lock(tx: MySqlDb, reservationId: string): Promise<ReservationRow> {
    const [row] = await tx
      .select()
      .from(reservations)
      .where(eq(reservations.id, reservationId))
      .for('update');
    if (!row) throw new NotFoundError(`No reservation ${reservationId}`);
    return row;
  }

  private async setStatus(
    tx: MySqlDb,
    row: ReservationRow,
    status: ReservationRow['status'],
  ): Promise<ReservationRow> {
    const updatedAt = new Date();
    await tx.update(reservations).set({ status, updatedAt }).where(eq(reservations.id, row.id));
    return { ...row, status, updatedAt };
  }

  private transaction<T>(work: (tx: MySqlDb) => Promise<T>): Promise<T> {
    return this.database.db.transaction(work, { isolationLevel: 'read committed' });
  }
}

interface RequestedLine {
  tenantId: string;
  sku: string;
  quantity: number;
}

/** One line per (tenant, sku), in a fixed order so concurrent checkouts lock rows in the same order. */
function mergeLines(lines: RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, RequestedLine>();
  for (const line of lines) {
    const key = `${line.tenantId}\u0000${line.sku}`;
    const current = merged.get(key);
    merged.set(key, current ? { ...current, quantity: current.quantity + line.quantity } : { ...line });
  }
  return [...merged.values()].sort((a, b) =>
    a.tenantId === b.tenantId ? a.sku.localeCompare(b.sku) : a.tenantId.localeCompare(b.tenantId),
  );
}
