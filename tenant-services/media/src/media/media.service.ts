import { withinTenant } from '@marketplace/tenancy';
import { mediaDeletedV1, mediaReadyV1, mediaRejectedV1 } from '@marketplace/contracts';
import { DocumentOutbox, type OutgoingEvent } from '@marketplace/events';
import { monotonicFactory } from 'ulid';
import type { ObjectKeys } from '../storage/object-keys';
import { ObjectTooLargeError, type ObjectStore, type PresignedUpload } from '../storage/object-store';
import { inspectImage, type InspectionResult } from './image-inspection';
import { renderVariants, type RenderedVariant } from './image-variants';
import { buyerIdOf, type MediaDocument, type MediaStatus, type StoredVariant } from './media.document';
import { ConflictError, NotFoundError, ValidationError } from '@marketplace/observability';
import { type Connection, pageOf } from '@marketplace/service-kit';
import { type CreateUploadCommand, mediaCursor } from './media.inputs';
import type { MediaStore, NewMedia, PublicMediaReader, StateChangeUpdate } from './media.repository';
import type { MediaScope } from './media-scope';
import { isAllowedContentType, type UploadLimits } from './upload-policy';
import type { WorkLimiter } from './work-limiter';

type Inspected = Extract<InspectionResult, { ok: true }>;

// Monotonic within this process, so media created in the same millisecond still list in creation order.
const newMediaId = monotonicFactory();

export interface MediaServiceOptions {
  stores: Record<MediaScope, MediaStore>;
  publicReader: PublicMediaReader;
  objects: ObjectStore;
  keys: ObjectKeys;
  limits: UploadLimits;
  /** Bounds how many images this process decodes at once. */
  imageWork: WorkLimiter;
  uploadUrlTtlSeconds: number;
  /** Called after a write that added outbox events, so the relay can publish at once. */
  onEventsWritten?: () => void;
}

export interface CreatedUpload {
  media: MediaDocument;
  upload: PresignedUpload;
}

type Located = { store: MediaStore; doc: MediaDocument };

/**
 * The upload lifecycle: createUpload (pending, presigned PUT) → the client PUTs the file to S3 →
 * completeUpload inspects it and renders variants (ready) or deletes it (rejected) → deleteMedia. Every
 * state change writes its event into the same document update (see events/document-outbox.ts).
 */
export class MediaService {
  constructor(private readonly options: MediaServiceOptions) {}

