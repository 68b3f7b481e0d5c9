import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Sign-ups of one UTC day.' })
export class SellerSignupDay {
  @Field({ description: 'YYYY-MM-DD (UTC).' }) day!: string;
  @Field(() => Int) signups!: number;
}

@ObjectType({ description: 'Seller organizations by status now, and sign-ups over the period.' })
export class SellerOverview {
  @Field(() => Int) pending!: number;
  @Field(() => Int) active!: number;
  @Field(() => Int) suspended!: number;
  @Field(() => Int, { description: 'Applications turned down.' }) rejected!: number;
  @Field(() => Int, { description: 'Sign-ups within the period.' }) newSellers!: number;
  @Field(() => [SellerSignupDay], { description: 'Every day of the period, oldest first (0 when none).' })
  signupsByDay!: SellerSignupDay[];
}
