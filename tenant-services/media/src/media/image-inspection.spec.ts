import sharp from 'sharp';
import { inspectImage, sniffImageType } from './image-inspection';

const solid = (format: 'png' | 'jpeg' | 'webp', width = 40, height = 30) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .toFormat(format)
    .toBuffer();

describe('image inspection', () => {
  it('recognises JPEG, PNG and WebP by their bytes and nothing else', async () => {
    expect(sniffImageType(await solid('jpeg'))).toBe('image/jpeg');
    expect(sniffImageType(await solid('png'))).toBe('image/png');
    expect(sniffImageType(await solid('webp'))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a....'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(Buffer.alloc(0))).toBeUndefined();
  });

  it('accepts a real image of the declared type with its dimensions', async () => {
    await expect(inspectImage(await solid('webp', 64, 48), 'image/webp', 1_000_000)).resolves.toEqual({
      ok: true,
      contentType: 'image/webp',
      width: 64,
      height: 48,
    });
  });

  it('rejects renamed files, type mismatches, truncated images and oversized canvases', async () => {
    const text = Buffer.from('just some text pretending to be a picture');
    expect(await inspectImage(text, 'image/png', 1_000_000)).toEqual({
      ok: false,
      reason: 'The uploaded file is not a JPEG, PNG or WebP image',
    });
    expect(await inspectImage(await solid('jpeg'), 'image/png', 1_000_000)).toEqual({
      ok: false,
      reason: 'The uploaded file is image/jpeg, but image/png was declared',
    });
    const truncated = (await solid('png')).subarray(0, 20);
    expect(await inspectImage(truncated, 'image/png', 1_000_000)).toEqual({
      ok: false,
      reason: 'The uploaded image is damaged and cannot be decoded',
    });
    expect(await inspectImage(await solid('png', 200, 200), 'image/png', 10_000)).toEqual({
      ok: false,
      reason: 'The image has more than 10000 pixels',
    });
  });
});
