import { randomBytes } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { OffboardingObjects } from '@marketplace/offboarding';
import { untarGzip } from '@marketplace/testing';
import { ulid } from 'ulid';
import { ARCHIVE_PART_BYTES, uploadExportArchive } from '../src/offboarding/export-archive';

/** The export archive streamed from the parts into one S3 multipart upload, on the stack's S3. */
describe('tenants: export archive streamed to S3', () => {
  const objects = OffboardingObjects.fromSettings({
    S3_ENDPOINT: process.env.S3_ENDPOINT,
    S3_REGION: process.env.S3_REGION ?? 'us-east-1',
    S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID,
    S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY,
    S3_BUCKET: process.env.S3_BUCKET ?? 'marketplace-media',
    S3_FORCE_PATH_STYLE: process.env.S3_FORCE_PATH_STYLE === 'true',
  });
  const root = `offboarding-test/${ulid()}`;
  const partsPrefix = `${root}/parts`;
  afterAll(() => objects.deletePrefix(`${root}/`));

  it('packs every part and the manifest into a tar.gz uploaded in several parts, larger than one part', async () => {
    // Random bytes do not compress: the archive is larger than one upload part.
    const photo = randomBytes(ARCHIVE_PART_BYTES + 1024 * 1024);
    const products = Buffer.from('{"_id":"p1","title":"Walnut bowl"}\n{"_id":"p2","title":"Walnut spoon"}\n');
    await objects.put(`${partsPrefix}/catalog/products.jsonl`, products, 'application/x-ndjson');
    await objects.put(`${partsPrefix}/media/objects/photo.jpg`, photo, 'image/jpeg');
    await objects.put(
      `${partsPrefix}/webhooks/webhook_endpoints.jsonl`,
      Buffer.alloc(0),
      'application/x-ndjson',
    );
    const key = `${root}/export.tar.gz`;
    const manifest = { tenantId: ulid(), exportId: ulid() };

    const { bytes } = await uploadExportArchive(objects, partsPrefix, manifest, key);

    const head = await objects.client.send(new HeadObjectCommand({ Bucket: objects.bucket, Key: key }));
    expect(head.ContentLength).toBe(bytes);
    expect(bytes).toBeGreaterThan(ARCHIVE_PART_BYTES);
    // A multipart upload's ETag is the digest of the parts' digests, suffixed with their number.
    expect(head.ETag).toMatch(/-2"?$/);
    const files = await untarGzip(await objects.get(key));
    expect([...files.keys()]).toEqual([
      'manifest.json',
      'catalog/products.jsonl',
      'media/objects/photo.jpg',
      'webhooks/webhook_endpoints.jsonl',
    ]);
    expect(JSON.parse(files.get('manifest.json')!.toString())).toEqual(manifest);
    expect(files.get('catalog/products.jsonl')).toEqual(products);
    expect(files.get('media/objects/photo.jpg')!.equals(photo)).toBe(true);
    expect(files.get('webhooks/webhook_endpoints.jsonl')).toHaveLength(0);
  });

  it('fails without leaving an archive when the parts cannot be read', async () => {
    const key = `${root}/broken.tar.gz`;
    const elsewhere = new OffboardingObjects(objects.client, `no-such-bucket-${ulid().toLowerCase()}`);
    await expect(uploadExportArchive(elsewhere, partsPrefix, {}, key)).rejects.toThrow();
    expect((await objects.list(key)).length).toBe(0);
  });
});
