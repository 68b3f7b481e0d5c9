import { CurrentAbility, CurrentPrincipal, Public, type AppAbility, type Principal } from '@marketplace/auth';
import type { MediaPurpose } from '@marketplace/contracts';
import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { z } from 'zod';
import { mapConnection } from '@marketplace/service-kit';
import {
  createUploadSchema,
  CreateUploadInput,
  mediaCursor,
  mediaIdSchema,
  mediaListSchema,
} from './media.inputs';
import { Media, MediaConnection, MediaPurposeEnum, UploadTicket } from './media.model';
import { MediaService } from './media.service';
import { MediaViews } from './media.views';
import { scopeForPurpose, scopesFor, SCOPE_OF_PURPOSE } from './media-scope';
import type { UploadLimits } from './upload-policy';

export const UPLOAD_LIMITS = Symbol('UPLOAD_LIMITS');

const referenceSchema = z.object({ id: z.string() });

@Resolver(() => Media)
export class MediaResolver {
  private readonly createUploadInput: ReturnType<typeof createUploadSchema>;

  constructor(
    @Inject(MediaService) private readonly mediaService: MediaService,
    @Inject(MediaViews) private readonly views: MediaViews,
    @Inject(UPLOAD_LIMITS) limits: UploadLimits,
  ) {
    this.createUploadInput = createUploadSchema(limits);
  }

  @Mutation(() => UploadTicket, {
    description:
      'Starts an upload: sellers upload PRODUCT_IMAGE for their tenant, buyers REVIEW_PHOTO for themselves.',
  })
  async createUpload(
    @Args('input') rawInput: CreateUploadInput,
    @CurrentPrincipal() principal: Principal,
    @CurrentAbility() ability: AppAbility,
  ): Promise<UploadTicket> {
    const input = this.createUploadInput.parse({ ...rawInput });
    const scope = scopeForPurpose(principal, ability, input.purpose);
    const { media, upload } = await this.mediaService.createUpload(scope, input, principal.userId);
    return {
      mediaId: media._id,
      uploadUrl: upload.url,
      headers: Object.entries(upload.headers).map(([name, value]) => ({ name, value })),
      expiresAt: upload.expiresAt,
      media: await this.views.owner(media),
    };
  }

  @Mutation(() => Media, {
    description:
      'Inspects the uploaded file and renders its variants; a file that is not a valid image is rejected and deleted.',
  })
  async completeUpload(
    @Args('mediaId', { type: () => ID }) mediaId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentAbility() ability: AppAbility,
  ): Promise<Media> {
    const id = mediaIdSchema.parse(mediaId);
    return this.views.owner(await this.mediaService.complete(scopesFor(principal, ability, 'update'), id));
  }

  @Mutation(() => ID, { description: 'Deletes the media and its files; returns its id.' })
  async deleteMedia(
    @Args('id', { type: () => ID }) mediaId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentAbility() ability: AppAbility,
  ): Promise<string> {
    const id = mediaIdSchema.parse(mediaId);
    return this.mediaService.delete(scopesFor(principal, ability, 'delete'), id);
  }

  @Query(() => Media, {
    description: "One of the caller's media (their tenant's, or their own review photos).",
  })
  async media(
    @Args('id', { type: () => ID }) mediaId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentAbility() ability: AppAbility,
  ): Promise<Media> {
    const id = mediaIdSchema.parse(mediaId);
    return this.views.owner(await this.mediaService.get(scopesFor(principal, ability, 'read'), id));
  }

  @Query(() => MediaConnection, {
    description:
      "The caller's media, newest first: the tenant's product images for sellers, own review photos for buyers (or as `purpose` says).",
  })
  async mediaList(
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('purpose', { type: () => MediaPurposeEnum, nullable: true }) purpose: MediaPurpose | null,
    @CurrentPrincipal() principal: Principal,
    @CurrentAbility() ability: AppAbility,
  ): Promise<MediaConnection> {
    const args = mediaListSchema.parse({ first, after, purpose });
    const allowed = scopesFor(principal, ability, 'read');
    const scope = args.purpose ? SCOPE_OF_PURPOSE[args.purpose] : allowed[0]!;
    if (!allowed.includes(scope)) return { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } };
    const page = await this.mediaService.list(
      scope,
      args.first,
      args.after ? mediaCursor.decode(args.after).id : undefined,
    );
    return mapConnection(page, (doc) => this.views.owner(doc));
  }

  /** Other subgraphs (catalog, reviews) reference media by id; anyone may see ready media, nothing else. */
  @Public()
  @ResolveReference()
  async resolveReference(reference: unknown): Promise<Media | null> {
    const parsed = referenceSchema.safeParse(reference);
    if (!parsed.success || !mediaIdSchema.safeParse(parsed.data.id).success) return null;
    const doc = await this.mediaService.findPublic(parsed.data.id);
    return doc ? this.views.public(doc) : null;
  }
}
