import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { TenantRef } from '@marketplace/service-kit';

@ObjectType('CartPriceSnapshot', { description: 'A unit price as the catalog gave it when captured.' })
export class CartPriceSnapshotModel {
  @Field(() => Int, { description: 'Minor units of the currency.' }) amountMinor!: number;
  @Field({ description: 'ISO 4217 code.' }) currency!: string;
  @Field() capturedAt!: Date;
}

@ObjectType('CartAmount', {
  description:
    'A sum in minor units. Float because sums can exceed GraphQL Int (32-bit); the value is always an integer.',
})
export class CartAmountModel {
  @Field(() => Float) amountMinor!: number;
  @Field() currency!: string;
}

@ObjectType('CartLine')
export class CartLineModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ID) variantId!: string;
  @Field() sku!: string;
  @Field() title!: string;
  @Field(() => ID, { nullable: true, description: "The product's category when it was added." })
  categoryId!: string | null;
  @Field(() => Int) quantity!: number;
  @Field(() => CartPriceSnapshotModel) unitPrice!: CartPriceSnapshotModel;
  @Field(() => CartAmountModel) lineTotal!: CartAmountModel;
  @Field() addedAt!: Date;
}

@ObjectType('CartSellerGroup', {
  description: "One seller's lines: they become one seller order at checkout.",
})
export class CartSellerGroupModel {
  @Field(() => ID) tenantId!: string;
  @Field(() => TenantRef) seller!: TenantRef;
  @Field(() => [CartLineModel]) lines!: CartLineModel[];
  @Field(() => [CartAmountModel], { description: 'One entry per currency (a cart holds one currency).' })
  subtotals!: CartAmountModel[];
}

@ObjectType('Cart')
export class CartModel {
  @Field(() => [CartSellerGroupModel]) sellers!: CartSellerGroupModel[];
  @Field(() => [CartAmountModel], { description: 'One entry per currency (a cart holds one currency).' })
  totals!: CartAmountModel[];
  @Field(() => Int, { description: 'Sum of the quantities.' }) itemCount!: number;
}

@ObjectType('AnonymousCart')
export class AnonymousCartModel {
  @Field({ description: 'Send as header x-cart-token; keep it secret, it is the only key to the cart.' })
  token!: string;
  @Field(() => Int, { description: 'Idle time after which the cart expires.' }) expiresInSeconds!: number;
}

@ObjectType('CartMergeResult')
export class CartMergeResultModel {
  @Field(() => CartModel) cart!: CartModel;
  @Field(() => Int, { description: 'Lines of the anonymous cart now in the buyer cart.' })
  mergedLines!: number;
  @Field(() => Int, { description: 'Lines left out because the buyer cart was full.' }) skippedLines!: number;
}

@ObjectType('CartPriceChange')
export class CartPriceChangeModel {
  @Field(() => ID) lineId!: string;
  @Field(() => ID) productId!: string;
  @Field() sku!: string;
  @Field(() => CartPriceSnapshotModel) previousPrice!: CartPriceSnapshotModel;
  @Field(() => CartPriceSnapshotModel) currentPrice!: CartPriceSnapshotModel;
}

@ObjectType('CartUnavailableLine')
export class CartUnavailableLineModel {
  @Field(() => ID) lineId!: string;
  @Field(() => ID) productId!: string;
  @Field() sku!: string;
  @Field() reason!: string;
}

@ObjectType('CartValidation', {
  description: 'The cart re-checked against the catalog; prices on the lines are updated.',
})
export class CartValidationModel {
  @Field(() => CartModel) cart!: CartModel;
  @Field({ description: 'True when nothing changed and every line can be bought.' }) valid!: boolean;
  @Field(() => [CartPriceChangeModel]) changedLines!: CartPriceChangeModel[];
  @Field(() => [CartUnavailableLineModel]) unavailableLines!: CartUnavailableLineModel[];
}
