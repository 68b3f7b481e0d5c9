import { createHash } from 'node:crypto';
import { ServiceUnavailableException } from '@nestjs/common';
import { cartProductsAnswerSchema, cartProductsQuery } from '@marketplace/contracts';
import { ServiceCallError, ServiceClient } from '@marketplace/resilience';
import type { z } from 'zod';
import type { CatalogClient, CatalogProduct } from './catalog.client';

/**
 * The catalog subgraph's public `product(id)` query over HTTP, all requested products in one operation
 * (one aliased field each). Timeouts, retries and the circuit breaker come from `ServiceClient`; when the
 * catalog cannot answer, callers get a 503 instead of waiting.
 */
export class GraphQLCatalogClient implements CatalogClient {
  private readonly client: ServiceClient;
  private readonly path: string;

  constructor(options: { url: string; timeoutMs: number }) {
    const url = new URL(options.url);
    this.path = url.pathname;
    this.client = new ServiceClient({
      service: 'catalog',
      baseUrl: url.origin,
      policy: {
        timeoutMs: options.timeoutMs,
        retries: 2,
        backoff: { initialMs: 50, maxMs: 500 },
        breaker: { threshold: 5, halfOpenAfterMs: 10_000 },
      },
    });
  }

  /** Every read asks the catalog, so both reads are current. */
  currentProducts(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct | null>> {
    return this.products(productIds);
  }

  async products(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct | null>> {
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return new Map();
    const variables = Object.fromEntries(ids.map((id, index) => [`id${index}`, id]));
    const query = cartProductsQuery(ids.length);

    let answer: z.infer<typeof cartProductsAnswerSchema>;
    try {
      // A read, so safe to repeat: the key tells the client (and any proxy) that this POST may be retried.
      const idempotencyKey = `read-${createHash('sha256').update(query).update(JSON.stringify(variables)).digest('hex')}`;
      answer = await this.client.post(
        this.path,
        { query, variables },
        { schema: cartProductsAnswerSchema, idempotencyKey },
      );
    } catch (error) {
      if (error instanceof ServiceCallError) {
        throw new ServiceUnavailableException(
          `The catalog is unavailable, so prices cannot be checked; try again shortly (${error.message})`,
        );
      }
      throw error;
    }
    if (answer.errors?.length || !answer.data) {
      throw new ServiceUnavailableException(
        `The catalog could not answer: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`,
      );
    }
    const data = answer.data;
    return new Map(ids.map((id, index) => [id, data[`p${index}`] ?? null]));
  }
}
