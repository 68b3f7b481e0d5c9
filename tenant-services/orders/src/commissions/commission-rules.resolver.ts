import { optionalReason, recordAudit } from '@marketplace/audit';
import { CurrentPrincipal, type Principal, Roles } from '@marketplace/auth';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { MySqlDatabase } from '@marketplace/service-kit';
import type { MySqlDb } from '@marketplace/tenancy';
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
  @Field(() => String, { nullable: true, description: 'Why, for the audit log.' }) reason?: string;
}

@InputType({ description: 'A product line to price: which seller, which category, what it costs.' })
export class CommissionPreviewInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => ID, { nullable: true }) categoryId?: string;
  @Field(() => Int, { description: 'Minor units.' }) unitPrice!: number;
  @Field(() => Int, { defaultValue: 1 }) quantity!: number;
  @Field() currency!: string;
}

@ObjectType({
  description: 'What a line would pay under the rules now (new order lines only; sold lines keep theirs).',
})
export class CommissionPreview {
  @Field(() => Int) rateBps!: number;
  @Field(() => Int, { description: 'Minor units.' }) commission!: number;
  @Field(() => Int, { description: 'Line total less commission, minor units.' }) sellerReceives!: number;
  @Field({
    description:
      'Which rule applied: seller-category, seller, category, global or default (registration rate).',
  })
  source!: string;
}

const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code in upper case');

const previewSchema = z.object({
  tenantId: z.uuid('must be a seller (tenant) id'),
  categoryId: z.string().min(1).max(64).nullish(),
  unitPrice: z.number().int().min(0).max(1_000_000_000),
  quantity: z.number().int().min(1).max(10_000),
  currency: currencySchema,
});

const ruleSchema = z
  .object({
    // GraphQL clients may send an absent scope as null.
    tenantId: z.string().min(1).max(36).nullish(),
    categoryId: z.string().min(1).max(64).nullish(),
    rateBps: z.number().int().min(0, 'must not be negative').max(10_000, 'at most 10000 (100 %)'),
    minPerLine: z.number().int().min(1).max(1_000_000_000).optional(),
    minCurrency: currencySchema.optional(),
    reason: optionalReason,
  })
  .refine((rule) => !rule.tenantId || rule.categoryId, {
    message: "a seller's own rate is set on the tenant; a seller rule here needs a category",
    path: ['tenantId'],
  })
  .refine((rule) => (rule.minPerLine === undefined) === (rule.minCurrency === undefined), {
    message: 'minPerLine and minCurrency go together',
    path: ['minPerLine'],
  });

/** Platform admins: the commission rules; every change is in the audit trail with before, after and reason. */
@Resolver()
export class CommissionRulesResolver {
  constructor(
    private readonly rates: CommissionRates,
    private readonly database: MySqlDatabase,
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
    const saved = await this.database.db.transaction(async (tx: MySqlDb) => {
      const change = await this.rates.setRule(
        {
          tenantId: rule.tenantId ?? null,
          categoryId: rule.categoryId ?? null,
          rateBps: rule.rateBps,
          minPerLine: rule.minPerLine ?? null,
          minCurrency: rule.minCurrency ?? null,
        },
        admin.userId,
        tx,
      );
      await this.audit(tx, 'commission-rule.set', change.before, change.after, rule.reason);
      return change.after;
    });
    this.changed(admin, 'commission-rule.set', saved);
    return toRule(saved);
  }

  @Roles('platform-admin')
  @Mutation(() => CommissionRule)
  async removeCommissionRule(
    @CurrentPrincipal() admin: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String, nullable: true, description: 'Why, for the audit log.' })
    reason?: string | null,
  ): Promise<CommissionRule> {
    const ruleId = orderIdSchema.parse(id);
    const why = optionalReason.parse(reason);
    const removed = await this.database.db.transaction(async (tx: MySqlDb) => {
      const row = await this.rates.removeRule(ruleId, tx);
      await this.audit(tx, 'commission-rule.remove', row, undefined, why);
      return row;
    });
    this.changed(admin, 'commission-rule.remove', removed);
    return toRule(removed);
  }

  @Roles('platform-admin')
  @Query(() => CommissionPreview, {
    description: 'What a line of this seller in this category would pay under the rules now (ADR 0019).',
  })
  async commissionPreview(@Args('input') input: CommissionPreviewInput): Promise<CommissionPreview> {
    const line = previewSchema.parse(input);
    const [priced] = await this.rates.forLines([line]);
    return {
      rateBps: priced!.bps,
      commission: priced!.commission,
      sellerReceives: line.unitPrice * line.quantity - priced!.commission,
      source: priced!.source,
    };
  }

  private async audit(
    tx: MySqlDb,
    action: string,
    before: CommissionRuleRow | undefined,
    after: CommissionRuleRow | undefined,
    reason: string | null | undefined,
  ): Promise<void> {
    const rule = (after ?? before)!;
    await recordAudit(tx, {
      service: 'orders',
      action,
      tenantId: rule.tenantId,
      targetType: 'commission-rule',
      targetId: rule.scope,
      before: before ? snapshot(before) : null,
      after: after ? snapshot(after) : null,
      reason: reason ?? null,
    });
  }

  /** After the commit: the audit record goes out now, and the change is logged as an audit line. */
  private changed(admin: Principal, action: string, rule: CommissionRuleRow): void {
    this.logger.info(
      { audit: true, adminId: admin.userId, action, scope: rule.scope, rateBps: rule.rateBps },
      'commission rule changed',
    );
  }
}

function snapshot(row: CommissionRuleRow): Record<string, unknown> {
  return {
    categoryId: row.categoryId,
    rateBps: row.rateBps,
    minPerLine: row.minPerLine,
    minCurrency: row.minCurrency,
  };
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
