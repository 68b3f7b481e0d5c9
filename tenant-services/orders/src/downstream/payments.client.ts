import {
  type CreatePaymentRequest,
  PAYMENTS_INTERNAL_PATH,
  paymentViewSchema,
  type PaymentView,
  refundViewSchema,
  type RefundRequest,
  type SettleRequest,
} from '@marketplace/contracts';
import {
  DEFAULT_CLIENT_POLICY,
  ServiceClient,
  ServiceRejectedError,
  type ServiceTokenProvider,
} from '@marketplace/resilience';
import { z } from 'zod';
import { ConflictError, ValidationError } from '@marketplace/observability';
import { messageOf } from './inventory.client';

export type SettlementLine = SettleRequest['sellerOrders'][number];

/** The payments service's internal saga API: one payment per buyer order, settlement per seller order. */
export class PaymentsClient {
  private readonly client: ServiceClient;

  constructor(baseUrl: string, token: ServiceTokenProvider) {
    this.client = new ServiceClient({
      service: 'payments',
      baseUrl,
      // A create with `confirm` does in one call what were two calls of 2 s each (create, then confirm).
      policy: { ...DEFAULT_CLIENT_POLICY, timeoutMs: 4000 },
      authorization: () => token.authorization(),
    });
  }

  /**
   * Idempotent per buyer order: the key is the buyer order id, so a resumed saga never charges twice. With
   * `confirm`, payments also confirms it server-side in the same call (built-in provider) and answers the outcome.
   */
  create(
    buyerOrderId: string,
    amount: number,
    currency: string,
    options: { confirm?: boolean } = {},
  ): Promise<PaymentView> {
    const request: CreatePaymentRequest = {
      buyerOrderId,
      amount,
      currency,
      idempotencyKey: buyerOrderId,
      ...(options.confirm ? { confirm: true } : {}),
    };
    return this.client.post(PAYMENTS_INTERNAL_PATH, request, {
      schema: paymentViewSchema,
      idempotencyKey: buyerOrderId,
    });
  }

  /** The payment of a buyer order, or undefined when none was created. */
  async find(buyerOrderId: string): Promise<PaymentView | undefined> {
    try {
      const answer = await this.client.get(`${PAYMENTS_INTERNAL_PATH}/${buyerOrderId}`, {
        schema: z.object({ payment: paymentViewSchema }),
      });
      return answer.payment;
    } catch (error) {
      if (error instanceof ServiceRejectedError && error.status === 404) return undefined;
      throw error;
    }
  }

  async settle(buyerOrderId: string, sellerOrders: SettlementLine[]): Promise<void> {
    const request: SettleRequest = { sellerOrders };
    await this.client.post(`${PAYMENTS_INTERNAL_PATH}/${buyerOrderId}/settle`, request, {
      idempotencyKey: `settle-${buyerOrderId}`,
    });
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
        `${PAYMENTS_INTERNAL_PATH}/${buyerOrderId}/refunds`,
        { sellerOrderId, amount, idempotencyKey } satisfies RefundRequest,
        { schema: z.object({ refund: refundViewSchema }), idempotencyKey },
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
    const request: RefundRequest = { amount, idempotencyKey: `cancel-${buyerOrderId}` };
    await this.client.post(`${PAYMENTS_INTERNAL_PATH}/${buyerOrderId}/refunds`, request, {
      idempotencyKey: `cancel-${buyerOrderId}`,
    });
  }
}
