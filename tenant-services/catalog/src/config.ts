import { int, notLoopback, oneOf, productionGuard, str, url } from '@marketplace/config';
import { mongoServiceSettings, tenantStatusSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

/** The catalog's settings before the cross-field rules below (scripts pick from it). */
export const catalogSettingsSchema = z.object({
  ...mongoServiceSettings({ service: 'catalog', port: 4102 }),
  ...tenantStatusSettings,
  ...offboardingSettings('catalog'),
  /** Largest accepted CSV import body. */
  IMPORT_MAX_BYTES: int({ min: 1024, max: 50 * 1024 * 1024 }).default(5 * 1024 * 1024),
  /** Kafka consumer group of the tenant-status consumer; tests use a unique one. */
  TENANT_EVENTS_GROUP: str('a consumer group').default('catalog.tenant-status'),
  /** Kafka consumer group of the inventory stock consumer, shared by the replicas; tests use a unique one. */
  STOCK_EVENTS_GROUP: str('a consumer group').default('catalog.stock-levels'),
  /** Kafka consumer group of the review ratings consumer, shared by the replicas; tests use a unique one. */
  REVIEW_RATINGS_GROUP: str('a consumer group').default('catalog.review-ratings'),
  /**
   * Where a new review-ratings group starts: `earliest` replays the reviews topic (a new deployment learns every
   * rating); the e2e platform uses `latest`: its products are new, and a replay of the shared topic's history
   * held a fresh rating back for longer than the suite waits.
   */
  REVIEW_RATINGS_START: oneOf(['earliest', 'latest'] as const).default('earliest'),
  /** Prefix of the per-replica consumer group that keeps the search index in step with other replicas. */
  SEARCH_INDEX_GROUP_PREFIX: str('a consumer group prefix').default('catalog.search-index'),
  /**
   * How often the outbox relay looks for unpublished events on its own; the catalog's writes wake it at
   * once, so the sweep only picks up what a crash left behind. Each sweep scans the products on FerretDB.
   */
  OUTBOX_SWEEP_MS: int({ min: 100, max: 3_600_000 }).default(60_000),
  /** The media service, asked whether a product's image ids are the seller's own product images. */
  MEDIA_URL: productionGuard(url(['http', 'https']).default('http://127.0.0.1:4103'), notLoopback()),
  /** Budget of one media call attempt; retries and the circuit breaker come from the resilience library. */
  MEDIA_TIMEOUT_MS: int({ min: 50, max: 30_000 }).default(2000),
  /**
   * What answers buyer search (ADR 0041): `memory`, the index each replica builds from MongoDB (ADR 0008,
   * the embedded default), or `opensearch`, the shared engine at OPENSEARCH_URL kept current from the
   * product events (the production default in the Helm values).
   */
  SEARCH_ENGINE: oneOf(['memory', 'opensearch'] as const).default('memory'),
  /** The OpenSearch cluster (credentials may be in the URL); required when SEARCH_ENGINE=opensearch. */
  OPENSEARCH_URL: productionGuard(url(['http', 'https']).optional(), notLoopback()),
  /**
   * AWS region of an Amazon OpenSearch Service domain: requests are then signed with SigV4 using the pod's
   * IRSA role (fine-grained access control maps the role; no passwords). Unset: plain HTTP(S).
   */
  OPENSEARCH_AWS_REGION: str('an AWS region').optional(),
  /** Alias buyer search reads and the indexer writes; a full reindex builds a new index behind it. */
  OPENSEARCH_INDEX: str('an index name')
    .regex(/^[a-z0-9][a-z0-9_-]*$/)
    .default('catalog-products'),
  /** Primary shards of a new products index: one holds millions of products and keeps facet counts exact. */
  OPENSEARCH_SHARDS: int({ min: 1, max: 64 }).default(1),
  OPENSEARCH_REPLICAS: int({ min: 0, max: 5 }).default(0),
  /**
   * How soon an indexed write becomes searchable (`refresh_interval` of the products index, applied at start):
   * part of the write-to-searchable time (ADR 0050). Longer intervals cost less while bulk-loading.
   */
  OPENSEARCH_REFRESH_INTERVAL: str('an OpenSearch time value')
    .regex(/^[1-9][0-9]*(ms|s|m)$/, 'a time value such as 250ms or 1s')
    .default('250ms'),
  /** Most product events the indexer writes in one bulk request. */
  SEARCH_INDEXER_BATCH: int({ min: 1, max: 5000 }).default(500),
  /** How long the indexer waits for more events after the first of a batch before writing it. */
  SEARCH_INDEXER_LINGER_MS: int({ min: 0, max: 5000 }).default(50),
  /**
   * Readiness reports buyer search degraded (HTTP 200) once the oldest write the indexer received and has not
   * indexed is older than this, or OpenSearch does not answer, for 10 s; it clears after 30 s without.
   */
  SEARCH_INDEXER_DEGRADED_AFTER_MS: int({ min: 1000, max: 3_600_000 }).default(30_000),
  /** Readiness also reports it degraded above this many product events waiting in Kafka for the indexer. */
  SEARCH_INDEXER_MAX_LAG: int({ min: 1, max: 100_000_000 }).default(10_000),
  /** Kafka consumer group that writes product events into OpenSearch, shared by the replicas. */
  SEARCH_INDEXER_GROUP: str('a consumer group').default('catalog.search-indexer'),
  /**
   * Where a new indexer group starts: `earliest` replays the product topic (a new deployment catches up);
   * tests use `latest`, since their index starts empty with their own data.
   */
  SEARCH_INDEXER_START: oneOf(['earliest', 'latest'] as const).default('earliest'),
});

export const catalogConfigSchema = catalogSettingsSchema.refine(
  (config) => config.SEARCH_ENGINE !== 'opensearch' || config.OPENSEARCH_URL !== undefined,
  {
    message: 'SEARCH_ENGINE=opensearch needs OPENSEARCH_URL',
    path: ['OPENSEARCH_URL'],
  },
);

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
