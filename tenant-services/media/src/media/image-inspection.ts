import sharp, { type Metadata } from 'sharp';
import type { AllowedContentType } from './upload-policy';

/** The file's own bytes say which image format it is, whatever its name or declared type claims. */
export function sniffImageType(bytes: Buffer): AllowedContentType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (
    bytes.length >= 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  return undefined;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const SHARP_FORMAT_TYPES: Record<string, AllowedContentType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export type InspectionResult =
  | { ok: true; contentType: AllowedContentType; width: number; height: number }
  | { ok: false; reason: string };

/**
 * Decides whether an uploaded file is a real image of the declared type: magic bytes first (cheap, catches
 * renamed files), then sharp decodes the header (catches forged headers and oversized canvases); pixel data that fails to decode is caught when variants
 * are rendered.
 */
export async function inspectImage(
  bytes: Buffer,
  declaredType: AllowedContentType,
  maxInputPixels: number,
): Promise<InspectionResult> {
  const sniffed = sniffImageType(bytes);
  if (!sniffed) return { ok: false, reason: 'The uploaded file is not a JPEG, PNG or WebP image' };
  if (sniffed !== declaredType) {
    return { ok: false, reason: `The uploaded file is ${sniffed}, but ${declaredType} was declared` };
  }
  let metadata: Metadata;
  try {
    // Only the header is parsed here, so the canvas size can be checked before anything is decoded.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, reason: 'The uploaded image is damaged and cannot be decoded' };
  }
  const { width, height } = metadata;
  if (SHARP_FORMAT_TYPES[metadata.format] !== declaredType || !width || !height) {
    return { ok: false, reason: 'The uploaded image is damaged and cannot be decoded' };
  }
  if (width * height > maxInputPixels) {
    return { ok: false, reason: `The image has more than ${maxInputPixels} pixels` };
  }
  return { ok: true, contentType: declaredType, width, height };
}
