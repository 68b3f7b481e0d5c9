import { REVIEW_REMOVAL_POLICIES } from '@marketplace/contracts';
import { ConnectionType } from '@marketplace/service-kit';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const ReviewRemovalPolicyEnum = Object.fromEntries(REVIEW_REMOVAL_POLICIES.map((p) => [p, p])) as {
  [P in (typeof REVIEW_REMOVAL_POLICIES)[number]]: P;
};
registerEnumType(ReviewRemovalPolicyEnum, {
  name: 'ReviewRemovalPolicy',
  description:
    'The only grounds on which a moderator removes a review, whatever its rating (16 CFR 465.7, ADR 0025).',
});

export const ReviewStatusEnum = { PUBLISHED: 'published', REMOVED: 'removed' } as const;
registerEnumType(ReviewStatusEnum, { name: 'ReviewStatus' });

/** An uploaded image, owned by the media subgraph; referenced by id. */
@ObjectType('Media')
@Directive('@key(fields: "id", resolvable: false)')
export class MediaRef {
  @Field(() => ID) id!: string;
}

@ObjectType({
  description: 'Count, mean and 1–5 distribution of the published reviews of a product or seller.',
})
export class RatingSummary {
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true, description: 'Two decimals; null without reviews.' })
  average!: number | null;
  @Field(() => [Int], { description: 'Published reviews with 1, 2, 3, 4 and 5 stars.' })
  distribution!: number[];
}

@ObjectType()
export class ReviewReply {
  @Field() text!: string;
  @Field() createdAt!: Date;
}

@ObjectType({ description: 'Why a moderator removed the review; shown to its author and to admins.' })
export class ReviewRemoval {
  @Field(() => ReviewRemovalPolicyEnum) policy!: string;
  @Field() reason!: string;
  @Field() removedAt!: Date;
}

/** The catalog's product, extended here with its reviews and rating. */
@ObjectType('Product')
@Directive('@key(fields: "id")')
export class ProductRatingRef {
  @Field(() => ID) id!: string;
}

/** The seller organization, extended here with its rating. */
@ObjectType('Tenant')
@Directive('@key(fields: "id")')
export class SellerRatingRef {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A verified buyer’s review of a product bought in a delivered seller order.' })
export class Review {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ProductRatingRef) product!: ProductRatingRef;
  @Field(() => ID, { description: 'The seller (tenant) of the product.' }) sellerId!: string;
  @Field(() => SellerRatingRef, { description: 'The seller of the product.' }) seller!: SellerRatingRef;
  @Field(() => Int) rating!: number;
  @Field() title!: string;
  @Field() text!: string;
  @Field(() => [MediaRef]) photos!: MediaRef[];
  @Field({ description: 'Always true: only buyers of a delivered order can review.' })
  verifiedPurchase!: boolean;
  @Field(() => [String], { description: 'The SKUs (variants) of the product in the order.' })
  skus!: string[];
  @Field(() => ReviewStatusEnum) status!: string;
  @Field(() => Int) helpfulCount!: number;
  @Field(() => ReviewReply, { nullable: true }) reply!: ReviewReply | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) editedAt!: Date | null;
  @Field(() => Date, { description: 'Until when its author may edit it.' }) editableUntil!: Date;
}

@ObjectType({ description: 'A review as its author sees it: with why it was removed, if it was.' })
export class OwnReview extends Review {
  @Field(() => ReviewRemoval, { nullable: true }) removal!: ReviewRemoval | null;
}

@ObjectType({ description: 'A reported review in the moderation queue.' })
export class ReportedReview extends OwnReview {
  @Field(() => Int) reportCount!: number;
  @Field(() => [String], { description: 'The reporters’ reasons, oldest first (at most 100).' })
  reportReasons!: string[];
}

@ObjectType()
export class ReviewConnection extends ConnectionType(Review) {}

@ObjectType()
export class OwnReviewConnection extends ConnectionType(OwnReview) {}

@ObjectType()
export class ReportedReviewConnection extends ConnectionType(ReportedReview) {}

@ObjectType({ description: 'A product of one of the buyer’s seller orders and whether it can be reviewed.' })
export class ReviewablePurchase {
  @Field(() => ID) sellerOrderId!: string;
  @Field(() => ID) productId!: string;
  @Field({ description: 'True once the seller order was delivered and the product is not reviewed yet.' })
  canReview!: boolean;
  @Field(() => ID, { nullable: true, description: 'The buyer’s review of it, if written.' })
  reviewId!: string | null;
}
