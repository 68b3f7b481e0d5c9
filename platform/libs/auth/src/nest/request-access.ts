import type { ExecutionContext } from '@nestjs/common';
import type { AppAbility } from '../abilities';
import type { Principal } from '../principal';

type HeaderValue = string | string[] | undefined;

/** The parts of an Express or Fastify request this library reads and writes. */
export interface AuthenticatedRequest {
  headers: Record<string, HeaderValue>;
  principal?: Principal;
  ability?: AppAbility;
}

interface GraphQLContextShape {
  req?: AuthenticatedRequest;
  request?: AuthenticatedRequest;
  reply?: { request?: AuthenticatedRequest };
}

/**
 * The HTTP request behind an execution context. GraphQL resolvers receive `(root, args, context, info)`;
 * the GraphQL drivers put the request on the context as `req` (Apollo/Express), `request` (Apollo/Fastify)
 * or `reply.request` (Mercurius). Reading it generically keeps `@nestjs/graphql` an optional dependency.
 */
export function requestFromContext(context: ExecutionContext): AuthenticatedRequest | undefined {
  if (context.getType() === 'http') return context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (context.getType<string>() === 'graphql') {
    const gqlContext = context.getArgByIndex<GraphQLContextShape | undefined>(2);
    return gqlContext?.req ?? gqlContext?.request ?? gqlContext?.reply?.request;
  }
  return undefined;
}

export function headerValue(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
