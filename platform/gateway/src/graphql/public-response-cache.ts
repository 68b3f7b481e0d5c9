import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import { getOperationAST } from 'graphql';
import { PASS_THROUGH_HEADERS } from '../auth/request-identity';

export interface PublicResponseCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

/**
 * Caches query results for anonymous callers only, in this gateway's memory, for a short time. An anonymous
 * request forwards nothing caller-specific to the subgraphs (no token, no cart token), so its answer depends
 * on the operation and variables alone and can be shared: the storefront's product lists and pages, the
 * category tree, public seller names. Any successful mutation through this gateway, whoever sent it (sellers'
 * are signed in, so the cache plugin itself never sees them), empties the cache: a seller who renames or
 * unpublishes a product must not have the storefront keep showing the old one. Other replicas' caches and
 * changes made without a mutation (events) show after at most the TTL.
 */
export function publicResponseCache(options: PublicResponseCacheOptions) {
  const newCache = () => createInMemoryCache({ max: options.maxEntries });
  let current = newCache();
  const cache: Cache = {
    get: (key) => current.get(key),
    set: (...args) => current.set(...args),
    invalidate: (entities) => current.invalidate(entities),
  };
  return [
    useResponseCache({
      ttl: options.ttlMs,
      session: () => null,
      enabled: (request) =>
        !request.headers.has('authorization') &&
        PASS_THROUGH_HEADERS.every((name) => !request.headers.has(name)),
      cache,
      includeExtensionMetadata: false,
    }),
    {
      onExecute({
        args,
      }: {
        args: { document: Parameters<typeof getOperationAST>[0]; operationName?: string | null };
      }) {
        if (getOperationAST(args.document, args.operationName ?? undefined)?.operation !== 'mutation') return;
        return {
          onExecuteDone({ result }: { result: unknown }) {
            const errors = (result as { errors?: readonly unknown[] }).errors;
            if (!errors || errors.length === 0) current = newCache();
          },
        };
      },
    },
  ];
}
