import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles, type Principal } from '@marketplace/auth';
import { optionalReason, requiredReason } from '@marketplace/audit';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { acrossTenants } from '@marketplace/tenancy';
import { z } from 'zod';
import { ModerationService } from './moderation.service';
import { MODERATION_STATES } from './product.document';
import { idSchema } from './product.inputs';
import { toProductModel } from './product.mapper';
import { ModerationValue, ProductModel } from './product.model';

@Resolver(() => ProductModel)
export class ModerationResolver {
  constructor(
    @Inject(ModerationService) private readonly moderation: ModerationService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Mutation(() => ProductModel, {
    description:
      'Flags, removes or clears a product of any seller (audited). Flagging and removing need a policy reason.',
  })
  async moderateProduct(
    @Args('id', { type: () => ID }) id: string,
    @Args('moderation', { type: () => ModerationValue }) moderation: ModerationValue,
    @CurrentPrincipal() admin: Principal,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ): Promise<ProductModel> {
    const state = z.enum(MODERATION_STATES).parse(moderation);
    const why = state === 'none' ? optionalReason.parse(reason) : requiredReason.parse(reason ?? '');
    const product = await acrossTenants('catalog.moderate-product', () =>
      this.moderation.moderate(idSchema.parse(id), state, why),
    );
    this.logger.info(
      {
        audit: true,
        adminId: admin.userId,
        productId: product._id,
        tenantId: product.tenantId,
        moderation,
        reason: why,
      },
      'product moderated',
    );
    return toProductModel(product);
  }
}
