import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import type { TenantDataStore } from './tenant-data';

/** The S3 settings every service reads (`s3Settings` of @marketplace/config). */
export interface S3ObjectSettings {
  S3_ENDPOINT?: string | undefined;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_BUCKET: string;
  S3_FORCE_PATH_STYLE: boolean;
}

export function createS3Client(config: S3ObjectSettings): S3Client {
  const credentials =
    config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
      : undefined;
  return new S3Client({
    region: config.S3_REGION,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
    ...(credentials ? { credentials } : {}),
  });
}

const DELETE_BATCH = 1000;

export interface StoredObject {
  key: string;
  sizeBytes: number;
  lastModified: Date;
}

/** The bucket as offboarding uses it: export parts and archives, and a tenant's objects to delete. */
export class OffboardingObjects {
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
  ) {}

  static fromSettings(config: S3ObjectSettings): OffboardingObjects {
    return new OffboardingObjects(createS3Client(config), config.S3_BUCKET);
  }

  async putJsonLines(key: string, records: readonly unknown[]): Promise<void> {
    const body = records.map((record) => JSON.stringify(record)).join('\n');
    await this.put(key, Buffer.from(records.length > 0 ? `${body}\n` : ''), 'application/x-ndjson');
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  async copy(from: string, to: string): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: to,
        CopySource: `${this.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(await answer.Body!.transformToByteArray());
  }

  /** The object's content as a stream (an archive's parts are copied into it without holding them). */
  async read(key: string): Promise<Readable> {
    const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return answer.Body as Readable;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const found: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? [])
        if (object.Key)
          found.push({
            key: object.Key,
            sizeBytes: object.Size ?? 0,
            lastModified: object.LastModified ?? new Date(0),
          });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  /** Deletes every object under `prefix`; answers how many there were. */
  async deletePrefix(prefix: string): Promise<number> {
    const keys = (await this.list(prefix)).map(({ key }) => key);
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: keys.slice(start, start + DELETE_BATCH).map((Key) => ({ Key })), Quiet: true },
        }),
      );
    }
    return keys.length;
  }

  downloadUrl(key: string, expiresInSeconds: number, fileName: string): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: `attachment; filename="${fileName}"`,
      }),
      { expiresIn: expiresInSeconds },
    );
  }
}

/**
 * A tenant's objects under one key prefix (`prefixOf(tenantId)` ends with `/`): exported as copies of the
 * objects themselves, deleted with everything under the prefix.
 */
export function s3TenantObjects(
  objects: OffboardingObjects,
  prefixOf: (tenantId: string) => string,
): TenantDataStore<unknown> {
  return {
    async exportFiles(tenantId) {
      const prefix = prefixOf(tenantId);
      return (await objects.list(prefix)).map(({ key, sizeBytes }) => ({
        name: `objects/${key.slice(prefix.length)}`,
        copyOf: key,
        sizeBytes,
      }));
    },
    async erase(tenantId) {
      return { deleted: { 's3-objects': await objects.deletePrefix(prefixOf(tenantId)) }, anonymized: {} };
    },
  };
}
