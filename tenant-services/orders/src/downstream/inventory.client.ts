import {
  INVENTORY_RESERVATIONS_PATH,
  reservationViewSchema,
  type ReserveRequest,
} from '@marketplace/contracts';
import { ServiceClient, ServiceRejectedError, type ServiceTokenProvider } from '@marketplace/resilience';
import { ValidationError } from '@marketplace/observability';

export type ReservationLine = ReserveRequest['lines'][number];

/** Stock is short for some lines; nothing was reserved. */
export class OutOfStockError extends Error {
  override name = 'ConflictError';

  constructor(
    readonly skus: string[],
    detail: string,
  ) {
    super(`Out of stock: ${skus.join(', ')}${detail ? ` (${detail})` : ''}`);
  }
}

/** The reservation no longer holds stock (expired or released): it cannot be confirmed. */
export class ReservationReleasedError extends Error {
  override name = 'ConflictError';

  constructor(
    readonly reservationId: string,
    detail: string,
  ) {
    super(detail || `Reservation ${reservationId} was released`);
  }
}

/** The inventory service's internal reservations API (reserve all lines or none, confirm, release). */
export class InventoryClient {
  private readonly client: ServiceClient;

  constructor(baseUrl: string, token: ServiceTokenProvider) {
    this.client = new ServiceClient({
      service: 'inventory',
      baseUrl,
      authorization: () => token.authorization(),
    });
  }

  async reserve(reservationId: string, lines: ReservationLine[], ttlSeconds: number): Promise<void> {
    const request: ReserveRequest = { reservationId, lines, ttlSeconds };
    try {
      await this.client.post(INVENTORY_RESERVATIONS_PATH, request, {
        schema: reservationViewSchema,
        idempotencyKey: reservationId,
      });
    } catch (error) {
      // Inventory refuses unknown skus with 400: the buyer's lines are wrong, not the saga.
      if (error instanceof ServiceRejectedError && error.status === 400) {
        throw new ValidationError(
          `Some lines cannot be reserved: ${messageOf(error.body) || 'invalid line'}`,
        );
      }
      if (error instanceof ServiceRejectedError && error.status === 409) {
        const message = messageOf(error.body);
        throw new OutOfStockError(
          lines.map((line) => line.sku).filter((sku) => message.includes(sku)),
          message,
        );
      }
      throw error;
    }
  }

  /** Throws ReservationReleasedError when the reservation expired (or was released) before the confirmation. */
  async confirm(reservationId: string): Promise<void> {
    try {
      await this.client.post(`${INVENTORY_RESERVATIONS_PATH}/${reservationId}/confirm`, undefined, {
        schema: reservationViewSchema,
        idempotencyKey: `confirm-${reservationId}`,
      });
    } catch (error) {
      if (error instanceof ServiceRejectedError && error.status === 409) {
        throw new ReservationReleasedError(reservationId, messageOf(error.body));
      }
      throw error;
    }
  }

  /** Releasing an unknown reservation is fine: the reserve call never took effect. */
  async release(reservationId: string): Promise<void> {
    try {
      await this.client.post(`${INVENTORY_RESERVATIONS_PATH}/${reservationId}/release`, undefined, {
        schema: reservationViewSchema,
        idempotencyKey: `release-${reservationId}`,
      });
    } catch (error) {
      if (error instanceof ServiceRejectedError && error.status === 404) return;
      throw error;
    }
  }
}

export function messageOf(body: unknown): string {
  if (typeof body === 'object' && body !== null && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return '';
}
