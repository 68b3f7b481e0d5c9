import { Public } from '@marketplace/auth';
import { mapConnection } from '@marketplace/service-kit';
import { Inject } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema, listArgsSchema, ReviewSort, sortOf } from '../reviews/review.inputs';
import { toReview } from '../reviews/review.mapper';
import { ProductRatingRef, RatingSummary, ReviewConnection, SellerRatingRef } from '../reviews/review.model';
import { ReviewsService } from '../reviews/reviews.service';
import { RatingsService } from './ratings.service';

const referenceSchema = z.object({ id: idSchema });

/** Adds the reviews and rating of a product to the catalog's federated `Product`. */
@Resolver(() => ProductRatingRef)
export class ProductRatingResolver {
  constructor(
    @Inject(RatingsService) private readonly ratings: RatingsService,
    @Inject(ReviewsService) private readonly reviews: ReviewsService,
  ) {}

  @Public()
  @ResolveReference()
  resolveReference(reference: unknown): ProductRatingRef | null {
    const parsed = referenceSchema.safeParse(reference);
    return parsed.success ? { id: parsed.data.id } : null;
  }

  @Public()
  @ResolveField('rating', () => RatingSummary, {
    description: 'Published reviews: count, average, distribution.',
  })
  rating(@Parent() product: ProductRatingRef): Promise<RatingSummary> {
    return this.ratings.ofProduct(product.id);
  }

  @Public()
  @ResolveField('reviews', () => ReviewConnection, { description: 'Published reviews of the product.' })
  async productReviews(
    @Parent() product: ProductRatingRef,
    @Args('sort', { type: () => ReviewSort, nullable: true }) sort?: ReviewSort,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<ReviewConnection> {
    const args = listArgsSchema.parse({ first: first ?? undefined, after });
    const page = await this.reviews.listForProduct(product.id, sortOf(sort), args.first, args.after);
    return mapConnection(page, (doc) => toReview(doc, this.reviews.editWindowMs));
  }
}

/** Adds the seller rating to the tenants service's federated `Tenant`. */
@Resolver(() => SellerRatingRef)
export class SellerRatingResolver {
  constructor(@Inject(RatingsService) private readonly ratings: RatingsService) {}

  @Public()
  @ResolveReference()
  resolveReference(reference: unknown): SellerRatingRef | null {
    const parsed = referenceSchema.safeParse(reference);
    return parsed.success ? { id: parsed.data.id } : null;
  }

  @Public()
  @ResolveField('rating', () => RatingSummary, {
    description: 'Published reviews of all the seller’s products.',
  })
  rating(@Parent() seller: SellerRatingRef): Promise<RatingSummary> {
    return this.ratings.ofSeller(seller.id);
  }
}
