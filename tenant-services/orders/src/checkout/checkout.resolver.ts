import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { BuyerOrder } from '../orders/order.model';
import { OrderViews } from '../orders/order-views';
import { CheckoutSaga } from './checkout-saga';
import { CheckoutInput, checkoutSchema } from './checkout.inputs';

/** Buyers: one checkout across sellers. */
@Resolver()
export class CheckoutResolver {
  constructor(
    private readonly saga: CheckoutSaga,
    private readonly views: OrderViews,
  ) {}

  @CheckAbility('create', 'BuyerOrder')
  @Mutation(() => BuyerOrder, {
    description:
      'Places the order of the validated cart lines: reserves stock, pays, splits into seller orders. ' +
      'Repeating the same idempotencyKey returns the same order without a second reservation or charge.',
  })
  async checkout(
    @CurrentPrincipal() buyer: Principal,
    @Args('input') input: CheckoutInput,
  ): Promise<BuyerOrder> {
    const command = checkoutSchema.parse(input);
    return this.views.buyerOrder(await this.saga.checkout(buyer.userId, command));
  }
}
