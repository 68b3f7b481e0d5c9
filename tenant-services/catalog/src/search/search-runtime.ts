import { backoffDelay, type EventConsumer } from '@marketplace/events';
import type { Logger, ServiceMetrics } from '@marketplace/observability';
import type { ReadinessChecks } from '@marketplace/service-kit';
import type { CatalogDatabase } from '../database/catalog-database';
import { IndexerHealth } from './opensearch/indexer-health';
import type { ProductSearchStore } from './opensearch/product-search-store';
import { reindexProducts } from './opensearch/reindex';
import type { IndexerProgress } from './opensearch/search-indexer';
import type { TenantVisibility } from './opensearch/tenant-visibility';
import type { SearchIndexService } from './search-index.service';

export interface SearchStatus {
  engine: 'memory' | 'opensearch';
  products: number;
  generation: number;
  builtAt: Date | null;
  buildMs: number | null;
  rebuilding: boolean;
}

/** What the catalog starts, stops, reports and rebuilds for its search engine (ADR 0041). */
export interface SearchRuntime {
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): Promise<SearchStatus>;
  /** A full rebuild from MongoDB; a rebuild already running is joined. */
  rebuild(): Promise<void>;
  /** Its Kafka consumers, reported in readiness and the consumer gauges like the service's others. */
  consumers(): EventConsumer<undefined>[];
  /** Adds what the engine reports beyond its consumers to readiness and metrics. */
  report(readiness: ReadinessChecks, metrics: ServiceMetrics): void;
}

export const SEARCH_RUNTIME = Symbol('SEARCH_RUNTIME');

/** The in-memory index (ADR 0008): built before the replica reports ready, followed through its own group. */
export class MemorySearchRuntime implements SearchRuntime {
  constructor(
    private readonly searchIndex: SearchIndexService,
    private readonly follower: EventConsumer<undefined>,
  ) {}

  /** The follower joins before the build reads MongoDB, so no change falls between the two. */
  async start(): Promise<void> {
    await this.follower.start();
    await this.searchIndex.build();
  }

  async stop(): Promise<void> {
    await this.follower.stop();
  }

  async status(): Promise<SearchStatus> {
    return { engine: 'memory', ...this.searchIndex.status() };
  }

  rebuild(): Promise<void> {
    return this.searchIndex.build();
  }

  consumers(): EventConsumer<undefined>[] {
    return [this.follower];
  }

  /** The index is built before the replica is ready and follows its writes at once: nothing more to report. */
  report(): void {}
}

/** When the indexer counts as far behind (ADR 0050). */
export interface IndexerLimits {
  /** Age of the oldest write received and not indexed. */
  maxUnindexedAgeMs: number;
  /** Product events waiting in Kafka for this replica's indexer. */
  maxLag: number;
}

/** How often the indexer's health is evaluated (and OpenSearch pinged), whatever the probes' rhythm. */
const HEALTH_EVERY_MS = 5000;

/**
 * OpenSearch: nothing to build at start (start time and memory do not grow with the catalog). The replica
 * loads the tenant statuses, follows tenant events, and takes part in the shared indexer group. When
 * OpenSearch is down at start the catalog still starts: the index is created once it answers, and buyer
 * search answers 503 until then.
 */
export class OpenSearchRuntime implements SearchRuntime {
  private ensuring: Promise<void> | undefined;
  private stopped = false;
  private rebuilding: Promise<void> | undefined;
  private lastBuild: { at: Date; ms: number } | undefined;
  private readonly health = new IndexerHealth();
  private healthTimer: NodeJS.Timeout | undefined;
  private lastLag: number | undefined;

  constructor(
    private readonly database: CatalogDatabase,
    private readonly store: ProductSearchStore,
    private readonly tenants: TenantVisibility,
    private readonly follower: EventConsumer<undefined>,
    private readonly indexer: { consumer: EventConsumer<undefined>; progress: IndexerProgress },
    private readonly logger: Logger,
    private readonly limits: IndexerLimits,
  ) {}

  async start(): Promise<void> {
    await this.follower.start();
    await this.tenants.load(this.database);
    this.ensuring = this.ensureIndex();
    await this.indexer.consumer.start();
    this.healthTimer = setInterval(() => void this.evaluateHealth(), HEALTH_EVERY_MS);
    this.healthTimer.unref();
  }

