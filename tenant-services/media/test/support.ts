import { DeleteObjectsCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '@marketplace/config';
import { createServiceApp } from '@marketplace/service-kit';
import {
  type GraphQLClient,
  startServiceUnderTest,
  testDatabaseName,
  offboardingTestEnv,
} from '@marketplace/testing';
import { MongoClient, type Db } from 'mongodb';
import sharp from 'sharp';
import { AppModule } from '../src/app.module';
import { mediaConfigSchema, type MediaConfig } from '../src/config';
import { createS3Client } from '../src/storage/object-store';

export { type GraphQLAnswer } from '@marketplace/testing';

export interface MediaTestApp {
  config: MediaConfig;
  base: string;
  db: Db;
  s3: S3Client;
  gql: GraphQLClient;
  objectExists(key: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The service in-process against the real stack, with its own database and key prefix so runs never see
 * each other's data. The relay is off unless asked for: tests of the write path read the outbox directly.
 */
export async function startMediaApp(overrides: Record<string, string> = {}): Promise<MediaTestApp> {
  const database = testDatabaseName('media');
  const config = loadConfig(mediaConfigSchema, {
    ...process.env,
    ...offboardingTestEnv('media'),
    SERVICE_NAME: 'media',
    LOG_LEVEL: 'silent',
    MONGODB_DATABASE: database,
    MEDIA_KEY_PREFIX: `test-media/${database}`,
    MEDIA_OUTBOX_RELAY: 'false',
    ...overrides,
  });
  const mongo = new MongoClient(config.MONGODB_URL);
  await mongo.connect();
  const db = mongo.db(config.MONGODB_DATABASE);
  const s3 = createS3Client(config);
  const service = await startServiceUnderTest(() => createServiceApp(AppModule.forRoot(config)), {
    async cleanup() {
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: config.S3_BUCKET, Prefix: `${config.MEDIA_KEY_PREFIX}/` }),
      );
      const keys = (listed.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length > 0) {
        await s3.send(
          new DeleteObjectsCommand({ Bucket: config.S3_BUCKET, Delete: { Objects: keys, Quiet: true } }),
        );
      }
      s3.destroy();
      await db.dropDatabase();
      await mongo.close();
    },
  });

  return {
    config,
    base: service.baseUrl,
    db,
    s3,
    gql: service.gql,
    async objectExists(key: string) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));
        return true;
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
          return false;
        throw error;
      }
    },
    close: () => service.close(),
  };
}

/** A real PNG of the given size (a gradient, so it does not compress to nothing). */
export async function pngImage(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3;
      pixels[offset] = (x * 255) / width;
      pixels[offset + 1] = (y * 255) / height;
      pixels[offset + 2] = 128;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

export const CREATE_UPLOAD = `mutation ($input: CreateUploadInput!) {
  createUpload(input: $input) { mediaId uploadUrl expiresAt headers { name value } media { id status purpose filename sizeBytes } }
}`;
export const COMPLETE_UPLOAD = `mutation ($id: ID!) {
  completeUpload(mediaId: $id) { id status width height sizeBytes variants { name url width height sizeBytes contentType } }
}`;
export const MEDIA = `query ($id: ID!) { media(id: $id) { id status filename rejectionReason variants { name url } } }`;
export const DELETE_MEDIA = `mutation ($id: ID!) { deleteMedia(id: $id) }`;
export const MEDIA_LIST = `query ($first: Int, $after: String, $purpose: MediaPurpose) {
  mediaList(first: $first, after: $after, purpose: $purpose) { nodes { id status purpose } pageInfo { endCursor hasNextPage } }
}`;
export const ENTITIES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Media { id status filename variants { name url width height } } }
}`;

export interface UploadTicketAnswer {
  createUpload: {
    mediaId: string;
    uploadUrl: string;
    expiresAt: string;
    headers: { name: string; value: string }[];
    media: { id: string; status: string; purpose: string; filename: string; sizeBytes: number };
  };
}

/** PUTs `body` the way a browser would: the ticket's headers, except Content-Length, which fetch derives from the body. */
export async function putToTicket(
  ticket: UploadTicketAnswer['createUpload'],
  body: Buffer,
  contentType?: string,
): Promise<Response> {
  const headers = Object.fromEntries(
    ticket.headers
      .filter((header) => header.name.toLowerCase() !== 'content-length')
      .map((header) => [header.name, header.value]),
  );
  if (contentType) headers['Content-Type'] = contentType;
  return fetch(ticket.uploadUrl, { method: 'PUT', body: new Uint8Array(body), headers });
}

/** Creates an upload, PUTs a real picture to it and completes it; returns the id of the ready media. */
export async function uploadReadyMedia(
  media: MediaTestApp,
  purpose: 'PRODUCT_IMAGE' | 'REVIEW_PHOTO',
  token: string,
  image?: Buffer,
): Promise<string> {
  const picture = image ?? (await pngImage(400, 300));
  const created = await media.gql<UploadTicketAnswer>(
    CREATE_UPLOAD,
    { input: { purpose, contentType: 'image/png', sizeBytes: picture.length, filename: `${purpose}.png` } },
    token,
  );
  if (created.errors) throw new Error(`createUpload failed: ${JSON.stringify(created.errors)}`);
  const ticket = created.data!.createUpload;
  const put = await putToTicket(ticket, picture);
  if (put.status !== 200) throw new Error(`the upload PUT answered ${put.status}`);
  const completed = await media.gql(COMPLETE_UPLOAD, { id: ticket.mediaId }, token);
  if (completed.errors) throw new Error(`completeUpload failed: ${JSON.stringify(completed.errors)}`);
  return ticket.mediaId;
}
