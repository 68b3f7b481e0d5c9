import { int, str } from '@marketplace/config';
import { mongoServiceSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

export const catalogConfigSchema = z.object({
  ...mongoServiceSettings({ service: 'catalog', port: 4102 }),
  ...offboardingSettings('catalog'),
  /** Largest accepted CSV import body. */
  IMPORT_MAX_BYTES: int({ min: 1024, max: 50 * 1024 * 1024 }).default(5 * 1024 * 1024),
  /** Kafka consumer group of the tenant-status consumer; tests use a unique one. */
  TENANT_EVENTS_GROUP: str('a consumer group').default('catalog.tenant-status'),
  /** Kafka consumer group of the inventory stock consumer, shared by the replicas; tests use a unique one. */
  STOCK_EVENTS_GROUP: str('a consumer group').default('catalog.stock-levels'),
  /** Kafka consumer group of the review ratings consumer, shared by the replicas; tests use a unique one. */
  REVIEW_RATINGS_GROUP: str('a consumer group').default('catalog.review-ratings'),
  /** Prefix of the per-replica consumer group that keeps the search index in step with other replicas. */
  SEARCH_INDEX_GROUP_PREFIX: str('a consumer group prefix').default('catalog.search-index'),
  /**
   * How often the outbox relay looks for unpublished events on its own; the catalog's writes wake it at
   * once, so the sweep only picks up what a crash left behind. Each sweep scans the products on FerretDB.
   */
  OUTBOX_SWEEP_MS: int({ min: 100, max: 3_600_000 }).default(60_000),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
