import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface PresignedUpload {
  url: string;
  /** Headers the client must send exactly as given: they are part of the signature. */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface StoredObjectInfo {
  sizeBytes: number;
  contentType: string | undefined;
}

/** The body exceeded the byte limit while it was read; nothing beyond the limit is buffered. */
export class ObjectTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Object is larger than ${limitBytes} bytes`);
    this.name = 'ObjectTooLargeError';
  }
}

// One S3 client factory for every service that reads the bucket settings.
export { createS3Client } from '@marketplace/offboarding';

/** Headers a presigned PUT binds into its signature, so the uploader cannot send another type or size. */
const BOUND_UPLOAD_HEADERS = new Set(['content-type', 'content-length']);

/** The bucket as the media service uses it: presigned transfers for clients, direct calls for processing. */
export class ObjectStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(
    key: string,
    contentType: string,
    sizeBytes: number,
    ttlSeconds: number,
  ): Promise<PresignedUpload> {
    const signingDate = new Date();
    const url = await getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: contentType,
        ContentLength: sizeBytes,
      }),
      {
        expiresIn: ttlSeconds,
        signingDate,
        signableHeaders: BOUND_UPLOAD_HEADERS,
        unhoistableHeaders: BOUND_UPLOAD_HEADERS,
      },
    );
    return {
      url,
      headers: { 'Content-Type': contentType, 'Content-Length': String(sizeBytes) },
      expiresAt: new Date(signingDate.getTime() + ttlSeconds * 1000),
    };
  }

  /**
   * A GET URL valid for at least half of `ttlSeconds`. The signing time is rounded down to a window so that
   * repeated reads within a window return the same URL and browsers and CDNs can cache the image.
   */
  async presignDownload(key: string, ttlSeconds: number, now = Date.now()): Promise<string> {
    const windowMs = Math.floor((ttlSeconds * 1000) / 2);
    const signingDate = new Date(Math.floor(now / windowMs) * windowMs);
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: ttlSeconds,
      signingDate,
    });
  }

  /** Size and type of a stored object, or undefined when there is none. */
  async head(key: string): Promise<StoredObjectInfo | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { sizeBytes: head.ContentLength ?? 0, contentType: head.ContentType };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The whole object, refusing to buffer more than `limitBytes`. */
  async read(key: string, limitBytes: number): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const body = object.Body as AsyncIterable<Uint8Array> | undefined;
    if (!body) throw new Error(`GetObject returned no body for ${key}`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (total > limitBytes) {
        (body as { destroy?: () => void }).destroy?.();
        throw new ObjectTooLargeError(limitBytes);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  async write(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        // Variant keys are never rewritten with other content, so caches may keep them.
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }

  /** Deletes the keys; keys that do not exist count as deleted. */
  async deleteAll(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const result = await this.client.send(
      new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    const failed = result.Errors ?? [];
    if (failed.length > 0) {
      throw new Error(
        `Deleting ${failed.length} object(s) failed: ${failed.map((e) => `${e.Key}: ${e.Code}`).join(', ')}`,
      );
    }
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey';
  }
  return false;
}
