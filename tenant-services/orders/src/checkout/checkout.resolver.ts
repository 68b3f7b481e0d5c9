import { AuthError, CheckAbility } from '@marketplace/auth';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CartClient } from '../downstream/cart.client';
import { PaymentsClient } from '../downstream/payments.client';
import { BuyerOrder } from '../orders/order.model';
import { OrderRepository } from '../orders/order.repository';
import { OrderViews } from '../orders/order-views';
import { CheckoutSaga } from './checkout-saga';
import { CheckoutInput, checkoutRequestSchema, checkoutSchema } from './checkout.inputs';

interface RequestHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/** Buyers: one checkout of their cart across sellers. */
@Resolver()
export class CheckoutResolver {
  constructor(
    private readonly saga: CheckoutSaga,
    private readonly orders: OrderRepository,
    private readonly cart: CartClient,
    private readonly payments: PaymentsClient,
    private readonly views: OrderViews,
  ) {}

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
    const existing = await this.orders.findByKey(checkoutRequest.idempotencyKey);
    if (existing) return this.withPayment(await this.views.buyerOrder(existing));
    const authorization = request.headers.authorization;
    if (typeof authorization !== 'string') throw new AuthError('missing_token', 'A bearer token is required');
    const lines = await this.cart.validatedLines(authorization);
    const command = checkoutSchema.parse({ ...checkoutRequest, lines });
    return this.withPayment(await this.views.buyerOrder(await this.saga.checkout(command)));
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
