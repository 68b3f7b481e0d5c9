import { CheckAbility, CurrentPrincipal, ForbiddenError, type Principal } from '@marketplace/auth';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { NotFoundError } from '@marketplace/observability';
import { mapConnection } from '@marketplace/service-kit';
import { FulfilmentService } from './fulfilment.service';
import { DEFAULT_PAGE_SIZE, orderIdSchema, sellerPageSchema, shipmentSchema } from './order.inputs';
import { SellerOrder, SellerOrderConnection } from './order.model';
import { OrderRepository } from './order.repository';
import { OrderViews } from './order-views';

/** Sellers: their own tenant's seller orders and fulfilment steps (tenant from the token). */
@Resolver()
export class SellerOrdersResolver {
  constructor(
    private readonly orders: OrderRepository,
    private readonly views: OrderViews,
    private readonly fulfilment: FulfilmentService,
  ) {}

  @CheckAbility('read', 'Order')
  @Query(() => SellerOrderConnection, { description: "The tenant's seller orders, newest first." })
  async sellerOrders(
    @CurrentPrincipal() seller: Principal,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('status', { type: () => String, nullable: true }) status?: string | null,
    @Args('placedFrom', {
      type: () => String,
      nullable: true,
      description: 'ISO 8601 date-time: orders placed at or after it.',
    })
    placedFrom?: string | null,
    @Args('placedBefore', {
      type: () => String,
      nullable: true,
      description: 'ISO 8601 date-time: orders placed before it.',
    })
    placedBefore?: string | null,
  ): Promise<SellerOrderConnection> {
    requireTenant(seller);
    const args = sellerPageSchema.parse({
      first,
      after: after ?? undefined,
      status: status ?? undefined,
      placedFrom: placedFrom ?? undefined,
      placedBefore: placedBefore ?? undefined,
    });
    const page = await this.orders.sellerPage(args, args.first, args.after);
    return mapConnection(page, (order) => this.views.sellerOrder(order));
  }

  @CheckAbility('read', 'Order')
  @Query(() => SellerOrder)
  async sellerOrder(
    @CurrentPrincipal() seller: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SellerOrder> {
    requireTenant(seller);
    const order = await this.orders.sellerOrder(orderIdSchema.parse(id));
    if (!order) throw new NotFoundError(`No seller order ${id}`);
    return this.views.sellerOrder(order);
  }

  @CheckAbility('update', 'Order')
  @Mutation(() => SellerOrder, { description: 'paid → fulfilled (packed, ready to ship).' })
  async markFulfilled(
    @CurrentPrincipal() seller: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SellerOrder> {
    requireTenant(seller);
    return this.views.sellerOrder(
      await this.fulfilment.move(orderIdSchema.parse(id), 'fulfilled', seller.userId),
    );
  }

  @CheckAbility('update', 'Order')
  @Mutation(() => SellerOrder, {
    description:
      "paid | fulfilled → shipped, with the carrier, tracking number and the carrier's tracking page.",
  })
  async markShipped(
    @CurrentPrincipal() seller: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('carrier') carrier: string,
    @Args('trackingNumber') trackingNumber: string,
    @Args('trackingUrl', {
      type: () => String,
      nullable: true,
      description: 'https URL of the tracking page.',
    })
    trackingUrl?: string | null,
  ): Promise<SellerOrder> {
    requireTenant(seller);
    const shipment = shipmentSchema.parse({
      id,
      carrier,
      trackingNumber,
      trackingUrl: trackingUrl ?? undefined,
    });
    return this.views.sellerOrder(
      await this.fulfilment.move(shipment.id, 'shipped', seller.userId, {
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        trackingUrl: shipment.trackingUrl ?? null,
      }),
    );
  }

  @CheckAbility('update', 'Order')
  @Mutation(() => SellerOrder, { description: 'shipped → delivered.' })
  async markDelivered(
    @CurrentPrincipal() seller: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<SellerOrder> {
    requireTenant(seller);
    return this.views.sellerOrder(
      await this.fulfilment.move(orderIdSchema.parse(id), 'delivered', seller.userId),
    );
  }
}

/** Seller views need the token's tenant; an admin (no tenant) uses the cross-tenant `orders` query instead. */
export function requireTenant(principal: Principal): void {
  if (!principal.tenantId) throw new ForbiddenError('Seller orders need a seller token of one tenant');
}
