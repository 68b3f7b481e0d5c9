import { CurrentPrincipal, type Principal, Roles } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { orderIdSchema } from '../orders/order.inputs';
import type { CommissionRuleRow } from './commission-rule.schema';
import { CommissionRates } from './commission-rates.repository';

@ObjectType({
  description:
    'A commission rule: global (no seller, no category), per category, or per seller and category. The most ' +
    "specific applies to each order line at checkout and is frozen on it; a seller's own rate is set on the tenant.",
})
export class CommissionRule {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) tenantId!: string | null;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => Int, { description: 'Basis points (1000 = 10 %).' }) rateBps!: number;
  @Field(() => Int, { nullable: true, description: 'Least commission per line, minor units of minCurrency.' })
  minPerLine!: number | null;
  @Field(() => String, { nullable: true }) minCurrency!: string | null;
  @Field() updatedAt!: Date;
}

@InputType()
export class CommissionRuleInput {
  @Field(() => ID, { nullable: true, description: 'Only with a category: seller + category rule.' })
  tenantId?: string;
  @Field(() => ID, { nullable: true }) categoryId?: string;
  @Field(() => Int) rateBps!: number;
  @Field(() => Int, { nullable: true }) minPerLine?: number;
  @Field(() => String, { nullable: true }) minCurrency?: string;
}

const ruleSchema = z
  .object({
    tenantId: z.string().min(1).max(36).optional(),
    categoryId: z.string().min(1).max(64).optional(),
    rateBps: z.number().int().min(0, 'must not be negative').max(10_000, 'at most 10000 (100 %)'),
    minPerLine: z.number().int().min(1).max(1_000_000_000).optional(),
    minCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code in upper case')
      .optional(),
  })
  .refine((rule) => !rule.tenantId || rule.categoryId, {
    message: "a seller's own rate is set on the tenant; a seller rule here needs a category",
    path: ['tenantId'],
  })
  .refine((rule) => (rule.minPerLine === undefined) === (rule.minCurrency === undefined), {
    message: 'minPerLine and minCurrency go together',
    path: ['minPerLine'],
  });

/** Platform admins: the commission rules (audited). */
@Resolver()
export class CommissionRulesResolver {
  constructor(
    private readonly rates: CommissionRates,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Query(() => [CommissionRule])
  async commissionRules(): Promise<CommissionRule[]> {
    return (await this.rates.rules()).map(toRule);
  }

  @Roles('platform-admin')
  @Mutation(() => CommissionRule, { description: 'Creates or replaces the rule of its scope.' })
  async setCommissionRule(
    @CurrentPrincipal() admin: Principal,
    @Args('input') input: CommissionRuleInput,
  ): Promise<CommissionRule> {
    const rule = ruleSchema.parse(input);
    const saved = await this.rates.setRule(
      {
        tenantId: rule.tenantId ?? null,
        categoryId: rule.categoryId ?? null,
        rateBps: rule.rateBps,
        minPerLine: rule.minPerLine ?? null,
        minCurrency: rule.minCurrency ?? null,
      },
      admin.userId,
    );
    this.audit(admin, 'set-commission-rule', saved);
    return toRule(saved);
  }

  @Roles('platform-admin')
  @Mutation(() => CommissionRule)
  async removeCommissionRule(
    @CurrentPrincipal() admin: Principal,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CommissionRule> {
    const removed = await this.rates.removeRule(orderIdSchema.parse(id));
    this.audit(admin, 'remove-commission-rule', removed);
    return toRule(removed);
  }

  private audit(admin: Principal, action: string, rule: CommissionRuleRow): void {
    this.logger.info(
      {
        audit: true,
        adminId: admin.userId,
        action,
        scope: rule.scope,
        rateBps: rule.rateBps,
        minPerLine: rule.minPerLine,
      },
      'commission rule changed',
    );
  }
}

function toRule(row: CommissionRuleRow): CommissionRule {
  return {
    id: row.id,
    tenantId: row.tenantId,
    categoryId: row.categoryId,
    rateBps: row.rateBps,
    minPerLine: row.minPerLine,
    minCurrency: row.minCurrency,
    updatedAt: row.updatedAt,
  };
}
