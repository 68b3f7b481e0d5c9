import type { ObjectStore } from '../storage/object-store';
import type { MediaDocument } from './media.document';
import type { Media, MediaVariant } from './media.model';

/** Turns stored media into the GraphQL shape, signing variant URLs; the public view hides owner-only fields. */
export class MediaViews {
  constructor(
    private readonly objects: ObjectStore,
    private readonly downloadUrlTtlSeconds: number,
  ) {}

  async owner(doc: MediaDocument): Promise<Media> {
    return {
      ...(await this.public(doc)),
      filename: doc.filename,
      rejectionReason: doc.rejectionReason ?? null,
    };
  }

  async public(doc: MediaDocument): Promise<Media> {
    if (doc.status === 'deleted') throw new Error(`Deleted media ${doc._id} cannot be shown`);
    const variants: MediaVariant[] =
      doc.status === 'ready'
        ? await Promise.all(
            doc.variants.map(async (variant) => ({
              name: variant.name,
              url: await this.objects.presignDownload(variant.key, this.downloadUrlTtlSeconds),
              contentType: variant.contentType,
              width: variant.width,
              height: variant.height,
              sizeBytes: variant.bytes,
            })),
          )
        : [];
    return {
      id: doc._id,
      purpose: doc.purpose,
      status: doc.status,
      contentType: doc.contentType,
      sizeBytes: doc.sizeBytes ?? doc.declaredSizeBytes,
      filename: null,
      width: doc.width ?? null,
      height: doc.height ?? null,
      variants,
      rejectionReason: null,
      createdAt: doc.createdAt,
    };
  }
}
