import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { LocationRow, StockAdjustmentRow, StockLevelRow } from './stock.schema';
import { ConnectionType } from '@marketplace/service-kit';

@ObjectType({ description: 'Units of one sku at one location of the seller.' })
export class StockLevel {
  @Field()
  sku!: string;

  @Field(() => ID)
  locationId!: string;

  @Field(() => Int)
  onHand!: number;

  @Field(() => Int, { description: 'Held by open checkouts.' })
  reserved!: number;

  @Field(() => Int, { description: 'onHand - reserved: what can still be sold.' })
  available!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Low-stock threshold of the sku (over all locations); null when none is set.',
  })
  lowStockThreshold!: number | null;

  @Field(() => Int)
  version!: number;

  @Field()
  updatedAt!: Date;
}

@ObjectType()
export class StockLevelPage extends ConnectionType(StockLevel) {}

@ObjectType({ description: "A sku at or below the seller's low-stock threshold (units over all locations)." })
export class LowStockItem {
  @Field()
  sku!: string;

  @Field(() => Int, { description: 'Sellable units over all locations (onHand - reserved).' })
  available!: number;

  @Field(() => Int)
  onHand!: number;

  @Field(() => Int)
  threshold!: number;
}

@ObjectType()
export class LowStockPage extends ConnectionType(LowStockItem) {}

@ObjectType()
export class StockLocation {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: 'Audit trail entry of a manual stock change.' })
export class StockAdjustment {
  @Field(() => ID)
  id!: string;

  @Field()
  sku!: string;

  @Field(() => ID)
  locationId!: string;

  @Field({ description: 'Keycloak user id of who changed it.' })
  actorId!: string;

  @Field()
  reason!: string;

  @Field(() => Int)
  onHandBefore!: number;

  @Field(() => Int)
  onHandAfter!: number;

  @Field()
  createdAt!: Date;
}

/** A stock row with its sku's low-stock threshold (null: none set). */
export type StockLevelView = StockLevelRow & { lowStockThreshold: number | null };

export function toStockLevel(row: StockLevelView): StockLevel {
  return {
    sku: row.sku,
    locationId: row.locationId,
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.onHand - row.reserved,
    lowStockThreshold: row.lowStockThreshold,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export function toStockLocation(row: LocationRow): StockLocation {
  return { id: row.id, code: row.code, name: row.name };
}

export function toStockAdjustment(row: StockAdjustmentRow): StockAdjustment {
  return {
    id: row.id,
    sku: row.sku,
    locationId: row.locationId,
    actorId: row.actorId,
    reason: row.reason,
    onHandBefore: row.onHandBefore,
    onHandAfter: row.onHandAfter,
    createdAt: row.createdAt,
  };
}
