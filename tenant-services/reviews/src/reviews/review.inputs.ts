import { requiredReason } from '@marketplace/audit';
import { reviewRemovalPolicySchema, safeText } from '@marketplace/contracts';
import { opaqueCursor } from '@marketplace/service-kit';
import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { z } from 'zod';
import type { ReviewOrder } from './reviews.repository';

export const MAX_TITLE_LENGTH = 150;
export const MAX_TEXT_LENGTH = 5000;
export const MAX_REPLY_LENGTH = 5000;
export const MAX_PHOTOS = 5;
export const MAX_PAGE = 50;

export const idSchema = z.string().trim().min(1, 'id: required').max(64, 'id: at most 64 characters');

const rating = z
  .number({ message: 'rating: a whole number of stars from 1 to 5' })
  .int('rating: a whole number of stars from 1 to 5')
  .min(1, 'rating: a whole number of stars from 1 to 5')
  .max(5, 'rating: a whole number of stars from 1 to 5');
const title = safeText()
  .trim()
  .min(1, 'title: required')
  .max(MAX_TITLE_LENGTH, `title: at most ${MAX_TITLE_LENGTH} characters`);
const text = safeText({ multiline: true })
  .trim()
  .min(1, 'text: required')
  .max(MAX_TEXT_LENGTH, `text: at most ${MAX_TEXT_LENGTH} characters`);
const photoIds = z
  .array(idSchema)
  .max(MAX_PHOTOS, `photoIds: at most ${MAX_PHOTOS} photos`)
  .refine((ids) => new Set(ids).size === ids.length, 'photoIds: each photo once')
  .default([]);

@InputType({ description: 'What the buyer says about one product of a delivered seller order.' })
export class ReviewContentInput {
  @Field(() => Int, { description: '1 to 5 stars.' }) rating!: number;
  @Field({ description: `At most ${MAX_TITLE_LENGTH} characters.` }) title!: string;
  @Field({ description: `At most ${MAX_TEXT_LENGTH} characters.` }) text!: string;
  @Field(() => [ID], {
    nullable: true,
    description: `Up to ${MAX_PHOTOS} of the buyer's own ready REVIEW_PHOTO uploads (media).`,
  })
  photoIds?: string[] | null;
}

@InputType()
export class CreateReviewInput extends ReviewContentInput {
  @Field(() => ID, { description: 'The delivered seller order the product was bought in.' })
  sellerOrderId!: string;
  @Field(() => ID) productId!: string;
}

export const reviewContentSchema = z.object({
  rating,
  title,
  text,
  photoIds: photoIds.nullish().transform((v) => v ?? []),
});
export type ReviewContent = z.output<typeof reviewContentSchema>;

export const createReviewSchema = reviewContentSchema.extend({
  sellerOrderId: idSchema,
  productId: idSchema,
});
export type CreateReviewCommand = z.output<typeof createReviewSchema>;

export const replySchema = safeText({ multiline: true })
  .trim()
  .min(1, 'text: required')
  .max(MAX_REPLY_LENGTH, `text: at most ${MAX_REPLY_LENGTH} characters`);

export const reportReasonSchema = safeText({ multiline: true })
  .trim()
  .min(3, 'reason: at least 3 characters')
  .max(1000, 'reason: at most 1000 characters');

export const removalSchema = z.object({
  id: idSchema,
  policy: reviewRemovalPolicySchema,
  reason: requiredReason,
});

export enum ReviewSort {
  NEWEST = 'newest',
  MOST_HELPFUL = 'helpful',
  HIGHEST_RATING = 'highest',
  LOWEST_RATING = 'lowest',
}
registerEnumType(ReviewSort, { name: 'ReviewSort', description: 'Order of a product page review list.' });

const first = z.number().int().min(1, 'first: at least 1').max(MAX_PAGE, `first: at most ${MAX_PAGE}`);

export const listArgsSchema = z.object({ first: first.default(10), after: z.string().max(500).nullish() });

/** Position in a public list; the sort is part of it, so a cursor of another order is refused. */
export const reviewListCursor = opaqueCursor(
  z.object({
    sort: z.enum(['newest', 'helpful', 'highest', 'lowest']),
    value: z.union([z.number(), z.string()]),
    id: z.string().min(1).max(64),
  }),
);

export const idCursor = opaqueCursor(z.object({ id: z.string().min(1).max(64) }));

export function sortOf(sort: ReviewSort | null | undefined): ReviewOrder {
  return sort ?? ReviewSort.NEWEST;
}

export const sellerOrderIdsSchema = z
  .array(idSchema)
  .min(1, 'sellerOrderIds: at least one')
  .max(MAX_PAGE, `sellerOrderIds: at most ${MAX_PAGE}`);
