import { Client, errors } from '@opensearch-project/opensearch';
import { createPolicy, isCircuitOpenError, type ResiliencePolicy } from '@marketplace/resilience';
import { SearchUnavailableError } from '../search-engine';
import { PRODUCT_INDEX_MAPPINGS, type ProductSearchDocument } from './product-search-document';

export interface ProductSearchStoreOptions {
  url: string;
  /** The alias searches read; concrete indices are named `<alias>-<suffix>`. */
  alias: string;
  shards: number;
  replicas: number;
  /** Per request; a search that takes longer is answered 503 rather than holding the buyer. */
  requestTimeoutMs?: number;
  /** Amazon OpenSearch Service: sign every request with SigV4 in this region (credentials from IRSA). */
  awsRegion?: string | undefined;
  /** How soon a write becomes searchable (`refresh_interval` of the products indices); default 1s. */
  refreshInterval?: string;
}

export interface VersionedDocument {
  doc: ProductSearchDocument;
  /** The product's revision (external version): an older one never overwrites a newer document. */
  version: number;
}

export interface WriteOutcome {
  written: number;
  /** Refused because the index already holds the same or a later revision. */
  stale: number;
}

/** How long the list of product indices a write goes to is reused (see `targets`). */
export const TARGETS_TTL_MS = 2000;
/** Documents of a deleted tenant removed per bulk request. */
const DELETE_PAGE = 1000;

/**
 * The catalog's products in OpenSearch (ADR 0041): one alias that searches read, and behind it one index at
 * a time except during a full reindex, when writes go to the old and the new index alike (so neither misses
 * a change) until the alias moves to the new one. Every write carries the product's revision as external
 * version. Connection failures, timeouts and 5xx answers become SearchUnavailableError (HTTP 503).
 */
export class ProductSearchStore {
  readonly alias: string;
  readonly refreshInterval: string;
  private readonly client: Client;
  private cachedTargets: { indices: string[]; at: number } | undefined;
  /**
   * Opens after 5 consecutive failures to reach the engine: while open, calls fail at once (503) instead of
   * each waiting for its own timeout; one trial call goes through every 5 s. Timeouts are the client's own.
   */
  private readonly breaker: ResiliencePolicy = createPolicy({
    name: 'opensearch',
    timeoutMs: 10 * 60_000,
    retries: 0,
    backoff: { initialMs: 100, maxMs: 100 },
    breaker: { threshold: 5, halfOpenAfterMs: 5000 },
    isRetryable: (error) => error instanceof SearchUnavailableError,
  });

  constructor(private readonly options: ProductSearchStoreOptions) {
    this.alias = options.alias;
    this.refreshInterval = options.refreshInterval ?? '1s';
    this.client = new Client({
      ...(options.awsRegion ? awsSigV4(options.awsRegion) : {}),
      node: options.url,
      requestTimeout: options.requestTimeoutMs ?? 5000,
      // A dead node is a 503 at once; the caller (buyer, indexer, reindex) decides about retrying.
      maxRetries: 0,
    });
  }

  /** One REST call through the official client's transport; the answer's body. */
  async request<T>(
    method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD',
    path: string,
    body?: unknown,
    querystring?: Record<string, string | number | boolean>,
    requestTimeoutMs?: number,
  ): Promise<T> {
    const response = await this.guarded(() =>
      this.client.transport.request(
        {
          method,
          path,
          ...(body === undefined ? {} : { body: body as Record<string, unknown> }),
          ...(querystring ? { querystring } : {}),
        },
        requestTimeoutMs === undefined ? {} : { requestTimeout: requestTimeoutMs },
      ),
    );
    return response.body as T;
  }

  /** NDJSON bulk: one action line and one source line per document. */
  async bulk(lines: readonly unknown[], requestTimeoutMs = 60_000): Promise<BulkAnswer> {
    const response = await this.guarded(() =>
      this.client.transport.request(
        { method: 'POST', path: '/_bulk', bulkBody: lines as Record<string, unknown>[] },
        { requestTimeout: requestTimeoutMs },
      ),
    );
    return response.body as BulkAnswer;
  }

