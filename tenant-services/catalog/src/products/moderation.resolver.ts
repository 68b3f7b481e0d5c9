import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles, type Principal } from '@marketplace/auth';
import { optionalReason, requiredReason } from '@marketplace/audit';
import { InjectLogger, type Logger } from '@marketplace/observability';
import { acrossTenants } from '@marketplace/tenancy';
import { z } from 'zod';
import { AdminProductsService } from './admin-products.service';
import { ModerationService } from './moderation.service';
import { MODERATION_STATES, PRODUCT_STATUSES } from './product.document';
import { idSchema, listArgsSchema } from './product.inputs';
import { toProductModel } from './product.mapper';
import {
  ModerationValue,
  ProductConnectionModel,
  ProductModel,
  ProductStatusValue,
  SellerProductCountsModel,
} from './product.model';

// A tenant id (a Keycloak organization's UUID): the audited read records it, and audit records hold 36 characters.
const sellerIdSchema = z.string().min(1).max(36);

const adminFilterSchema = z.object({
  moderation: z
    .enum(MODERATION_STATES)
    .nullish()
    .transform((v) => v ?? undefined),
  status: z
    .enum(PRODUCT_STATUSES)
    .nullish()
    .transform((v) => v ?? undefined),
  sellerId: sellerIdSchema.nullish().transform((v) => v ?? undefined),
});

@Resolver(() => ProductModel)
export class ModerationResolver {
  constructor(
    @Inject(ModerationService) private readonly moderation: ModerationService,
    @Inject(AdminProductsService) private readonly allProducts: AdminProductsService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  @Roles('platform-admin')
  @Query(() => ProductConnectionModel, {
    description:
      "Every seller's live products in any status and moderation state (drafts, removed products and those of a " +
      'suspended seller included), last changed first: the moderation queue and the seller detail page. ' +
      'An audited cross-tenant read.',
  })
  async adminProducts(
    @Args('moderation', { type: () => ModerationValue, nullable: true }) moderation?: ModerationValue | null,
    @Args('status', { type: () => ProductStatusValue, nullable: true }) status?: ProductStatusValue | null,
    @Args('sellerId', { type: () => ID, nullable: true }) sellerId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ProductConnectionModel> {
    const filter = adminFilterSchema.parse({ moderation, status, sellerId });
    const args = listArgsSchema.parse({ first, after });
    const page = await this.allProducts.list(filter, args.first, args.after);
    return { nodes: page.nodes.map(toProductModel), pageInfo: page.pageInfo };
  }

  @Roles('platform-admin')
  @Query(() => SellerProductCountsModel, {
    description:
      "One seller's published products counted by the catalog: all of them, and those buyers see while the " +
      'seller is active (what a suspension hides). An audited cross-tenant read.',
  })
  async adminProductCounts(
    @Args('sellerId', { type: () => ID }) sellerId: string,
  ): Promise<SellerProductCountsModel> {
    const seller = sellerIdSchema.parse(sellerId);
    return { sellerId: seller, ...(await this.allProducts.counts(seller)) };
  }

  @Roles('platform-admin')
  @Mutation(() => ProductModel, {
    description:
      'Sends a product of any seller back to it (audited): unpublished to a draft and flagged with the policy ' +
      'reason, which the seller reads. Published again, it stays flagged in the moderation queue until approved ' +
      'or removed. Refused for a removed or archived product (409).',
  })
  async rejectProduct(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
    @CurrentPrincipal() admin: Principal,
  ): Promise<ProductModel> {
    const productId = idSchema.parse(id);
    const why = requiredReason.parse(reason);
    const product = await acrossTenants('catalog.reject-product', () =>
      this.moderation.reject(productId, why),
    );
    this.logger.info(
      { audit: true, adminId: admin.userId, productId, tenantId: product.tenantId, reason: why },
      'product rejected',
    );
    return toProductModel(product);
  }

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
