import { CheckAbility, CurrentPrincipal, type Principal } from '@marketplace/auth';
import { Args, Field, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import {
  AdjustStockInput,
  CreateLocationInput,
  SetLowStockThresholdInput,
  SetStockInput,
} from './stock.inputs';
import {
  LowStockPage,
  StockAdjustment,
  StockLevel,
  StockLevelPage,
  StockLocation,
  toStockAdjustment,
  toStockLevel,
  toStockLocation,
} from './stock.model';
import { StockService } from './stock.service';

@ObjectType()
export class LowStockThreshold {
  @Field()
  sku!: string;

  @Field(() => Int)
  threshold!: number;
}

/** The seller portal's stock screens: everything is scoped to the caller's tenant. */
@Resolver(() => StockLevel)
export class StockResolver {
  constructor(private readonly stock: StockService) {}

  @CheckAbility('read', 'Inventory')
  @Query(() => StockLevelPage, {
    description: "Stock of the caller's tenant by sku and location, in sku order.",
  })
  async stockLevels(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('sku', { type: () => String, nullable: true }) sku?: string | null,
  ): Promise<StockLevelPage> {
    const page = await this.stock.page({ first, after, sku });
    return { nodes: page.nodes.map(toStockLevel), pageInfo: page.pageInfo };
  }

  @CheckAbility('read', 'Inventory')
  @Query(() => LowStockPage, {
    description:
      "The caller's skus whose units available over all locations are at or below their low-stock threshold, in sku order.",
  })
  async lowStock(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<LowStockPage> {
    return this.stock.lowStock({ first, after });
  }

  @CheckAbility('read', 'Inventory')
  @Query(() => [StockAdjustment], { description: 'Audit trail of manual changes of one sku, newest first.' })
  async stockAdjustments(@Args('sku') sku: string): Promise<StockAdjustment[]> {
    return (await this.stock.adjustments(sku)).map(toStockAdjustment);
  }

  @CheckAbility('read', 'Inventory')
  @Query(() => [StockLocation])
  async stockLocations(): Promise<StockLocation[]> {
    return (await this.stock.locations()).map(toStockLocation);
  }

  @CheckAbility('update', 'Inventory')
  @Mutation(() => StockLocation)
  async createStockLocation(@Args('input') input: CreateLocationInput): Promise<StockLocation> {
    return toStockLocation(await this.stock.createLocation(input));
  }

  @CheckAbility('update', 'Inventory')
  @Mutation(() => StockLevel, {
    description: 'Adds or removes units (goods received, damaged, counted); audited.',
  })
  async adjustStock(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AdjustStockInput,
  ): Promise<StockLevel> {
    return toStockLevel(await this.stock.adjust(principal, input));
  }

  @CheckAbility('update', 'Inventory')
  @Mutation(() => StockLevel, {
    description: 'Sets units on hand (stock count); never below what is reserved; audited.',
  })
  async setStock(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetStockInput,
  ): Promise<StockLevel> {
    return toStockLevel(await this.stock.set(principal, input));
  }

  @CheckAbility('update', 'Inventory')
  @Mutation(() => LowStockThreshold)
  async setLowStockThreshold(@Args('input') input: SetLowStockThresholdInput): Promise<LowStockThreshold> {
    return this.stock.setLowStockThreshold(input);
  }
}
