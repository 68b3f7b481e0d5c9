import { TenantRef } from '@marketplace/service-kit';
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

// Sums are integer minor units typed Float: a marketplace's GMV over a quarter outgrows GraphQL's 32-bit Int.
const MINOR_UNITS = 'Integer minor units of the currency.';

@ObjectType({ description: 'Sales of one UTC day.' })
export class SalesDay {
  @Field({ description: 'YYYY-MM-DD (UTC).' }) day!: string;
  @Field(() => Float, { description: MINOR_UNITS }) gmv!: number;
  @Field(() => Float, { description: MINOR_UNITS }) commission!: number;
  @Field(() => Int, { description: 'Buyer orders with a line of a sold seller order that day.' })
  orders!: number;
}

@ObjectType({ description: "One seller's sales in the period." })
export class SellerSales {
  @Field(() => TenantRef) seller!: TenantRef;
  @Field(() => Float, { description: MINOR_UNITS }) gmv!: number;
  @Field(() => Float, { description: MINOR_UNITS }) commission!: number;
  @Field(() => Int) orders!: number;
}

@ObjectType({
  description:
    'Sales over the last `days` UTC days in one currency, computed by the orders service. A sale is a seller order ' +
    'that was paid (later refunds stay in GMV and show in `refunded`); commission is what the lines froze at sale.',
})
export class SalesOverview {
  @Field() currency!: string;
  @Field(() => [String], { description: 'Currencies sold in during the period, most GMV first.' })
  currencies!: string[];
  @Field(() => Int) days!: number;
  @Field(() => Float, { description: `Gross merchandise value. ${MINOR_UNITS}` }) gmv!: number;
  @Field(() => Float, { description: MINOR_UNITS }) commission!: number;
  @Field(() => Int, { description: 'Take rate, commission ÷ GMV, in basis points (0 without sales).' })
  takeRateBps!: number;
  @Field(() => Float, { description: `Refunded to buyers on those sales. ${MINOR_UNITS}` }) refunded!: number;
  @Field(() => Int, { description: 'Refund rate, refunded ÷ GMV, in basis points (0 without sales).' })
  refundRateBps!: number;
  @Field(() => Int, { description: 'Buyer orders.' }) orders!: number;
  @Field(() => Int, { description: 'Sellers with at least one sale.' }) sellingSellers!: number;
  @Field(() => [SalesDay], { description: 'Every day of the period, oldest first (zeros when none).' })
  byDay!: SalesDay[];
  @Field(() => [SellerSales], { description: 'The sellers with the most GMV, most first.' })
  topSellers!: SellerSales[];
}
