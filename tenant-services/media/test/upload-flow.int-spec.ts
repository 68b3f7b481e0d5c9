import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createTestBuyer, createTestTenant, type TestTenant, type TestUser } from '@marketplace/testing';
import sharp from 'sharp';
import {
  COMPLETE_UPLOAD,
  CREATE_UPLOAD,
  DELETE_MEDIA,
  ENTITIES,
  MEDIA,
  pngImage,
  putToTicket,
  startMediaApp,
  type MediaTestApp,
  type UploadTicketAnswer,
} from './support';

interface Completed {
  completeUpload: {
    id: string;
    status: string;
    width: number;
    height: number;
    sizeBytes: number;
    variants: {
      name: string;
      url: string;
      width: number;
      height: number;
      sizeBytes: number;
      contentType: string;
    }[];
  };
}

describe('media uploads (real S3, FerretDB, Keycloak)', () => {
  let media: MediaTestApp;
  let seller: TestTenant;
  let buyer: TestUser;

  beforeAll(async () => {
    [media, seller, buyer] = await Promise.all([startMediaApp(), createTestTenant(), createTestBuyer()]);
  });
  afterAll(() => media.close());

  const createUpload = (input: Record<string, unknown>, token: string) =>
    media.gql<UploadTicketAnswer>(CREATE_UPLOAD, { input }, token);

  it('presigns a PUT, accepts the uploaded image and renders WebP variants of the right size', async () => {
    const image = await pngImage(1600, 1200);
    const created = await createUpload(
      { purpose: 'PRODUCT_IMAGE', contentType: 'image/png', sizeBytes: image.length, filename: 'jacket.png' },
      seller.owner.token,
    );
    expect(created.errors).toBeUndefined();
    const ticket = created.data!.createUpload;
    expect(ticket.media).toEqual({
      id: ticket.mediaId,
      status: 'PENDING',
      purpose: 'PRODUCT_IMAGE',
      filename: 'jacket.png',
      sizeBytes: image.length,
    });
    expect(ticket.headers).toEqual(
      expect.arrayContaining([
        { name: 'Content-Type', value: 'image/png' },
        { name: 'Content-Length', value: String(image.length) },
      ]),
    );
    expect(new Date(ticket.expiresAt).getTime()).toBeGreaterThan(Date.now());

    expect((await putToTicket(ticket, image)).status).toBe(200);
    const completed = await media.gql<Completed>(COMPLETE_UPLOAD, { id: ticket.mediaId }, seller.owner.token);
    expect(completed.errors).toBeUndefined();
    const done = completed.data!.completeUpload;
    expect(done).toMatchObject({
      id: ticket.mediaId,
      status: 'READY',
      width: 1600,
      height: 1200,
      sizeBytes: image.length,
    });
    expect(
      done.variants.map(({ name, width, height, contentType }) => ({ name, width, height, contentType })),
    ).toEqual([
      { name: 'THUMBNAIL', width: 200, height: 150, contentType: 'image/webp' },
      { name: 'MEDIUM', width: 800, height: 600, contentType: 'image/webp' },
    ]);

    // The signed URLs serve real WebP files of the recorded dimensions and sizes.
    for (const variant of done.variants) {
      const response = await fetch(variant.url);
      expect(response.status).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBe(variant.sizeBytes);
      const metadata = await sharp(bytes).metadata();
      expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({
        format: 'webp',
        width: variant.width,
        height: variant.height,
      });
    }

    // The state change and its event were one write: the media.ready envelope waits in the document.
    const stored = await media.db.collection('tenant_media').findOne({ _id: ticket.mediaId as never });
    expect(stored).toMatchObject({ tenantId: seller.tenantId, status: 'ready', pendingEventCount: 1 });
    const envelopes = Object.values(
      stored!.pendingEvents as Record<string, { topic: string; key: string; envelope: string }>,
    );
    expect(envelopes.map((event) => ({ topic: event.topic, key: event.key }))).toEqual([
      { topic: 'media.asset.v1', key: ticket.mediaId },
    ]);
    expect(JSON.parse(envelopes[0]!.envelope)).toMatchObject({
      type: 'media.ready',
      version: 1,
      tenantId: seller.tenantId,
      payload: {
        mediaId: ticket.mediaId,
        purpose: 'PRODUCT_IMAGE',
        buyerId: null,
        width: 1600,
        height: 1200,
      },
    });
  });

  it('lets S3 refuse an upload whose length or type differs from what was signed', async () => {
    const image = await pngImage(64, 64);
    const created = await createUpload(
      { purpose: 'PRODUCT_IMAGE', contentType: 'image/png', sizeBytes: image.length, filename: 'small.png' },
      seller.owner.token,
    );
    const ticket = created.data!.createUpload;
    const longer = Buffer.concat([image, Buffer.alloc(1024)]);
    expect((await putToTicket(ticket, longer)).status).toBe(403);
    expect((await putToTicket(ticket, image, 'text/html')).status).toBe(403);
    const key = (await media.db.collection('tenant_media').findOne({ _id: ticket.mediaId as never }))!
      .originalKey as string;
    expect(await media.objectExists(key)).toBe(false);
  });

  it('refuses an oversized declared size and an unsupported type with 400, creating nothing', async () => {
    const before = await media.db.collection('tenant_media').countDocuments();
    const oversized = await createUpload(
      {
        purpose: 'PRODUCT_IMAGE',
        contentType: 'image/jpeg',
        sizeBytes: 10 * 1024 * 1024 + 1,
        filename: 'huge.jpg',
      },
      seller.owner.token,
    );
    expect(oversized.data ?? null).toBeNull();
    expect(oversized.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(oversized.errors?.[0]?.message).toContain(
      'sizeBytes: must be at most 10485760 bytes for product images',
    );

    const gif = await createUpload(
      { purpose: 'PRODUCT_IMAGE', contentType: 'image/gif', sizeBytes: 1000, filename: 'anim.gif' },
      seller.owner.token,
    );
    expect(gif.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gif.errors?.[0]?.message).toContain('contentType');

    const reviewTooBig = await createUpload(
      {
        purpose: 'REVIEW_PHOTO',
        contentType: 'image/jpeg',
        sizeBytes: 5 * 1024 * 1024 + 1,
        filename: 'photo.jpg',
      },
      buyer.token,
    );
    expect(reviewTooBig.errors?.[0]?.message).toContain('must be at most 5242880 bytes for review photos');
    expect(await media.db.collection('tenant_media').countDocuments()).toBe(before);
    expect(await media.db.collection('buyer_media').countDocuments({ buyerId: buyer.userId })).toBe(0);
  });

  it('rejects a file that is not an image, deletes it and says why', async () => {
    const notAnImage = Buffer.from('<html><script>alert(1)</script></html>'.repeat(20));
    const created = await createUpload(
      {
        purpose: 'PRODUCT_IMAGE',
        contentType: 'image/png',
        sizeBytes: notAnImage.length,
        filename: 'totally-a-picture.png',
      },
      seller.owner.token,
    );
    const ticket = created.data!.createUpload;
    expect((await putToTicket(ticket, notAnImage)).status).toBe(200);
    const key = (await media.db.collection('tenant_media').findOne({ _id: ticket.mediaId as never }))!
      .originalKey as string;
    expect(await media.objectExists(key)).toBe(true);

    const completed = await media.gql(COMPLETE_UPLOAD, { id: ticket.mediaId }, seller.owner.token);
    expect(completed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(completed.errors?.[0]?.message).toBe('The uploaded file is not a JPEG, PNG or WebP image');
    expect(await media.objectExists(key)).toBe(false);

    const read = await media.gql<{ media: { status: string; rejectionReason: string; variants: unknown[] } }>(
      MEDIA,
      { id: ticket.mediaId },
      seller.owner.token,
    );
    expect(read.data?.media).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'The uploaded file is not a JPEG, PNG or WebP image',
      variants: [],
    });
    const stored = await media.db.collection('tenant_media').findOne({ _id: ticket.mediaId as never });
    const types = Object.values(stored!.pendingEvents as Record<string, { envelope: string }>).map(
      (e) => JSON.parse(e.envelope).type,
    );
    expect(types).toEqual(['media.rejected']);
  });

  it('rejects a real image of another type than declared', async () => {
    const jpeg = await sharp(await pngImage(300, 300))
      .jpeg()
      .toBuffer();
    const created = await createUpload(
      { purpose: 'PRODUCT_IMAGE', contentType: 'image/png', sizeBytes: jpeg.length, filename: 'renamed.png' },
      seller.owner.token,
    );
    const ticket = created.data!.createUpload;
    expect((await putToTicket(ticket, jpeg)).status).toBe(200);
    const completed = await media.gql(COMPLETE_UPLOAD, { id: ticket.mediaId }, seller.owner.token);
    expect(completed.errors?.[0]?.message).toBe(
      'The uploaded file is image/jpeg, but image/png was declared',
    );
  });

  it('rejects an image whose header is fine but whose pixel data is cut off', async () => {
    const whole = await pngImage(500, 500);
    const truncated = whole.subarray(0, Math.floor(whole.length / 2));
    const created = await createUpload(
      {
        purpose: 'PRODUCT_IMAGE',
        contentType: 'image/png',
        sizeBytes: truncated.length,
        filename: 'cut.png',
      },
      seller.owner.token,
    );
    const ticket = created.data!.createUpload;
    expect((await putToTicket(ticket, truncated)).status).toBe(200);
    const completed = await media.gql(COMPLETE_UPLOAD, { id: ticket.mediaId }, seller.owner.token);
    expect(completed.errors?.[0]?.message).toBe('The uploaded image is damaged and cannot be decoded');
    const stored = await media.db.collection('tenant_media').findOne({ _id: ticket.mediaId as never });
    expect(stored).toMatchObject({ status: 'rejected', variants: [] });
    expect(await media.objectExists(stored!.originalKey as string)).toBe(false);
  });

  it('asks for the file first when completeUpload comes before the PUT', async () => {
    const created = await createUpload(
      { purpose: 'PRODUCT_IMAGE', contentType: 'image/webp', sizeBytes: 2048, filename: 'later.webp' },
      seller.owner.token,
    );
    const completed = await media.gql(
      COMPLETE_UPLOAD,
      { id: created.data!.createUpload.mediaId },
      seller.owner.token,
    );
    expect(completed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(completed.errors?.[0]?.message).toContain('No file has been uploaded');
    const read = await media.gql<{ media: { status: string } }>(
      MEDIA,
      { id: created.data!.createUpload.mediaId },
      seller.owner.token,
    );
    expect(read.data?.media.status).toBe('PENDING');
  });

  it('lets a buyer upload a review photo they own, public once ready, and delete it', async () => {
    const photo = await sharp(await pngImage(900, 1200))
      .jpeg({ quality: 80 })
      .toBuffer();
    const created = await createUpload(
      {
        purpose: 'REVIEW_PHOTO',
        contentType: 'image/jpeg',
        sizeBytes: photo.length,
        filename: 'IMG_0042.jpg',
      },
      buyer.token,
    );
    expect(created.errors).toBeUndefined();
    const ticket = created.data!.createUpload;
    expect((await putToTicket(ticket, photo)).status).toBe(200);

    // Before completion nobody sees it through the public entity.
    const hidden = await media.gql<{ _entities: unknown[] }>(ENTITIES, {
      reps: [{ __typename: 'Media', id: ticket.mediaId }],
    });
    expect(hidden.data?._entities).toEqual([null]);

    const completed = await media.gql<Completed>(COMPLETE_UPLOAD, { id: ticket.mediaId }, buyer.token);
    expect(completed.errors).toBeUndefined();
    expect(
      completed.data!.completeUpload.variants.map(({ name, width, height }) => ({ name, width, height })),
    ).toEqual([
      { name: 'THUMBNAIL', width: 150, height: 200 },
      { name: 'MEDIUM', width: 600, height: 800 },
    ]);
    const stored = await media.db.collection('buyer_media').findOne({ _id: ticket.mediaId as never });
    expect(stored).toMatchObject({ buyerId: buyer.userId, status: 'ready' });
    expect(stored!.tenantId).toBeUndefined();
    expect(stored!.originalKey).toContain(`/buyers/${buyer.userId}/`);
    const [event] = Object.values(stored!.pendingEvents as Record<string, { envelope: string }>).map((e) =>
      JSON.parse(e.envelope),
    );
    expect(event).toMatchObject({
      type: 'media.ready',
      tenantId: null,
      payload: { buyerId: buyer.userId, purpose: 'REVIEW_PHOTO' },
    });

    // Anonymous storefront readers resolve the ready entity: variant URLs, no owner-only fields.
    const visible = await media.gql<{
      _entities: { id: string; status: string; filename: string | null; variants: { url: string }[] }[];
    }>(ENTITIES, { reps: [{ __typename: 'Media', id: ticket.mediaId }] });
    const entity = visible.data!._entities[0]!;
    expect(entity).toMatchObject({ id: ticket.mediaId, status: 'READY', filename: null });
    expect((await fetch(entity.variants[0]!.url)).status).toBe(200);

    const deleted = await media.gql<{ deleteMedia: string }>(
      DELETE_MEDIA,
      { id: ticket.mediaId },
      buyer.token,
    );
    expect(deleted.data?.deleteMedia).toBe(ticket.mediaId);
    expect(await media.objectExists(stored!.originalKey as string)).toBe(false);
    for (const variant of stored!.variants as { key: string }[])
      expect(await media.objectExists(variant.key)).toBe(false);
    const gone = await media.gql(MEDIA, { id: ticket.mediaId }, buyer.token);
    expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unresolved = await media.gql<{ _entities: unknown[] }>(ENTITIES, {
      reps: [{ __typename: 'Media', id: ticket.mediaId }],
    });
    expect(unresolved.data?._entities).toEqual([null]);
    const tombstone = await media.db.collection('buyer_media').findOne({ _id: ticket.mediaId as never });
    const types = Object.values(tombstone!.pendingEvents as Record<string, { envelope: string }>)
      .map((e) => JSON.parse(e.envelope))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((e) => e.type);
    expect(types).toEqual(['media.ready', 'media.deleted']);
  });

  it('keeps the original intact in S3 until completion and serves variants only through signed URLs', async () => {
    const image = await pngImage(120, 80);
    const created = await createUpload(
      { purpose: 'PRODUCT_IMAGE', contentType: 'image/png', sizeBytes: image.length, filename: 'tiny.png' },
      seller.owner.token,
    );
    const ticket = created.data!.createUpload;
    await putToTicket(ticket, image);
    const completed = await media.gql<Completed>(COMPLETE_UPLOAD, { id: ticket.mediaId }, seller.owner.token);
    // Small originals are not enlarged.
    expect(completed.data!.completeUpload.variants.map(({ width, height }) => [width, height])).toEqual([
      [120, 80],
      [120, 80],
    ]);
    const stored = await media.db.collection('tenant_media').findOne({ _id: ticket.mediaId as never });
    const original = await media.s3.send(
      new GetObjectCommand({ Bucket: media.config.S3_BUCKET, Key: stored!.originalKey as string }),
    );
    expect(Buffer.from(await original.Body!.transformToByteArray()).equals(image)).toBe(true);
    const unsigned = new URL(completed.data!.completeUpload.variants[0]!.url);
    unsigned.search = '';
    expect((await fetch(unsigned)).status).toBe(403);
  });
});
