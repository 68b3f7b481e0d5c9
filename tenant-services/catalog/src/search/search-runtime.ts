import { backoffDelay, type EventConsumer } from '@marketplace/events';
import type { Logger } from '@marketplace/observability';
import type { CatalogDatabase } from '../database/catalog-database';
import type { ProductSearchStore } from './opensearch/product-search-store';
import { reindexProducts } from './opensearch/reindex';
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
}

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

  constructor(
    private readonly database: CatalogDatabase,
    private readonly store: ProductSearchStore,
    private readonly tenants: TenantVisibility,
    private readonly follower: EventConsumer<undefined>,
    private readonly indexer: EventConsumer<undefined>,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    await this.follower.start();
    await this.tenants.load(this.database);
    this.ensuring = this.ensureIndex();
    await this.indexer.start();
  }

  consumers(): EventConsumer<undefined>[] {
    return [this.follower, this.indexer];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.indexer.stop();
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
        return;
      } catch (error) {
        const delay = backoffDelay(attempt, { initialMs: 500, maxMs: 10_000 });
        this.logger.warn({ err: error, retryInMs: delay }, 'OpenSearch products index not ready; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
