import { MEDIA_PURPOSES, type MediaPurpose, safeText } from '@marketplace/contracts';
import { Field, InputType, Int } from '@nestjs/graphql';
import { z } from 'zod';
import { MediaPurposeEnum } from './media.model';
import { opaqueCursor } from '@marketplace/service-kit';
import { ALLOWED_CONTENT_TYPES, type UploadLimits } from './upload-policy';

@InputType()
export class CreateUploadInput {
  @Field(() => MediaPurposeEnum)
  purpose!: MediaPurpose;

  @Field({
    description:
      'image/jpeg, image/png or image/webp; the upload must be sent with exactly this Content-Type.',
  })
  contentType!: string;

  @Field(() => Int, {
    description: 'Exact size of the file in bytes; the upload must have exactly this length.',
  })
  sizeBytes!: number;

  @Field({ description: 'Original file name, shown to the owner only.' })
  filename!: string;
}

const PURPOSE_LABEL: Record<MediaPurpose, string> = {
  PRODUCT_IMAGE: 'product images',
  REVIEW_PHOTO: 'review photos',
};

export function createUploadSchema(limits: UploadLimits) {
  return z
    .object({
      purpose: z.enum(MEDIA_PURPOSES),
      contentType: z.enum(ALLOWED_CONTENT_TYPES, {
        error: `must be one of ${ALLOWED_CONTENT_TYPES.join(', ')}`,
      }),
      sizeBytes: z.number().int().positive(),
      filename: safeText()
        .trim()
        .min(1)
        .max(255)
        // Names are displayed, never used as paths: no separators.
        .refine(hasNoPathSeparator, 'must not contain slashes'),
    })
    .superRefine((input, context) => {
      const max = limits.maxBytes[input.purpose];
      if (input.sizeBytes > max) {
        context.addIssue({
          code: 'custom',
          path: ['sizeBytes'],
          message: `must be at most ${max} bytes for ${PURPOSE_LABEL[input.purpose]}`,
        });
      }
    });
}
function hasNoPathSeparator(name: string): boolean {
  return !name.includes('/') && !name.includes('\\');
}

export type CreateUploadCommand = z.output<ReturnType<typeof createUploadSchema>>;

/** Media ids are ULIDs, so they sort by creation. */
export const mediaIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a media id');

/** Lists are newest first by id; a page starts after the last media id seen. */
export const mediaCursor = opaqueCursor(z.object({ id: mediaIdSchema }));

export const mediaListSchema = z.object({
  first: z.number().int().min(1).max(100),
  after: z.string().min(1).max(200).nullish(),
  purpose: z.enum(MEDIA_PURPOSES).nullish(),
});
