import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { stackEnv } from './stack-env';

const MiB = 1024 * 1024;
const md5 = (data: Buffer) => createHash('md5').update(data).digest();

describe('s3-compatible object store (local stack)', () => {
  const bucket = stackEnv('S3_BUCKET');
  const client = new S3Client({
    endpoint: stackEnv('S3_ENDPOINT'),
    region: stackEnv('S3_REGION'),
    forcePathStyle: stackEnv('S3_FORCE_PATH_STYLE') === 'true',
    credentials: {
      accessKeyId: stackEnv('S3_ACCESS_KEY_ID'),
      secretAccessKey: stackEnv('S3_SECRET_ACCESS_KEY'),
    },
  });
  const createdKeys: string[] = [];
  const objectKey = (name: string) => {
    const key = `stack-smoke/${randomUUID()}/${name}`;
    createdKeys.push(key);
    return key;
  };

  // The bucket is shared with the platform; the smoke test leaves nothing behind.
  afterAll(async () => {
    await client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: createdKeys.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    client.destroy();
  });

  it('accepts a browser-style upload to a presigned PUT URL and serves it from a presigned GET URL', async () => {
    const Key = objectKey('photo.png');
    const body = randomBytes(64 * 1024);
    const putUrl = await getSignedUrl(
      client,
      new PutObjectCommand({ Bucket: bucket, Key, ContentType: 'image/png' }),
      {
        expiresIn: 300,
      },
    );

    const put = await fetch(putUrl, { method: 'PUT', body, headers: { 'Content-Type': 'image/png' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${md5(body).toString('hex')}"`);

    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key }), {
      expiresIn: 300,
    });
    const get = await fetch(getUrl);
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);
  });

  it('completes a multipart upload and reads back the whole object', async () => {
    const Key = objectKey('video.mp4');
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(MiB)];
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key, ContentType: 'video/mp4' }),
    );
    expect(UploadId).toBeTruthy();

    const uploaded = [];
    for (const [index, part] of parts.entries()) {
      const PartNumber = index + 1;
      const { ETag } = await client.send(
        new UploadPartCommand({ Bucket: bucket, Key, UploadId, PartNumber, Body: part }),
      );
      expect(ETag).toBe(`"${md5(part).toString('hex')}"`);
      uploaded.push({ PartNumber, ETag });
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: uploaded },
      }),
    );

    // S3's multipart ETag: MD5 of the concatenated part MD5s, then "-<part count>".
    const expectedEtag = `"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-${parts.length}"`;
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
    expect(head.ContentLength).toBe(11 * MiB);
    expect(head.ETag).toBe(expectedEtag);

    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
    if (!object.Body) throw new Error('GetObject returned no body');
    const bytes = Buffer.from(await object.Body.transformToByteArray());
    expect(bytes.length).toBe(11 * MiB);
    expect(bytes.equals(Buffer.concat(parts))).toBe(true);
  });

  it('refuses an expired presigned URL', async () => {
    const Key = objectKey('expired.txt');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'secret' }));
    // Signed a minute ago for one second: expired without the test having to wait.
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 60_000),
    });

    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses a presigned URL whose object key or signature was altered', async () => {
    const Key = objectKey('invoice.pdf');
    const otherKey = objectKey('other.pdf');
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: otherKey, Body: 'not yours' }));
    const url = new URL(
      await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key }), { expiresIn: 300 }),
    );

    const redirected = new URL(url);
    redirected.pathname = `/${bucket}/${otherKey}`;
    const keySwap = await fetch(redirected);
    expect(keySwap.status).toBe(403);
    expect(await keySwap.text()).not.toContain('not yours');

    const forged = new URL(url);
    const signature = forged.searchParams.get('X-Amz-Signature') ?? '';
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    forged.searchParams.set(
      'X-Amz-Signature',
      `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
    );
    const badSignature = await fetch(forged, { method: 'PUT', body: 'overwrite' });
    expect(badSignature.status).toBe(403);
  });

  it('lets localhost pages upload directly (bucket CORS) and refuses other origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${stackEnv('S3_ENDPOINT')}/${bucket}/${objectKey('upload.jpg')}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type',
        },
      });

    const allowed = await preflight('http://localhost:4200');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PUT');

    const foreign = await preflight('https://attacker.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