  async createUpload(
    scope: MediaScope,
    input: CreateUploadCommand,
    uploadedBy: string,
  ): Promise<CreatedUpload> {
    const store = this.options.stores[scope];
    const quota = this.options.limits.quotaBytes[scope];
    const used = await store.usedBytes();
    if (used + input.sizeBytes > quota)
      throw new ValidationError(
        `This upload would exceed your storage quota of ${quota} bytes (${used} used); delete media you no longer need`,
      );
    const id = newMediaId();
    const originalKey = this.options.keys.original(store.owner(), id);
    const upload = await this.options.objects.presignUpload(
      originalKey,
      input.contentType,
      input.sizeBytes,
      this.options.uploadUrlTtlSeconds,
    );
    const now = new Date();
    const media: NewMedia = {
      _id: id,
      purpose: input.purpose,
      status: 'pending',
      contentType: input.contentType,
      declaredSizeBytes: input.sizeBytes,
      filename: input.filename,
      originalKey,
      uploadedBy,
      uploadExpiresAt: upload.expiresAt,
      variants: [],
      pendingEventCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    await store.insert(media);
    const stored = await store.findById(id);
    if (!stored) throw new Error(`Media ${id} vanished after insert`);
    return { media: stored, upload };
  }

  async get(scopes: readonly MediaScope[], id: string): Promise<MediaDocument> {
    return (await this.locate(scopes, id)).doc;
  }

  async list(scope: MediaScope, first: number, afterId?: string): Promise<Connection<MediaDocument>> {
    const items = await this.options.stores[scope].list(first + 1, afterId);
    return pageOf(items, first, (doc) => mediaCursor.encode({ id: doc._id }));
  }

  /** The owner's ready media of that file name: lets the seed skip what an earlier run uploaded. */
  findReadyByFilename(scope: MediaScope, filename: string): Promise<MediaDocument | null> {
    return this.options.stores[scope].findReadyByFilename(filename);
  }

  /**
   * Which of `ids` are product images of `tenantId` that a product may show (pending or ready): asked by the
   * catalog (an internal call naming the seller), so a product never references another owner's media.
   */
  productImagesOf(tenantId: string, ids: readonly string[]): Promise<string[]> {
    return withinTenant(tenantId, () => this.options.stores.tenant.usableIds(ids));
  }

  /** Ready media of any owner, for the public (federated) view; null for anything else. */
  findPublic(id: string): Promise<MediaDocument | null> {
    return this.options.publicReader.findReady(id);
  }

  /**
   * Accepts the uploaded file (variants rendered, status ready) or rejects it (object deleted, status
   * rejected, ValidationError with the reason). Completing a ready media again returns it unchanged.
   */
  async complete(scopes: readonly MediaScope[], id: string): Promise<MediaDocument> {
    const { store, doc } = await this.locate(scopes, id);
    if (doc.status === 'ready') return doc;
    if (doc.status === 'rejected')
      throw new ValidationError(`This upload was rejected: ${doc.rejectionReason ?? 'unknown reason'}`);

    const stored = await this.options.objects.head(doc.originalKey);
    if (!stored) {
      if (doc.uploadExpiresAt.getTime() < Date.now()) {
        return this.reject(store, doc, 'The upload URL expired before a file was uploaded');
      }
      throw new ValidationError(
        'No file has been uploaded for this media yet: PUT it to the uploadUrl first',
      );
    }
    const maxBytes = this.options.limits.maxBytes[doc.purpose];
    if (stored.sizeBytes > maxBytes)
      return this.reject(store, doc, `The file is larger than the limit of ${maxBytes} bytes`);
    if (stored.sizeBytes !== doc.declaredSizeBytes) {
      return this.reject(
        store,
        doc,
        `The file has ${stored.sizeBytes} bytes, but ${doc.declaredSizeBytes} were declared`,
      );
    }
    const contentType = doc.contentType;
    if (!isAllowedContentType(contentType)) return this.reject(store, doc, 'Unsupported content type');

    let bytes: Buffer;
    try {
      bytes = await this.options.objects.read(doc.originalKey, maxBytes);
    } catch (error) {
      if (error instanceof ObjectTooLargeError)
        return this.reject(store, doc, `The file is larger than the limit of ${maxBytes} bytes`);
      throw error;
    }
    const maxInputPixels = this.options.limits.maxInputPixels;
    const processed = await this.options.imageWork.run(
      async (): Promise<{ rejected: string } | { inspection: Inspected; rendered: RenderedVariant[] }> => {
        const inspection = await inspectImage(bytes, contentType, maxInputPixels);
        if (!inspection.ok) return { rejected: inspection.reason };
        try {
          return { inspection, rendered: await renderVariants(bytes, maxInputPixels) };
        } catch {
          return { rejected: 'The uploaded image is damaged and cannot be decoded' };
        }
      },
    );
    if ('rejected' in processed) return this.reject(store, doc, processed.rejected);
    const { inspection, rendered } = processed;

    const owner = store.owner();
    const variants: StoredVariant[] = [];
    for (const variant of rendered) {
      const key = this.options.keys.variant(owner, id, variant.name);
      await this.options.objects.write(key, variant.body, variant.contentType);
      variants.push({
        name: variant.name,
        key,
        contentType: variant.contentType,
        width: variant.width,
        height: variant.height,
        bytes: variant.bytes,
      });
    }
    const ready = mediaReadyV1.create(
      {
        mediaId: id,
        purpose: doc.purpose,
        buyerId: buyerIdOf(doc),
        contentType: doc.contentType,
        bytes: stored.sizeBytes,
        width: inspection.width,
        height: inspection.height,
        variants: variants.map(({ name, contentType, width, height, bytes: size }) => ({
          name,
          contentType,
          width,
          height,
          bytes: size,
        })),
      },
      this.eventOptions(doc),
    );
    await this.transition(
      store,
      doc,
      'pending',
      {
        $set: {
          status: 'ready',
          sizeBytes: stored.sizeBytes,
          width: inspection.width,
          height: inspection.height,
          variants,
          updatedAt: new Date(),
        },
      },
      [ready],
    );
    return (await this.locate([store.scope], id)).doc;
  }

  /** Deletes the media's objects and marks it deleted; returns its id. */
  async delete(scopes: readonly MediaScope[], id: string): Promise<string> {
    const { store, doc } = await this.locate(scopes, id);
    const previousStatus = doc.status as Exclude<MediaStatus, 'deleted'>;
    await this.options.objects.deleteAll([doc.originalKey, ...doc.variants.map((variant) => variant.key)]);
    const deleted = mediaDeletedV1.create(
      { mediaId: id, purpose: doc.purpose, buyerId: buyerIdOf(doc), previousStatus },
      this.eventOptions(doc),
    );
    await this.transition(
      store,
      doc,
      previousStatus,
      { $set: { status: 'deleted', variants: [], updatedAt: new Date() } },
      [deleted],
    );
    return id;
  }

  private async reject(store: MediaStore, doc: MediaDocument, reason: string): Promise<never> {
    await this.options.objects.deleteAll([doc.originalKey]);
    const rejected = mediaRejectedV1.create(
      { mediaId: doc._id, purpose: doc.purpose, buyerId: buyerIdOf(doc), reason },
      this.eventOptions(doc),
    );
    await this.transition(
      store,
      doc,
      'pending',
      { $set: { status: 'rejected', rejectionReason: reason, updatedAt: new Date() } },
      [rejected],
    );
    throw new ValidationError(reason);
  }

  /** The status guard makes concurrent changes safe: the first request wins, the later one gets a conflict. */
  private async transition(
    store: MediaStore,
    doc: MediaDocument,
    from: MediaStatus,
    update: StateChangeUpdate,
    events: readonly OutgoingEvent[],
  ): Promise<void> {
    const applied = await store.transition(doc._id, from, DocumentOutbox.stage(update, doc._id, events));
    if (!applied) throw new ConflictError(`Media ${doc._id} changed while this request ran; read it again`);
    this.options.onEventsWritten?.();
  }

  /** Review photos belong to a buyer, not to the tenant a seller-who-shops may also carry. */
  private eventOptions(doc: MediaDocument): { tenantId: string | null } {
    return { tenantId: 'tenantId' in doc ? doc.tenantId : null };
  }

  private async locate(scopes: readonly MediaScope[], id: string): Promise<Located> {
    for (const scope of scopes) {
      const store = this.options.stores[scope];
      const doc = await store.findById(id);
      if (doc) return { store, doc };
    }
    throw new NotFoundError('Media not found');
  }
}
