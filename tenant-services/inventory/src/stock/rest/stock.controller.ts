import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import { inventorySkuSchema } from '@marketplace/contracts';
import {
  pageQuerySchema,
  parseInput,
  RestController,
  restListOf,
  RestRoute,
  type RestPage,
} from '@marketplace/rest';
import { adjustStockSchema, setStockSchema } from '../stock.inputs';
import { toStockLevel } from '../stock.model';
import { StockService } from '../stock.service';
import {
  stockLevelPage,
  stockLevelResource,
  toStockLevelResource,
  type StockLevelResource,
} from './stock.resource';

const listQuery = pageQuerySchema.extend({
  sku: inventorySkuSchema.optional().describe('Only this sku (at every location).'),
});

/** Stock of the token's tenant over REST, through the `StockService` the GraphQL mutations use (audited alike). */
@RestController('stock')
@Controller('api/v1/stock')
export class StockRestController {
  constructor(private readonly stock: StockService) {}

  @CheckAbility('read', 'Inventory')
  @Get()
  @RestRoute({
    operationId: 'listStockLevels',
    summary: 'Stock by sku and location, in sku order',
    query: listQuery,
    response: { status: 200, schema: stockLevelPage },
  })
  async list(@Query() query: unknown): Promise<RestPage<StockLevelResource>> {
    const args = parseInput(listQuery, query);
    return restListOf(
      args,
      (first, after) => this.stock.page({ first, after: after ?? null, sku: args.sku ?? null }),
      (row) => toStockLevelResource(toStockLevel(row)),
    );
  }

  @CheckAbility('update', 'Inventory')
  @Post('set')
  @HttpCode(200)
  @RestRoute({
    operationId: 'setStock',
    summary: 'Sets units on hand (a stock count); never below what is reserved; audited',
    description:
      'Creates the stock level of a sku not stocked yet. `locationId` defaults to the default location.',
    body: setStockSchema,
    response: { status: 200, schema: stockLevelResource },
    problems: [404, 409],
    idempotent: true,
  })
  async set(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<StockLevelResource> {
    return toStockLevelResource(
      toStockLevel(await this.stock.set(principal, parseInput(setStockSchema, body))),
    );
  }

  @CheckAbility('update', 'Inventory')
  @Post('adjust')
  @HttpCode(200)
  @RestRoute({
    operationId: 'adjustStock',
    summary: 'Adds or removes units (goods received, damaged); audited',
    body: adjustStockSchema,
    response: { status: 200, schema: stockLevelResource },
    problems: [404, 409],
    idempotent: true,
  })
  async adjust(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<StockLevelResource> {
    return toStockLevelResource(
      toStockLevel(await this.stock.adjust(principal, parseInput(adjustStockSchema, body))),
    );
  }
}
