import type { Logger } from '@marketplace/observability';
import { subgraphOpenApiUrl, type SubgraphEndpoint } from '../subgraphs';
import { mergeOpenApiDocuments, type OpenApiDocument } from './openapi-merge';

/**
 * The merged OpenAPI document, rebuilt whenever services are polled. Services without a REST surface
 * (no `/openapi.json`) are simply absent; a service that is down keeps its last known document.
 */
export class OpenApiCatalog {
  private readonly known = new Map<string, OpenApiDocument>();
  private merged: OpenApiDocument = mergeOpenApiDocuments([]);

  constructor(
    private readonly subgraphs: readonly SubgraphEndpoint[],
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  get document(): OpenApiDocument {
    return this.merged;
  }

  async refresh(): Promise<void> {
    await Promise.all(
      this.subgraphs.map(async (subgraph) => {
        try {
          const response = await fetch(subgraphOpenApiUrl(subgraph), {
            signal: AbortSignal.timeout(this.timeoutMs),
          });
          if (response.status === 404) {
            this.known.delete(subgraph.name);
            return;
          }
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const document = (await response.json()) as OpenApiDocument;
          if (typeof document !== 'object' || document === null || typeof document.paths !== 'object')
            throw new Error('not an OpenAPI document');
          this.known.set(subgraph.name, document);
        } catch (error) {
          this.logger.debug({ service: subgraph.name, err: error }, 'OpenAPI document unavailable');
        }
      }),
    );
    this.merged = mergeOpenApiDocuments(
      this.subgraphs.flatMap((subgraph) => {
        const document = this.known.get(subgraph.name);
        return document ? [{ service: subgraph.name, document }] : [];
      }),
    );
  }
}
