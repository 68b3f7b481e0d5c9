import { bool, int, notOneOf, productionGuard, s3Settings, str } from '@marketplace/config';
import { mongoServiceSettings, tenantStatusSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

const MiB = 1024 * 1024;

export const mediaConfigSchema = z.object({
  ...mongoServiceSettings({ service: 'media', port: 4103 }),
  ...tenantStatusSettings,
  ...offboardingSettings('media'),
  ...s3Settings,
  /** Every object key starts with this prefix (tests use a unique one per run). */
  MEDIA_KEY_PREFIX: str('an object key prefix')
    .regex(/^[A-Za-z0-9][A-Za-z0-9/_-]*$/, 'expected letters, digits, "/", "_" or "-"')
    .default('media'),
  MEDIA_MAX_PRODUCT_IMAGE_BYTES: int({ min: 1024, max: 100 * MiB }).default(10 * MiB),
  MEDIA_MAX_REVIEW_PHOTO_BYTES: int({ min: 1024, max: 100 * MiB }).default(5 * MiB),
  /**
   * Decompression-bomb guard: images with more pixels are rejected before decoding. 24 MP (6000 × 4000, what
   * a full-frame camera delivers) decodes to ~96 MB of RGBA — a product photo needs no more.
   */
  MEDIA_MAX_INPUT_PIXELS: int({ min: 1, max: 268_402_689 }).default(24_000_000),
  /** Images decoded at once by this process; more completions wait their turn (memory stays bounded). */
  MEDIA_IMAGE_CONCURRENCY: int({ min: 1, max: 16 }).default(1),
  /** Storage one seller's media may take (pending uploads count with their declared size). */
  MEDIA_TENANT_QUOTA_BYTES: int({ min: MiB }).default(5 * 1024 * MiB),
  /** Storage one buyer's review photos may take. */
  MEDIA_BUYER_QUOTA_BYTES: int({ min: MiB }).default(200 * MiB),
  MEDIA_UPLOAD_URL_TTL_SECONDS: int({ min: 60, max: 3600 }).default(900),
  MEDIA_DOWNLOAD_URL_TTL_SECONDS: int({ min: 60, max: 86_400 }).default(900),
  /** Off for processes that must not publish (tests of the write path inspect the outbox instead). */
  MEDIA_OUTBOX_RELAY: productionGuard(bool().default(true), notOneOf([false], 'a disabled outbox relay')),
});

export type MediaConfig = z.output<typeof mediaConfigSchema>;
