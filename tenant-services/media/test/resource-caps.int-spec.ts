import { createTestTenant, type TestTenant } from '@marketplace/testing';
import sharp from 'sharp';
import {
  COMPLETE_UPLOAD,
  CREATE_UPLOAD,
  DELETE_MEDIA,
  pngImage,
  putToTicket,
  startMediaApp,
  type MediaTestApp,
  type UploadTicketAnswer,
} from './support';

const MiB = 1024 * 1024;

describe('media: resource caps (real S3, FerretDB, Keycloak)', () => {
  let media: MediaTestApp;
  let seller: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    [media, seller, other] = await Promise.all([
      // Default pixel limit; a small quota; one image decoded at a time.
      startMediaApp({ MEDIA_TENANT_QUOTA_BYTES: String(MiB), MEDIA_IMAGE_CONCURRENCY: '1' }),
      createTestTenant(),
      createTestTenant(),
    ]);
  });
  afterAll(() => media?.close());

  const createUpload = (sizeBytes: number, token: string, filename = 'photo.png') =>
    media.gql<UploadTicketAnswer>(
      CREATE_UPLOAD,
      { input: { purpose: 'PRODUCT_IMAGE', contentType: 'image/png', sizeBytes, filename } },
      token,
    );

  it('refuses an upload past the seller storage quota, counting pending uploads, and frees it on delete', async () => {
    const first = await createUpload(600 * 1024, seller.owner.token);
    expect(first.errors).toBeUndefined();
    const refused = await createUpload(600 * 1024, seller.owner.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/storage quota of 1048576 bytes \(614400 used\)/);
    // Another seller's quota is its own.
    expect((await createUpload(600 * 1024, other.owner.token)).errors).toBeUndefined();

    const deleted = await media.gql(
      DELETE_MEDIA,
      { id: first.data!.createUpload.mediaId },
      seller.owner.token,
    );
    expect(deleted.errors).toBeUndefined();
    expect((await createUpload(600 * 1024, seller.owner.token)).errors).toBeUndefined();
  });

  it('rejects an image of more pixels than the default limit (24 MP) before decoding it', async () => {
    const image = await sharp({
      create: { width: 5000, height: 5000, channels: 3, background: { r: 120, g: 90, b: 60 } },
    })
      .png()
      .toBuffer();
    const created = await createUpload(image.length, other.owner.token, 'huge.png');
    const ticket = created.data!.createUpload;
    expect((await putToTicket(ticket, image)).status).toBe(200);
    const completed = await media.gql(COMPLETE_UPLOAD, { id: ticket.mediaId }, other.owner.token);
    expect(completed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(completed.errors?.[0]?.message).toMatch(/pixels/);
  });

  it('completes uploads arriving together one image at a time, every one of them', async () => {
    const tenant = await createTestTenant();
    const tickets = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const image = await pngImage(900 + index, 700);
        const created = await createUpload(image.length, tenant.owner.token, `batch-${index}.png`);
        const ticket = created.data!.createUpload;
        expect((await putToTicket(ticket, image)).status).toBe(200);
        return ticket;
      }),
    );
    const completions = Promise.all(
      tickets.map((ticket) =>
        media.gql<{ completeUpload: { status: string } }>(
          COMPLETE_UPLOAD,
          { id: ticket.mediaId },
          tenant.owner.token,
        ),
      ),
    );
    let mostActive = 0;
    let sawWaiting = false;
    let done = false;
    void completions.finally(() => (done = true));
    while (!done) {
      const text = await (await fetch(`${media.base}/metrics`)).text();
      mostActive = Math.max(
        mostActive,
        Number(/media_image_jobs\{state="active"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0),
      );
      sawWaiting ||= Number(/media_image_jobs\{state="waiting"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0) > 0;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const answers = await completions;
    expect(answers.map((answer) => answer.data?.completeUpload.status)).toEqual(['READY', 'READY', 'READY']);
    expect(mostActive).toBeLessThanOrEqual(1);
    expect(sawWaiting).toBe(true);
  });
});
