import type { MediaVariantName } from '@marketplace/contracts';
import sharp from 'sharp';

/** Longest edge of each variant; smaller originals are not enlarged. */
export const VARIANT_SIZES: Record<MediaVariantName, number> = { thumbnail: 200, medium: 800 };

export interface RenderedVariant {
  name: MediaVariantName;
  contentType: 'image/webp';
  body: Buffer;
  width: number;
  height: number;
  bytes: number;
}

/**
 * WebP variants of an inspected image, one after the other: each pipeline decodes the whole original, so two at
 * once would double the memory one image takes. `rotate()` applies the EXIF orientation before the metadata is
 * dropped (sharp writes none by default), which also strips camera and GPS data from buyers' photos.
 */
export async function renderVariants(original: Buffer, maxInputPixels: number): Promise<RenderedVariant[]> {
  const names = Object.keys(VARIANT_SIZES) as MediaVariantName[];
  const variants: RenderedVariant[] = [];
  for (const name of names)
    variants.push(
      await (async (): Promise<RenderedVariant> => {
        const edge = VARIANT_SIZES[name];
        const { data, info } = await sharp(original, { limitInputPixels: maxInputPixels })
          .rotate()
          .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 82 })
          .toBuffer({ resolveWithObject: true });
        return {
          name,
          contentType: 'image/webp',
          body: data,
          width: info.width,
          height: info.height,
          bytes: info.size,
        };
      })(),
    );
  return variants;
}
