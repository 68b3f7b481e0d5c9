import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Upload } from '@aws-sdk/lib-storage';
import { pack, type Pack } from 'tar-stream';
import type { OffboardingObjects } from '@marketplace/offboarding';

/** S3 parts of 8 MiB (the minimum is 5 MiB), two in flight: the archive holds about 16 MiB of memory at most. */
export const ARCHIVE_PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * Streams one tar.gz of every object under `partsPrefix` (each service's JSON Lines and copied media), named by
 * their path below it (`catalog/products.jsonl`, `media/objects/…`) with a `manifest.json` first, into `key`
 * as an S3 multipart upload: each object is read from S3 as a stream into the archive, so neither the parts nor
 * the archive are ever whole in memory and the archive's size is bounded by S3, not by the service (ADR 0046).
 * Answers the archive's size; on any failure the upload is aborted (no partial archive stays behind).
 */
export async function uploadExportArchive(
  objects: OffboardingObjects,
  partsPrefix: string,
  manifest: unknown,
  key: string,
): Promise<{ bytes: number }> {
  const archive = pack();
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const upload = new Upload({
    client: objects.client,
    params: { Bucket: objects.bucket, Key: key, Body: counted, ContentType: 'application/gzip' },
    partSize: ARCHIVE_PART_BYTES,
    queueSize: PARTS_IN_FLIGHT,
    leavePartsOnError: false,
  });
  const uploaded = upload.done();
  const compressed = pipeline(archive as unknown as Readable, createGzip(), counted);
  try {
    await writeEntries(archive, objects, partsPrefix, manifest);
    await Promise.all([compressed, uploaded]);
  } catch (error) {
    archive.destroy(error as Error);
    await upload.abort().catch(() => undefined);
    await Promise.allSettled([compressed, uploaded]);
    throw error;
  }
  return { bytes };
}

async function writeEntries(
  archive: Pack,
  objects: OffboardingObjects,
  partsPrefix: string,
  manifest: unknown,
): Promise<void> {
  const body = Buffer.from(JSON.stringify(manifest, null, 2));
  await new Promise<void>((resolve, reject) =>
    archive.entry({ name: 'manifest.json', size: body.length, mtime: new Date() }, body, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  for (const { key, sizeBytes } of await objects.list(`${partsPrefix}/`)) {
    const source = await objects.read(key);
    await new Promise<void>((resolve, reject) => {
      const sink = archive.entry(
        { name: key.slice(partsPrefix.length + 1), size: sizeBytes, mtime: new Date() },
        (error) => (error ? reject(error) : resolve()),
      );
      source.on('error', reject);
      source.pipe(sink as unknown as NodeJS.WritableStream);
    });
  }
  archive.finalize();
}
