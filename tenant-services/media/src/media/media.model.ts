import type { MediaPurpose, MediaVariantName } from '@marketplace/contracts';
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { MediaStatus } from './media.document';
import { ConnectionType } from '@marketplace/service-kit';

// Keys are the GraphQL names, values what resolvers return.
export const MediaPurposeEnum = { PRODUCT_IMAGE: 'PRODUCT_IMAGE', REVIEW_PHOTO: 'REVIEW_PHOTO' } as const;
registerEnumType(MediaPurposeEnum, {
  name: 'MediaPurpose',
  description: 'PRODUCT_IMAGE: uploaded by a seller for their tenant. REVIEW_PHOTO: uploaded by a buyer.',
});

export const MediaStatusEnum = { PENDING: 'pending', READY: 'ready', REJECTED: 'rejected' } as const;
registerEnumType(MediaStatusEnum, {
  name: 'MediaStatus',
  description:
    'PENDING until completeUpload accepts the file (READY) or refuses it (REJECTED, file deleted).',
});

export const MediaVariantNameEnum = { THUMBNAIL: 'thumbnail', MEDIUM: 'medium' } as const;
registerEnumType(MediaVariantNameEnum, {
  name: 'MediaVariantName',
  description: 'THUMBNAIL: longest edge 200 px. MEDIUM: longest edge 800 px. Both WebP.',
});

@ObjectType({ description: 'A rendition of an image, served from a short-lived signed URL.' })
export class MediaVariant {
  @Field(() => MediaVariantNameEnum) name!: MediaVariantName;
  @Field({ description: 'Signed GET URL, valid for at least half of the configured download TTL.' })
  url!: string;
  @Field() contentType!: string;
  @Field(() => Int) width!: number;
  @Field(() => Int) height!: number;
  @Field(() => Int) sizeBytes!: number;
}

@ObjectType({
  description: 'An uploaded image. Other subgraphs reference it by id; only READY media resolve publicly.',
})
@Directive('@key(fields: "id")')
export class Media {
  @Field(() => ID) id!: string;
  @Field(() => MediaPurposeEnum) purpose!: MediaPurpose;
  @Field(() => MediaStatusEnum) status!: Exclude<MediaStatus, 'deleted'>;
  @Field() contentType!: string;
  @Field(() => Int, { description: 'Declared size while PENDING, stored size once READY.' })
  sizeBytes!: number;
  @Field(() => String, { nullable: true, description: "Original file name; null outside the owner's view." })
  filename!: string | null;
  @Field(() => Int, { nullable: true }) width!: number | null;
  @Field(() => Int, { nullable: true }) height!: number | null;
  @Field(() => [MediaVariant], { description: 'Empty unless READY.' }) variants!: MediaVariant[];
  @Field(() => String, { nullable: true }) rejectionReason!: string | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
}

@ObjectType()
export class UploadHeader {
  @Field() name!: string;
  @Field() value!: string;
}

@ObjectType({ description: 'Where and how to PUT the file, then call completeUpload(mediaId).' })
export class UploadTicket {
  @Field(() => ID) mediaId!: string;
  @Field({ description: 'Presigned PUT URL; its signature binds the Content-Type and Content-Length.' })
  uploadUrl!: string;
  @Field(() => [UploadHeader], {
    description: 'Send these headers with the PUT (browsers set Content-Length from the body).',
  })
  headers!: UploadHeader[];
  @Field(() => GraphQLISODateTime) expiresAt!: Date;
  @Field(() => Media) media!: Media;
}

@ObjectType()
export class MediaConnection extends ConnectionType(Media) {}
