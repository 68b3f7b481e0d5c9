import type { MediaPurpose } from '@marketplace/contracts';

/** What may be uploaded: the types every browser can show, and a size limit per purpose (from config). */
export const ALLOWED_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AllowedContentType = (typeof ALLOWED_CONTENT_TYPES)[number];

export interface UploadLimits {
  maxBytes: Record<MediaPurpose, number>;
  maxInputPixels: number;
  /** Bytes each owner's media may take, by kind of owner. */
  quotaBytes: Record<'tenant' | 'buyer', number>;
}

export function isAllowedContentType(value: string): value is AllowedContentType {
  return (ALLOWED_CONTENT_TYPES as readonly string[]).includes(value);
}
