import { createInMemoryCache, useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { PASS_THROUGH_HEADERS } from '../auth/request-identity';

export interface PublicResponseCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

/**
 * Caches query results for anonymous callers only, in this gateway's memory, for a short time. An anonymous
 * request forwards nothing caller-specific to the subgraphs (no token, no cart token), so its answer depends
 * on the operation and variables alone and can be shared: the storefront's product lists and pages, the
 * category tree, public seller names. A mutation through this gateway drops the cached results that hold
 * an entity it returned; other changes show after at most the TTL.
 */
export function publicResponseCache(options: PublicResponseCacheOptions) {
  return useResponseCache({
    ttl: options.ttlMs,
    session: () => null,
    enabled: (request) =>
      !request.headers.has('authorization') &&
      PASS_THROUGH_HEADERS.every((name) => !request.headers.has(name)),
    cache: createInMemoryCache({ max: options.maxEntries }),
    includeExtensionMetadata: false,
  });
}