  private async guarded<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(
        async () => {
          try {
            return await call();
          } catch (error) {
            throw unavailableOrSelf(error);
          }
        },
        { retry: false },
      );
    } catch (error) {
      throw isCircuitOpenError(error) ? new SearchUnavailableError(error) : error;
    }
  }

  /** Creates the first index behind the alias when there is none (idempotent; replicas race safely). */
  async ensureIndex(): Promise<void> {
    if (await this.aliasExists()) return;
    const index = await this.createIndex();
    try {
      await this.request('POST', '/_aliases', {
        actions: [{ add: { index, alias: this.alias } }],
      });
    } catch (error) {
      await this.request('DELETE', `/${index}`).catch(() => undefined);
      throw error;
    }
    // Another replica may have created its own index and alias at the same time: keep exactly one.
    const behind = await this.indicesBehindAlias();
    if (behind.length > 1) {
      const keep = [...behind].sort()[0]!;
      for (const extra of behind.filter((name) => name !== keep)) {
        await this.request('DELETE', `/${extra}`).catch(() => undefined);
      }
    }
  }

  /** A new, empty products index (for the first start or a reindex), named after the alias. */
  async createIndex(settings: { refreshInterval?: string; replicas?: number } = {}): Promise<string> {
    const index = `${this.alias}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    await this.request('PUT', `/${index}`, {
      settings: {
        number_of_shards: this.options.shards,
        number_of_replicas: settings.replicas ?? this.options.replicas,
        // Explicit, so the shard never goes search-idle: a write is searchable within the interval.
        refresh_interval: settings.refreshInterval ?? this.refreshInterval,
        max_result_window: 10_000,
      },
      mappings: PRODUCT_INDEX_MAPPINGS,
    });
    this.cachedTargets = undefined;
    return index;
  }

  async aliasExists(): Promise<boolean> {
    return (await this.indicesBehindAlias()).length > 0;
  }

  async indicesBehindAlias(): Promise<string[]> {
    try {
      return Object.keys(await this.request<Record<string, unknown>>('GET', `/_alias/${this.alias}`));
    } catch (error) {
      if (error instanceof errors.ResponseError && error.statusCode === 404) return [];
      throw error;
    }
  }

  /** Every products index (the alias's and one a reindex is filling): where a write goes. */
  async targets(): Promise<string[]> {
    const cached = this.cachedTargets;
    if (cached && Date.now() - cached.at < TARGETS_TTL_MS) return cached.indices;
    const rows = await this.request<{ index: string }[]>('GET', `/_cat/indices/${this.alias}-*`, undefined, {
      format: 'json',
      h: 'index',
      expand_wildcards: 'open',
    });
    const indices = rows.map((row) => row.index).sort();
    this.cachedTargets = { indices, at: Date.now() };
    return indices;
  }

  /**
   * Removes every document of a deleted tenant from every products index (ADR 0038); answers how many. Pages
   * of ids and bulk deletes rather than `_delete_by_query`, which lives in the reindex module that a node
   * may not have (the local one has not).
   */
  async deleteTenant(tenantId: string): Promise<number> {
    let deleted = 0;
    for (const index of await this.targets()) {
      for (;;) {
        const page = await this.request<{ hits: { hits: { _id: string }[] } }>('POST', `/${index}/_search`, {
          query: { term: { tenantId } },
          _source: false,
          size: DELETE_PAGE,
        });
        const ids = page.hits.hits.map((hit) => hit._id);
        if (ids.length === 0) break;
        const answer = await this.bulk(ids.map((id) => ({ delete: { _index: index, _id: id } })));
        if (answer.errors) throw new Error(`OpenSearch refused deleting tenant ${tenantId}'s documents`);
        await this.request('POST', `/${index}/_refresh`);
        deleted += ids.length;
      }
    }
    return deleted;
  }

  /**
   * Writes documents with their versions (`external_gte`: the same revision again is harmless, an older one
   * is refused) into `indices`, by default every products index; throws when any document was refused.
   */
  async write(documents: readonly VersionedDocument[], indices?: readonly string[]): Promise<WriteOutcome> {
    const { written, stale, refused } = await this.writeEach(documents, indices);
    const failures = refused.filter((error) => error !== undefined);
    if (failures.length > 0) throw ProductIndexingError.of(failures);
    return { written, stale };
  }

  /**
   * One bulk request for all `documents`, answering each document's own outcome (`refused[i]`, undefined when
   * written or already newer): one refused document does not fail the others of its batch. Throws
   * SearchUnavailableError when the engine does not answer at all.
   */
  async writeEach(
    documents: readonly VersionedDocument[],
    indices?: readonly string[],
  ): Promise<WriteOutcome & { refused: (ProductIndexingError | undefined)[] }> {
    const refused: (ProductIndexingError | undefined)[] = documents.map(() => undefined);
    if (documents.length === 0) return { written: 0, stale: 0, refused };
    const targets = indices ?? (await this.targets());
    const lines: unknown[] = [];
    for (const index of targets) {
      for (const { doc, version } of documents) {
        lines.push(
          { index: { _index: index, _id: doc.productId, version, version_type: 'external_gte' } },
          doc,
        );
      }
    }
    const answer = await this.bulk(lines);
    let written = 0;
    let stale = 0;
    // Items come in the order of the lines: every document once per target index.
    answer.items.forEach((item, i) => {
      const result = item.index!;
      if (result.status < 300) written += 1;
      else if (result.status === 409) stale += 1;
      // The index went away under us (a finished reindex deleted the old one): the alias's index has it.
      else if (result.error?.type === 'index_not_found_exception') this.cachedTargets = undefined;
      else {
        const position = i % documents.length;
        refused[position] ??= new ProductIndexingError(
          `OpenSearch refused ${result._id}: ${result.status} ${result.error?.type ?? ''} ${result.error?.reason ?? ''}`,
          result.status === 429 || result.status >= 500,
        );
      }
    });
    return { written, stale, refused };
  }

  /** Whether the engine answers (readiness): through the circuit breaker, so an open breaker answers at once. */
  async ping(requestTimeoutMs = 2000): Promise<void> {
    await this.request('GET', '/_cluster/health', undefined, undefined, requestTimeoutMs);
  }

  /** Sets the refresh interval of the index behind the alias (not of one a reindex is filling; idempotent). */
  async applyRefreshInterval(refreshInterval: string): Promise<void> {
    for (const index of await this.indicesBehindAlias()) {
      await this.request('PUT', `/${index}/_settings`, { index: { refresh_interval: refreshInterval } });
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

export interface BulkAnswer {
  errors: boolean;
  items: {
    index?: { _id: string; status: number; error?: { type: string; reason?: string } };
  }[];
}

/** A document was refused for a reason other than its version; retryable when the engine was busy. */
export class ProductIndexingError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ProductIndexingError';
  }

  /** Several refusals as one error: retryable when any of them is. */
  static of(failures: readonly ProductIndexingError[]): ProductIndexingError {
    return new ProductIndexingError(
      `OpenSearch refused ${failures.length} document(s): ${failures
        .slice(0, 5)
        .map((failure) => failure.message)
        .join('; ')}`,
      failures.some((failure) => failure.retryable),
    );
  }
}

/**
 * SigV4 signing with the pod's credentials (IRSA) for Amazon OpenSearch Service. The AWS credential chain and
 * signer are loaded only here: a catalog on a plain OpenSearch URL does without their ~20 MiB (ADR 0062).
 */
function awsSigV4(region: string) {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see above. */
  const { defaultProvider } =
    require('@aws-sdk/credential-provider-node') as typeof import('@aws-sdk/credential-provider-node');
  const { AwsSigv4Signer } =
    require('@opensearch-project/opensearch/aws') as typeof import('@opensearch-project/opensearch/aws');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return AwsSigv4Signer({ region, service: 'es', getCredentials: defaultProvider() });
}

/** Connection failures, timeouts and 5xx answers: the engine is unavailable, not the request wrong. */
function unavailableOrSelf(error: unknown): unknown {
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError ||
    (error instanceof errors.ResponseError && (error.statusCode >= 500 || error.statusCode === 429))
  ) {
    return new SearchUnavailableError(error);
  }
  return error;
}
