import { INVALID_CURSOR_MESSAGE } from '@marketplace/observability';
import { createUploadSchema, mediaCursor } from './media.inputs';

const schema = createUploadSchema({
  maxBytes: { PRODUCT_IMAGE: 10_000, REVIEW_PHOTO: 5_000 },
  maxInputPixels: 1_000_000,
  quotaBytes: { tenant: 1_000_000, buyer: 100_000 },
});
const valid = {
  purpose: 'PRODUCT_IMAGE',
  contentType: 'image/png',
  sizeBytes: 10_000,
  filename: ' shirt.png ',
};

describe('createUpload input', () => {
  it('accepts an allowed image up to the limit of its purpose and trims the name', () => {
    expect(schema.parse(valid)).toEqual({ ...valid, filename: 'shirt.png' });
  });

  it.each([
    [{ sizeBytes: 10_001 }, 'sizeBytes: must be at most 10000 bytes for product images'],
    [
      { purpose: 'REVIEW_PHOTO', sizeBytes: 5_001 },
      'sizeBytes: must be at most 5000 bytes for review photos',
    ],
    [{ sizeBytes: 0 }, 'sizeBytes'],
    [{ sizeBytes: 1.5 }, 'sizeBytes'],
    [{ contentType: 'image/svg+xml' }, 'contentType: must be one of image/jpeg, image/png, image/webp'],
    [{ filename: '../../etc/passwd' }, 'filename: must not contain slashes'],
    [{ filename: 'a\u0000.png' }, 'filename: must not contain control characters'],
    [{ filename: 'photo\u202Egnp.exe' }, 'filename: must not contain control characters or bidirectional'],
    [{ filename: '   ' }, 'filename'],
    [{ purpose: 'AVATAR' }, 'purpose'],
  ])('refuses %j', (change, message) => {
    const result = schema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues.join('\n')).toContain(message);
  });
});

describe('list cursors', () => {
  it('round-trips a media id and refuses anything else', () => {
    const id = '01M8D86KYKKQCNY4ZRH544GMYH';
    expect(mediaCursor.decode(mediaCursor.encode({ id }))).toEqual({ id });
    expect(() => mediaCursor.decode('garbage')).toThrow(INVALID_CURSOR_MESSAGE);
    expect(() => mediaCursor.decode(Buffer.from(JSON.stringify({ id: 'x' })).toString('base64url'))).toThrow(
      INVALID_CURSOR_MESSAGE,
    );
  });
});
