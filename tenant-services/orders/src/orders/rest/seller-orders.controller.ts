import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import { NotFoundError } from '@marketplace/observability';
import {
  pageQuerySchema,
  parseInput,
  RestController,
  restListOf,
  RestRoute,
  type RestPage,
} from '@marketplace/rest';
import { z } from 'zod';
import { FulfilmentService } from '../fulfilment.service';
import { instantSchema, orderIdSchema, shipmentSchema } from '../order.inputs';
import { OrderRepository } from '../order.repository';
import { SELLER_ORDER_STATUSES } from '../order.schema';
import { OrderViews } from '../order-views';
import { requireTenant } from '../seller-orders.resolver';
import {
  sellerOrderPage,
  sellerOrderResource,
  toSellerOrderResource,
  type SellerOrderResource,
} from './seller-order.resource';

const listQuery = pageQuerySchema.extend({
  status: z.enum(SELLER_ORDER_STATUSES).optional().describe('Only orders in this status.'),
  placedFrom: instantSchema.optional().describe('Only orders placed at or after this instant (ISO 8601).'),
  placedBefore: instantSchema.optional().describe('Only orders placed before this instant (ISO 8601).'),
});
const shipmentBody = shipmentSchema.omit({ id: true });
const ORDER_ID = { id: 'Seller order id.' };

/** The tenant's seller orders over REST: the repository, views and `FulfilmentService` the GraphQL resolver uses. */
@RestController('orders')
@Controller('api/v1/orders')
export class SellerOrdersRestController {
  constructor(
    private readonly orders: OrderRepository,
    private readonly views: OrderViews,
    private readonly fulfilment: FulfilmentService,
  ) {}

  @CheckAbility('read', 'Order')
  @Get()
  @RestRoute({
    operationId: 'listOrders',
    summary: "The tenant's seller orders, newest first",
    query: listQuery,
    response: { status: 200, schema: sellerOrderPage },
  })
  async list(
    @CurrentPrincipal() seller: Principal,
    @Query() query: unknown,
  ): Promise<RestPage<SellerOrderResource>> {
    requireTenant(seller);
    const args = parseInput(listQuery, query);
    return restListOf(
      args,
      (first, after) =>
        this.orders.sellerPage(
          { status: args.status, placedFrom: args.placedFrom, placedBefore: args.placedBefore },
          first,
          after,
        ),
      async (order) => toSellerOrderResource(await this.views.sellerOrder(order)),
    );
  }

  @CheckAbility('read', 'Order')
  @Get(':id')
  @RestRoute({
    operationId: 'getOrder',
    summary: 'One seller order of the tenant',
    params: ORDER_ID,
    response: { status: 200, schema: sellerOrderResource },
    problems: [404],
  })
  async get(@CurrentPrincipal() seller: Principal, @Param('id') id: string): Promise<SellerOrderResource> {
    requireTenant(seller);
    const order = await this.orders.sellerOrder(orderIdSchema.parse(id));
    if (!order) throw new NotFoundError(`No seller order ${id}`);
    return toSellerOrderResource(await this.views.sellerOrder(order));
  }

  @CheckAbility('update', 'Order')
  @Post(':id/fulfil')
  @HttpCode(200)
  @RestRoute({
    operationId: 'fulfilOrder',
    summary: 'paid → fulfilled (packed, ready to ship)',
    params: ORDER_ID,
    response: { status: 200, schema: sellerOrderResource },
    problems: [404, 409],
    idempotent: true,
  })
  async fulfil(@CurrentPrincipal() seller: Principal, @Param('id') id: string): Promise<SellerOrderResource> {
    requireTenant(seller);
    const order = await this.fulfilment.move(orderIdSchema.parse(id), 'fulfilled', seller.userId);
    return toSellerOrderResource(await this.views.sellerOrder(order));
  }

  @CheckAbility('update', 'Order')
  @Post(':id/ship')
  @HttpCode(200)
  @RestRoute({
    operationId: 'shipOrder',
    summary: 'paid | fulfilled → shipped, with the carrier, tracking number and optional https tracking URL',
    params: ORDER_ID,
    body: shipmentBody,
    response: { status: 200, schema: sellerOrderResource },
    problems: [404, 409],
    idempotent: true,
  })
  async ship(
    @CurrentPrincipal() seller: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<SellerOrderResource> {
    requireTenant(seller);
    const shipment = shipmentSchema.parse({ ...parseInput(shipmentBody, body), id });
    const order = await this.fulfilment.move(shipment.id, 'shipped', seller.userId, {
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      trackingUrl: shipment.trackingUrl ?? null,
    });
    return toSellerOrderResource(await this.views.sellerOrder(order));
  }
}