  /**
   * Readiness `search-indexer`: degraded, never down (a dead search engine must not take seller writes and cart
   * prices out of the load balancer, ADR 0041), once the indexer is far behind or OpenSearch does not answer.
   * Metrics: the oldest unindexed write's age and the writes received and not indexed; the consumer lag is
   * `event_consumer_lag_messages` of the indexer group, like every consumer's.
   */
  report(readiness: ReadinessChecks, metrics: ServiceMetrics): void {
    readiness.addDegraded('search-indexer', () => {
      const problem = this.health.degraded;
      if (problem !== undefined) throw new Error(problem);
    });
    metrics.gauge({
      name: 'search_indexer_oldest_unindexed_seconds',
      help: "Age of the oldest product write this replica's search indexer received and has not indexed yet (0: none).",
      collect: (gauge) => gauge.set(this.indexer.progress.oldestUnindexedMs() / 1000),
    });
    metrics.gauge({
      name: 'search_indexer_pending_writes',
      help: "Product writes this replica's search indexer received and has not indexed yet (batching or retrying).",
      collect: (gauge) => gauge.set(this.indexer.progress.pending()),
    });
    metrics.gauge({
      name: 'search_indexer_degraded',
      help: '1 while readiness reports buyer search degraded (indexer far behind or OpenSearch unreachable).',
      collect: (gauge) => gauge.set(this.health.degraded === undefined ? 0 : 1),
    });
  }

  private async evaluateHealth(): Promise<void> {
    let problem: string | undefined;
    try {
      await this.store.ping();
      const ageMs = this.indexer.progress.oldestUnindexedMs();
      this.lastLag = await this.indexer.consumer.lag().catch(() => this.lastLag);
      if (ageMs > this.limits.maxUnindexedAgeMs)
        problem = `search indexer behind: the oldest unindexed write is ${Math.round(ageMs / 1000)} s old`;
      else if (this.lastLag !== undefined && this.lastLag > this.limits.maxLag)
        problem = `search indexer behind: ${this.lastLag} product events waiting`;
    } catch (error) {
      problem = `OpenSearch unreachable: ${error instanceof Error ? error.message : String(error)}`;
    }
    const before = this.health.degraded;
    const now = this.health.observe(problem);
    if (now !== before) {
      if (now === undefined) this.logger.info('buyer search no longer degraded');
      else if (before === undefined) this.logger.warn({ problem: now }, 'buyer search degraded');
    }
  }

  consumers(): EventConsumer<undefined>[] {
    return [this.follower, this.indexer.consumer];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.healthTimer);
    await this.indexer.consumer.stop();
    await this.follower.stop();
    await this.ensuring;
    await this.rebuilding?.catch(() => undefined);
    await this.store.close();
  }

  async status(): Promise<SearchStatus> {
    const { count } = await this.store.request<{ count: number }>('POST', `/${this.store.alias}/_count`, {
      query: { term: { visible: true } },
    });
    return {
      engine: 'opensearch',
      products: count,
      generation: 0,
      builtAt: this.lastBuild?.at ?? null,
      buildMs: this.lastBuild?.ms ?? null,
      rebuilding: this.rebuilding !== undefined,
    };
  }

  rebuild(): Promise<void> {
    this.rebuilding ??= reindexProducts(this.database, this.store, (progress) =>
      this.logger.info(progress, 'search reindex: products copied'),
    )
      .then((report) => {
        this.lastBuild = { at: new Date(), ms: report.elapsedMs };
        this.logger.info(report, 'search reindex: alias moved to the new index');
      })
      .finally(() => {
        this.rebuilding = undefined;
      });
    return this.rebuilding;
  }

  private async ensureIndex(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt += 1) {
      try {
        await this.store.ensureIndex();
        // An index created before the setting changed gets the configured refresh interval too.
        await this.store.applyRefreshInterval(this.store.refreshInterval);
        return;
      } catch (error) {
        const delay = backoffDelay(attempt, { initialMs: 500, maxMs: 10_000 });
        this.logger.warn({ err: error, retryInMs: delay }, 'OpenSearch products index not ready; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
