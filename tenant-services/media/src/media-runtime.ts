import { DocumentOutboxRelay, KafkaSender, type EventsLogger } from '@marketplace/events';
import { createDocumentWriteSerializer } from '@marketplace/service-kit';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Collection, Db, Document } from 'mongodb';
import type { MediaConfig } from './config';
import {
  BuyerMediaStore,
  openMediaCollections,
  PublicMediaReader,
  TenantMediaStore,
} from './media/media.repository';
import { MediaService } from './media/media.service';
import { MediaViews } from './media/media.views';
import { WorkLimiter } from './media/work-limiter';
import type { UploadLimits } from './media/upload-policy';
import { ObjectKeys } from './storage/object-keys';
import { createS3Client, ObjectStore } from './storage/object-store';

/**
 * Everything the media service runs on besides its MongoDB database, wired once: the Nest module and the seed
 * script share it, so the seed goes through exactly the code path the API uses.
 */
export class MediaRuntime {
  private constructor(
    private readonly s3: S3Client,
    readonly objects: ObjectStore,
    readonly service: MediaService,
    readonly views: MediaViews,
    readonly limits: UploadLimits,
    readonly relay: DocumentOutboxRelay,
    readonly imageWork: WorkLimiter,
  ) {}

  static async start(config: MediaConfig, db: Db, logger: EventsLogger): Promise<MediaRuntime> {
    const collections = await openMediaCollections(db);
    const s3 = createS3Client(config);
    const objects = new ObjectStore(s3, config.S3_BUCKET);
    const limits: UploadLimits = {
      maxBytes: {
        PRODUCT_IMAGE: config.MEDIA_MAX_PRODUCT_IMAGE_BYTES,
        REVIEW_PHOTO: config.MEDIA_MAX_REVIEW_PHOTO_BYTES,
      },
      maxInputPixels: config.MEDIA_MAX_INPUT_PIXELS,
      quotaBytes: { tenant: config.MEDIA_TENANT_QUOTA_BYTES, buyer: config.MEDIA_BUYER_QUOTA_BYTES },
    };
    const outboxCollections = [collections.tenant, collections.buyer] as unknown as Collection<Document>[];
    // Media ids are ULIDs, unique across both collections, so one serializer keyed by id covers both.
    const serializeWrite = createDocumentWriteSerializer();
    const relay = new DocumentOutboxRelay({
      collections: outboxCollections,
      serializeDocumentWrite: serializeWrite,
      sender: new KafkaSender({
        brokers: config.KAFKA_BROKERS,
        clientId: `${config.SERVICE_NAME}-outbox`,
      }),
      logger,
    });
    const imageWork = new WorkLimiter(config.MEDIA_IMAGE_CONCURRENCY);
    const service = new MediaService({
      stores: {
        tenant: new TenantMediaStore(collections.tenant, serializeWrite),
        buyer: new BuyerMediaStore(collections.buyer, serializeWrite),
      },
      publicReader: new PublicMediaReader(outboxCollections),
      objects,
      keys: new ObjectKeys(config.MEDIA_KEY_PREFIX),
      limits,
      imageWork,
      uploadUrlTtlSeconds: config.MEDIA_UPLOAD_URL_TTL_SECONDS,
      onEventsWritten: () => relay.notify(),
    });
    const views = new MediaViews(objects, config.MEDIA_DOWNLOAD_URL_TTL_SECONDS);
    if (config.MEDIA_OUTBOX_RELAY) relay.start();
    return new MediaRuntime(s3, objects, service, views, limits, relay, imageWork);
  }

  /** Stops the relay and the S3 client; the database is the caller's. */
  async close(): Promise<void> {
    await this.relay.stop();
    this.s3.destroy();
  }
}
