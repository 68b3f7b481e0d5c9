import { CurrentPrincipal, OpenToPendingTenants, type Principal } from '@marketplace/auth';
import { MySqlDatabase } from '@marketplace/service-kit';
import { Args, Field, InputType, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { mailRecords } from './mail.repository';

@ObjectType({
  description:
    'Which optional e-mails the signed-in user receives. Mail about their own orders and refunds is always sent.',
})
export class NotificationPreferences {
  @Field({ description: 'New paid orders of your store (seller contacts).' })
  newOrders!: boolean;

  @Field({ description: 'Low-stock alerts of your store (seller contacts).' })
  lowStock!: boolean;

  @Field({
    description: 'Webhook endpoints of your store disabled after failing for days (seller contacts).',
  })
  webhookFailures!: boolean;
}

@InputType()
export class NotificationPreferencesInput {
  @Field()
  newOrders!: boolean;

  @Field()
  lowStock!: boolean;

  @Field()
  webhookFailures!: boolean;
}

const choicesSchema = z.strictObject({
  newOrders: z.boolean(),
  lowStock: z.boolean(),
  webhookFailures: z.boolean(),
});

/** The caller's own inbox: a seller awaiting approval manages it too (ADR 0048). */
@OpenToPendingTenants()
@Resolver(() => NotificationPreferences)
export class PreferencesResolver {
  constructor(private readonly database: MySqlDatabase) {}

  @Query(() => NotificationPreferences)
  notificationPreferences(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferences> {
    return mailRecords(this.database.db).choices(principal.userId);
  }

  @Mutation(() => NotificationPreferences)
  async updateNotificationPreferences(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: NotificationPreferencesInput,
  ): Promise<NotificationPreferences> {
    const choices = choicesSchema.parse({ ...input });
    await mailRecords(this.database.db).setChoices(principal.userId, choices);
    return choices;
  }
}
