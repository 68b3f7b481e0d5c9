import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Sales of one UTC day.' })
export class DaySales {
  @Field({ description: 'YYYY-MM-DD (UTC).' }) day!: string;
  @Field(() => Int, { description: 'Minor units.' }) sales!: number;
  @Field(() => Int) orders!: number;
}

@ObjectType({ description: 'Figures of the paid orders in one currency (amounts in its minor units).' })
export class CurrencyFigures {
  @Field() currency!: string;
  @Field(() => Int, { description: 'Gross sales: subtotals of the paid orders, refunds not deducted.' })
  sales!: number;
  @Field(() => Int, { description: 'Paid orders.' }) orders!: number;
  @Field(() => Int, { description: 'Sales over orders, rounded.' }) averageOrderValue!: number;
  @Field(() => Int, { description: 'Refunded to buyers on these orders so far.' }) refunded!: number;
  @Field(() => Int, { description: 'Orders with any refund.' }) refundedOrders!: number;
  @Field(() => [DaySales], {
    description: 'Every day of the period, oldest first (days without sales are 0).',
  })
  salesByDay!: DaySales[];
}

@ObjectType()
export class StatusCount {
  @Field() status!: string;
  @Field(() => Int) orders!: number;
}

@ObjectType()
export class TopProduct {
  @Field(() => ID) productId!: string;
  @Field() title!: string;
  @Field(() => Int, { description: 'Units in paid orders of the period.' }) units!: number;
}

@ObjectType({
  description: "The seller's figures over the last `days` UTC days (1 = today since midnight UTC).",
})
export class SellerDashboard {
  @Field(() => Int) days!: number;
  @Field({ description: 'Start of the period (UTC midnight).' }) since!: Date;
  @Field(() => [CurrencyFigures], { description: 'One entry per currency sold in, most sales first.' })
  figures!: CurrencyFigures[];
  @Field(() => [StatusCount], { description: 'Orders placed in the period by their status now.' })
  ordersByStatus!: StatusCount[];
  @Field(() => [TopProduct], { description: 'The five products with the most units sold in the period.' })
  topProducts!: TopProduct[];
  @Field(() => Int, { description: 'Orders of any date waiting to be fulfilled or shipped.' })
  awaitingFulfilment!: number;
}
