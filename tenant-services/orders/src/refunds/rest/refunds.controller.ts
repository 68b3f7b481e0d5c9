import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import {
  IDEMPOTENCY_HEADER,
  pageQuerySchema,
  parseInput,
  RestController,
  restListOf,
  RestRoute,
  type RestPage,
} from '@marketplace/rest';
import { ulid } from 'ulid';
import { z } from 'zod';
import { orderIdSchema } from '../../orders/order.inputs';
import { requireTenant } from '../../orders/seller-orders.resolver';
import { acceptSchema, declineSchema, sellerRefundSchema } from '../refund-request.inputs';
import { toRefundRequest } from '../refund-request.model';
import { REFUND_REQUEST_STATUSES } from '../refund-request.schema';
import { RefundRequestsService } from '../refund-requests.service';
import { refundPage, refundResource, toRefundResource, type RefundResource } from './refund.resource';

const listQuery = pageQuerySchema.extend({
  status: z.enum(REFUND_REQUEST_STATUSES).optional().describe('Only refunds in this status.'),
});
const createBody = sellerRefundSchema.omit({ idempotencyKey: true });
const acceptBody = acceptSchema.omit({ id: true });
const declineBody = declineSchema.omit({ id: true });
const REFUND_ID = { id: 'Refund id.' };

/**
 * Refunds of the tenant's seller orders over REST (ADR 0017): the `RefundRequestsService` the GraphQL mutations
 * use — buyers' requests the seller accepts or declines, and the seller's own refunds of an amount.
 */
@RestController('refunds')
@Controller('api/v1/refunds')
export class RefundsRestController {
  constructor(private readonly refunds: RefundRequestsService) {}

  @CheckAbility('read', 'Order')
  @Get()
  @RestRoute({
    operationId: 'listRefunds',
    summary: "Refunds of the tenant's seller orders, newest first",
    query: listQuery,
    response: { status: 200, schema: refundPage },
  })
  async list(
    @CurrentPrincipal() seller: Principal,
    @Query() query: unknown,
  ): Promise<RestPage<RefundResource>> {
    requireTenant(seller);
    const args = parseInput(listQuery, query);
    return restListOf(
      args,
      (first, after) => this.refunds.sellerPage(args.status, first, after),
      (row) => toRefundResource(toRefundRequest(row)),
    );
  }

  @CheckAbility('update', 'Order')
  @Post()
  @HttpCode(201)
  @RestRoute({
    operationId: 'createRefund',
    summary: 'Refunds an amount of one of your seller orders to the buyer',
    description:
      "Takes the tenant's share of the amount back. The Idempotency-Key also keys the refund itself, so a retry never refunds twice.",
    body: createBody,
    response: { status: 201, schema: refundResource },
    problems: [404, 409],
    idempotent: true,
  })
  async create(
    @CurrentPrincipal() seller: Principal,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_HEADER) idempotencyKey?: string,
  ): Promise<RefundResource> {
    requireTenant(seller);
    const command = sellerRefundSchema.parse({
      ...parseInput(createBody, body),
      idempotencyKey: idempotencyKey ?? ulid(),
    });
    return toRefundResource(toRefundRequest(await this.refunds.sellerRefund(seller.userId, command)));
  }

  @CheckAbility('read', 'Order')
  @Get(':id')
  @RestRoute({
    operationId: 'getRefund',
    summary: 'One refund of the tenant',
    params: REFUND_ID,
    response: { status: 200, schema: refundResource },
    problems: [404],
  })
  async get(@CurrentPrincipal() seller: Principal, @Param('id') id: string): Promise<RefundResource> {
    requireTenant(seller);
    return toRefundResource(toRefundRequest(await this.refunds.get(orderIdSchema.parse(id))));
  }

  @CheckAbility('update', 'Order')
  @Post(':id/accept')
  @HttpCode(200)
  @RestRoute({
    operationId: 'acceptRefund',
    summary: "Accepts a buyer's refund request: refunds `amount` (default all requested) to the buyer",
    params: REFUND_ID,
    body: acceptBody,
    response: { status: 200, schema: refundResource },
    problems: [404, 409],
    idempotent: true,
  })
  async accept(
    @CurrentPrincipal() seller: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<RefundResource> {
    requireTenant(seller);
    const input = acceptSchema.parse({ ...parseInput(acceptBody, body), id });
    return toRefundResource(toRefundRequest(await this.refunds.accept(input.id, input, seller.userId)));
  }

  @CheckAbility('update', 'Order')
  @Post(':id/decline')
  @HttpCode(200)
  @RestRoute({
    operationId: 'declineRefund',
    summary: "Declines a buyer's refund request with a reason the buyer sees",
    params: REFUND_ID,
    body: declineBody,
    response: { status: 200, schema: refundResource },
    problems: [404, 409],
    idempotent: true,
  })
  async decline(
    @CurrentPrincipal() seller: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<RefundResource> {
    requireTenant(seller);
    const input = declineSchema.parse({ ...parseInput(declineBody, body), id });
    return toRefundResource(
      toRefundRequest(await this.refunds.decline(input.id, input.reason, seller.userId)),
    );
  }
}
