import { AuthError, CheckAbility } from '@marketplace/auth';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { ConflictError, InjectLogger, type Logger } from '@marketplace/observability';
import { concurrencyLimit, type ConcurrencyLimit } from '@marketplace/resilience';
import type { OrdersConfig } from '../config';
import { ORDERS_CONFIG } from '../config.token';
import { CartClient } from '../downstream/cart.client';
import { PaymentsClient } from '../downstream/payments.client';
import { BuyerOrder } from '../orders/order.model';
import { OrderRepository } from '../orders/order.repository';
import { OrderViews } from '../orders/order-views';
import { CheckoutSaga, type CheckoutState } from './checkout-saga';
import { CheckoutInput, checkoutRequestSchema, checkoutSchema } from './checkout.inputs';

interface RequestHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/** Buyers: one checkout of their cart across sellers. */
@Resolver()
export class CheckoutResolver {
  /**
   * New checkouts this process runs at once, and how many may wait (ADR 0055): past that many, more concurrent
   * sagas only contend for the same rows and connections and every one of them slows down together.
   */
  private readonly limit: ConcurrencyLimit;

  constructor(
    private readonly saga: CheckoutSaga,
    private readonly orders: OrderRepository,
    private readonly cart: CartClient,
    private readonly payments: PaymentsClient,
    private readonly views: OrderViews,
    @Inject(ORDERS_CONFIG) config: OrdersConfig,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.limit = concurrencyLimit({
      name: 'checkout',
      concurrency: config.CHECKOUT_CONCURRENCY,
      queue: config.CHECKOUT_QUEUE,
      refusal:
        'Too many checkouts are in progress; nothing was charged or reserved, please try again shortly',
    });
  }

  @CheckAbility('create', 'BuyerOrder')
  @Mutation(() => BuyerOrder, {
    description:
      "Places the order of the buyer's cart as the cart service re-prices it: reserves stock, pays, splits into " +
      'seller orders. Repeating the same idempotencyKey returns the same order without a second reservation or charge.',
  })
  async checkout(
    @Args('input') input: CheckoutInput,
    @Context('request') request: RequestHeaders,
  ): Promise<BuyerOrder> {
    const checkoutRequest = checkoutRequestSchema.parse(input);
    const authorization = request.headers.authorization;
    const existing = await this.orders.findByKey(checkoutRequest.idempotencyKey);
    if (existing) return this.answer(await this.saga.carryOn(existing), authorization);
    if (typeof authorization !== 'string') throw new AuthError('missing_token', 'A bearer token is required');
    // A repeated key is answered above without waiting; a refused checkout started nothing, so the buyer's
    // retry with the same key is a fresh attempt.
    const placed = await this.limit.run(async () => {
      const lines = await this.cart.validatedLines(authorization);
      const command = checkoutSchema.parse({ ...checkoutRequest, lines });
      return this.saga.checkout(command);
    });
    return this.answer(placed, authorization);
  }

  /**
   * The one answer for an idempotency key, whether this call placed the order or an earlier one did: a checkout
   * cancelled before any payment existed (stock refused) is a refusal (409 with the recorded reason) on every
   * call; any other order is answered as it stands. A placed order's lines leave the buyer's cart before the
   * answer, since the storefront reloads the cart right after it (ADR 0058). The view is built from what the saga
   * carried when it carried the seller orders and lines (ADR 0060).
   */
  private async answer(
    state: CheckoutState,
    authorization: string | string[] | undefined,
  ): Promise<BuyerOrder> {
    const { order } = state;
    if (order.status === 'cancelled' && !(await this.payments.find(order.id))) {
      throw new ConflictError(order.failureReason ?? 'The checkout was refused');
    }
    const view = await this.views.buyerOrder(order, state);
    if (view.status !== 'cancelled' && typeof authorization === 'string')
      await this.removeFromCart(view, authorization);
    return this.withPayment(view);
  }

  /**
   * Best effort: the order stands whatever the cart answers. A failure leaves the lines in the cart (the buyer can
   * remove them) and is logged; a repeated checkout with the key tries again, which the cart applies once per order.
   */
  private async removeFromCart(order: BuyerOrder, authorization: string): Promise<void> {
    const lines = order.sellerOrders.flatMap((sellerOrder) => sellerOrder.lines);
    try {
      await this.cart.removeOrderedLines(authorization, order.id, lines);
    } catch (error) {
      this.logger.warn(
        { err: error, buyerOrderId: order.id },
        'the ordered lines could not be taken out of the cart; the order stands',
      );
    }
  }

  /** While the payment is open, what the buyer's browser needs to confirm it (never a secret key). */
  private async withPayment(order: BuyerOrder): Promise<BuyerOrder> {
    if (order.status !== 'pending_payment') return order;
    const payment = await this.payments.find(order.id);
    if (!payment) return order;
    return {
      ...order,
      paymentClientSecret: payment.clientSecret,
      paymentProvider: payment.provider,
      paymentPublishableKey: payment.publishableKey,
    };
  }
}
