import { CheckAbility, CurrentPrincipal, Public, Roles, type Principal } from '@marketplace/auth';
import { optionalReason } from '@marketplace/audit';
import { mapConnection } from '@marketplace/service-kit';
import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CreateReviewInput,
  createReviewSchema,
  idSchema,
  listArgsSchema,
  removalSchema,
  replySchema,
  reportReasonSchema,
  reviewContentSchema,
  ReviewContentInput,
  sellerOrderIdsSchema,
} from './review.inputs';
import { toOwnReview, toReportedReview, toReview } from './review.mapper';
import {
  OwnReview,
  OwnReviewConnection,
  ReportedReviewConnection,
  Review,
  ReviewablePurchase,
  ReviewRemovalPolicyEnum,
} from './review.model';
import { ReviewsService } from './reviews.service';

@Resolver(() => Review)
export class ReviewsResolver {
  constructor(@Inject(ReviewsService) private readonly reviews: ReviewsService) {}

  // Buyers (authors)

  @CheckAbility('create', 'Review')
  @Mutation(() => OwnReview, {
    description: 'Reviews a product of one of your delivered seller orders; once per product and order.',
  })
  async createReview(
    @Args('input') input: CreateReviewInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OwnReview> {
    const command = createReviewSchema.parse({ ...input });
    return toOwnReview(await this.reviews.create(command, principal.userId), this.reviews.editWindowMs);
  }

  @CheckAbility('update', 'Review')
  @Mutation(() => OwnReview, { description: 'Edits your review (within the edit window after writing it).' })
  async updateReview(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ReviewContentInput,
  ): Promise<OwnReview> {
    const content = reviewContentSchema.parse({ ...input });
    return toOwnReview(await this.reviews.update(idSchema.parse(id), content), this.reviews.editWindowMs);
  }

  @CheckAbility('read', 'Review')
  @Query(() => OwnReviewConnection, {
    description: 'Your reviews, newest first (removed ones with the reason).',
  })
  async myReviews(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<OwnReviewConnection> {
    const args = listArgsSchema.parse({ first: first ?? undefined, after });
    const page = await this.reviews.listOwn(args.first, args.after);
    return mapConnection(page, (doc) => toOwnReview(doc, this.reviews.editWindowMs));
  }

  @CheckAbility('create', 'Review')
  @Query(() => [ReviewablePurchase], {
    description: 'The products of these seller orders of yours, and which of them you can review now.',
  })
  reviewablePurchases(
    @Args('sellerOrderIds', { type: () => [ID] }) sellerOrderIds: string[],
  ): Promise<ReviewablePurchase[]> {
    return this.reviews.reviewable(sellerOrderIdsSchema.parse(sellerOrderIds));
  }

  // Sellers

  @Roles('seller-owner', 'seller-staff')
  @Mutation(() => Review, { description: 'Your one public reply to a review of one of your products.' })
  async replyToReview(
    @Args('id', { type: () => ID }) id: string,
    @Args('text') text: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Review> {
    const review = await this.reviews.reply(idSchema.parse(id), replySchema.parse(text), principal.userId);
    return toReview(review, this.reviews.editWindowMs);
  }

  @Roles('seller-owner', 'seller-staff')
  @Query(() => OwnReviewConnection, { description: 'Reviews of your products, newest first.' })
  async sellerReviews(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<OwnReviewConnection> {
    const args = listArgsSchema.parse({ first: first ?? undefined, after });
    const page = await this.reviews.listForSeller(args.first, args.after);
    return mapConnection(page, (doc) => toOwnReview(doc, this.reviews.editWindowMs));
  }

  // Anyone

  @Public()
  @Query(() => Review, { nullable: true, description: 'A published review.' })
  async review(@Args('id', { type: () => ID }) id: string): Promise<Review | null> {
    const doc = await this.reviews.findPublished(idSchema.parse(id));
    return doc ? toReview(doc, this.reviews.editWindowMs) : null;
  }

  @Mutation(() => Review, { description: 'Marks a review helpful; once per user (again changes nothing).' })
  async markReviewHelpful(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Review> {
    return toReview(
      await this.reviews.markHelpful(idSchema.parse(id), principal.userId),
      this.reviews.editWindowMs,
    );
  }

  @Mutation(() => Boolean, { description: 'Reports a review to the platform moderators; once per user.' })
  reportReview(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<boolean> {
    return this.reviews.report(idSchema.parse(id), principal.userId, reportReasonSchema.parse(reason));
  }

  // Platform moderators

  @Roles('platform-admin')
  @Query(() => ReportedReviewConnection, {
    description: 'Published reviews with abuse reports, newest first.',
  })
  async reportedReviews(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ReportedReviewConnection> {
    const args = listArgsSchema.parse({ first: first ?? undefined, after });
    const page = await this.reviews.listReported(args.first, args.after);
    return mapConnection(page, async (doc) =>
      toReportedReview(doc, this.reviews.editWindowMs, await this.reviews.reportReasons(doc._id)),
    );
  }

  @Roles('platform-admin')
  @Mutation(() => OwnReview, {
    description:
      'Removes a review under one of the stated policies, with the reason (kept, audited, shown to the author). ' +
      'A low rating is never a reason.',
  })
  async removeReview(
    @Args('id', { type: () => ID }) id: string,
    @Args('policy', { type: () => ReviewRemovalPolicyEnum }) policy: string,
    @Args('reason') reason: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<OwnReview> {
    const command = removalSchema.parse({ id, policy, reason });
    const removed = await this.reviews.remove(command.id, command.policy, command.reason, principal.userId);
    return toOwnReview(removed, this.reviews.editWindowMs);
  }

  @Roles('platform-admin')
  @Mutation(() => OwnReview, {
    description: 'Clears the reports of a review that breaks no policy (audited).',
  })
  async dismissReviewReports(
    @Args('id', { type: () => ID }) id: string,
    @Args('note', { nullable: true }) note?: string,
  ): Promise<OwnReview> {
    const review = await this.reviews.dismissReports(idSchema.parse(id), optionalReason.parse(note));
    return toOwnReview(review, this.reviews.editWindowMs);
  }
}
