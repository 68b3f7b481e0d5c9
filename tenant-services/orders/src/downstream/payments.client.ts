import { ServiceClient, ServiceRejectedError } from '@marketplace/resilience';
import { z } from 'zod';
import { ConflictError, ValidationError } from '@marketplace/observability';
import { messageOf } from './inventory.client';
import type { ServiceTokenProvider } from './service-token';

const paymentView = z.object({
  id: z.string(),
  buyerOrderId: z.string(),
  status: z.string(),
  clientSecret: z.string().nullable().optional(),
  failureReason: z.string().nullable().optional(),
});
export type PaymentView = z.output<typeof paymentView>;
const refundView = z.object({ id: z.string(), status: z.string() });

export interface SettlementLine {
  sellerOrderId: string;
  tenantId: string;
  subtotal: number;
  commissionBps: number;
  /** The sum of the lines' frozen commissions (ADR 0019). */
  commission: number;
}

/** The payments service's internal saga API: one payment per buyer order, settlement per seller order. */
export class PaymentsClient {
  private readonly client: ServiceClient;

  constructor(baseUrl: string, token: ServiceTokenProvider) {
    this.client = new ServiceClient({
      service: 'payments',
      baseUrl,
      authorization: () => token.authorization(),
    });
  }

  /** Idempotent per buyer order: the key is the buyer order id, so a resumed saga never charges twice. */
  create(buyerOrderId: string, amount: number, currency: string): Promise<PaymentView> {
    return this.client.post(
      '/internal/payments',
      { buyerOrderId, amount, currency, idempotencyKey: buyerOrderId },
      { schema: paymentView, idempotencyKey: buyerOrderId },
    );
  }

  confirm(buyerOrderId: string): Promise<PaymentView> {
    return this.client.post(`/internal/payments/${buyerOrderId}/confirm`, undefined, {
      schema: paymentView,
      idempotencyKey: `confirm-${buyerOrderId}`,
    });
  }

  /** The payment of a buyer order, or undefined when none was created. */
  async find(buyerOrderId: string): Promise<PaymentView | undefined> {
    try {
      const answer = await this.client.get(`/internal/payments/${buyerOrderId}`, {
        schema: z.object({ payment: paymentView }),
      });
      return answer.payment;
    } catch (error) {
      if (error instanceof ServiceRejectedError && error.status === 404) return undefined;
      throw error;
    }
  }

  async settle(buyerOrderId: string, sellerOrders: SettlementLine[]): Promise<void> {
    await this.client.post(
      `/internal/payments/${buyerOrderId}/settle`,
      { sellerOrders },
      { idempotencyKey: `settle-${buyerOrderId}` },
    );
  }

  /**
   * Refunds part of one seller order: the buyer's money back plus the reversal of that seller's share. Idempotent per
   * key. Payments' refusals (over-refund, declined) come back as ValidationError / ConflictError with its message.
   */
  async refundSellerOrder(
    buyerOrderId: string,
    sellerOrderId: string,
    amount: number,
    idempotencyKey: string,
  ): Promise<{ id: string; status: string }> {
    try {
      const answer = await this.client.post(
        `/internal/payments/${buyerOrderId}/refunds`,
        { sellerOrderId, amount, idempotencyKey },
        { schema: z.object({ refund: refundView }), idempotencyKey },
      );
      return answer.refund;
    } catch (error) {
      if (error instanceof ServiceRejectedError && (error.status ?? 500) < 500) {
        const message = `The refund was refused: ${messageOf(error.body) || `payments answered ${error.status}`}`;
        throw error.status === 400 ? new ValidationError(message) : new ConflictError(message);
      }
      throw error;
    }
  }

  async refund(buyerOrderId: string, amount: number): Promise<void> {
    await this.client.post(
      `/internal/payments/${buyerOrderId}/refunds`,
      { amount, idempotencyKey: `cancel-${buyerOrderId}` },
      { idempotencyKey: `cancel-${buyerOrderId}` },
    );
  }
}
