import type { ArgumentsHost } from '@nestjs/common';

/** What this library reads from an Express or Fastify request. */
export interface ObservedRequest {
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  url?: string;
  raw?: object;
  /** Attached by the auth guard of `@marketplace/auth`. */
  principal?: { tenantId?: string };
}

interface GraphQLContextShape {
  req?: ObservedRequest;
  request?: ObservedRequest;
  reply?: { request?: ObservedRequest };
}

/** The HTTP request behind a REST handler or a GraphQL resolver (Apollo on Express or Fastify, Mercurius). */
export function requestOf(host: ArgumentsHost): ObservedRequest | undefined {
  const type = host.getType<string>();
  if (type === 'http') return host.switchToHttp().getRequest<ObservedRequest>();
  if (type === 'graphql') {
    const context = host.getArgByIndex<GraphQLContextShape | undefined>(2);
    return context?.req ?? context?.request ?? context?.reply?.request;
  }
  return undefined;
}

interface GraphQLInfoShape {
  fieldName?: string;
  parentType?: { name?: string };
  operation?: { operation?: string };
}

/** `Query.products`-style route and the operation type of a GraphQL resolver call. */
export function graphqlFieldOf(host: ArgumentsHost): { route: string; method: string } {
  const info = host.getArgByIndex<GraphQLInfoShape | undefined>(3);
  return {
    route: `${info?.parentType?.name ?? 'Unknown'}.${info?.fieldName ?? 'unknown'}`,
    method: info?.operation?.operation ?? 'graphql',
  };
}

/** Requests keep their tenant for the metrics hook, which runs after the request context has ended. */
const tenants = new WeakMap<object, string>();

export function rememberTenant(request: ObservedRequest, tenantId: string | undefined): void {
  if (tenantId) tenants.set(request.raw ?? request, tenantId);
}

export function tenantOfRequest(request: ObservedRequest): string | undefined {
  return tenants.get(request.raw ?? request) ?? request.principal?.tenantId;
}
