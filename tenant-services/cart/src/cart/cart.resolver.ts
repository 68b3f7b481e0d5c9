import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, type Principal } from '@marketplace/auth';
import { CartTokens } from './cart-owner';
import { buyerOwner, CartOwnerResolver, type RequestHeaders } from './cart-owner.resolver';
import {
  CartVariantInput,
  OrderedLineInput,
  addToCartSchema,
  lineIdSchema,
  removeOrderedLinesSchema,
  updateLineSchema,
} from './cart.inputs';
import { AnonymousCartModel, CartMergeResultModel, CartModel, CartValidationModel } from './cart.model';
import { CART_STORE_OPTIONS, type CartStoreOptions } from './cart.repository';
import { CartService } from './cart.service';

/**
 * The cart of the signed-in buyer (bearer token) or of an anonymous shopper (`x-cart-token`). The
 * operations are `@Public()` so anonymous shoppers reach them; `CartOwnerResolver` decides whose cart it is.
 */
@Resolver(() => CartModel)
export class CartResolver {
  constructor(
    @Inject(CartService) private readonly carts: CartService,
    @Inject(CartOwnerResolver) private readonly owners: CartOwnerResolver,
    @Inject(CART_STORE_OPTIONS) private readonly options: CartStoreOptions,
    @Inject(CartTokens) private readonly tokens: CartTokens,
  ) {}

  @Public()
  @Query(() => CartModel, { description: 'Your cart: lines grouped by seller, with subtotals and totals.' })
  async cart(@Context('request') request: RequestHeaders): Promise<CartModel> {
    return this.owners.withOwner(request, (owner) => this.carts.cart(owner));
  }

  @Public()
  @Mutation(() => AnonymousCartModel, {
    description: 'A new, empty anonymous cart; send its token as x-cart-token.',
  })
  createAnonymousCart(): AnonymousCartModel {
    return { token: this.tokens.issue(), expiresInSeconds: this.options.anonymousTtlSeconds };
  }

  @Public()
  @Mutation(() => CartModel)
  async addToCart(
    @Context('request') request: RequestHeaders,
    @Args('variant', { type: () => CartVariantInput }) variant: CartVariantInput,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<CartModel> {
    const input = addToCartSchema.parse({
      variant: { productId: variant.productId, sku: variant.sku },
      quantity,
    });
    return this.owners.withOwner(request, (owner) => this.carts.add(owner, input.variant, input.quantity));
  }

  @Public()
  @Mutation(() => CartModel)
  async updateCartLine(
    @Context('request') request: RequestHeaders,
    @Args('lineId', { type: () => ID }) lineId: string,
    @Args('quantity', { type: () => Int }) quantity: number,
  ): Promise<CartModel> {
    const input = updateLineSchema.parse({ lineId, quantity });
    return this.owners.withOwner(request, (owner) =>
      this.carts.setQuantity(owner, input.lineId, input.quantity),
    );
  }

  @Public()
  @Mutation(() => CartModel)
  async removeCartLine(
    @Context('request') request: RequestHeaders,
    @Args('lineId', { type: () => ID }) lineId: string,
  ): Promise<CartModel> {
    const id = lineIdSchema.parse(lineId);
    return this.owners.withOwner(request, (owner) => this.carts.remove(owner, id));
  }

  @Mutation(() => CartMergeResultModel, {
    description: "At sign-in: moves the anonymous cart's lines into your cart and empties it.",
  })
  async mergeCart(
    @CurrentPrincipal() principal: Principal,
    @Args('cartToken') cartToken: string,
  ): Promise<CartMergeResultModel> {
    const buyer = buyerOwner(principal);
    return this.carts.merge(buyer, await this.owners.anonymousOwner(cartToken));
  }

  @Mutation(() => CartModel, {
    description:
      'After a checkout (the orders service calls it with your token): takes the ordered quantities out of your ' +
      'cart, removing lines that reach 0. Applied once per orderId; a repeat changes nothing.',
  })
  async removeOrderedLines(
    @CurrentPrincipal() principal: Principal,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('lines', { type: () => [OrderedLineInput] }) lines: OrderedLineInput[],
  ): Promise<CartModel> {
    const buyer = buyerOwner(principal);
    const input = removeOrderedLinesSchema.parse({ orderId, lines });
    return this.carts.removeOrderedLines(buyer, input.orderId, input.lines);
  }

  @Public()
  @Mutation(() => CartValidationModel, {
    description: 'Re-checks prices and availability with the catalog (before checkout).',
  })
  async validateCart(@Context('request') request: RequestHeaders): Promise<CartValidationModel> {
    return this.owners.withOwner(request, (owner) => this.carts.validate(owner));
  }
}
