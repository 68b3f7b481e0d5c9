import { AuthError, ForbiddenError, IdentityProviderUnavailableError } from '@marketplace/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphqlCodeOf, PROBLEM_CONTENT_TYPE, problemOf, traceIdOfRequest } from '@marketplace/observability';

/** Which kind of answer a route gives: GraphQL-shaped (`{ errors: [...] }`) or REST problem details (RFC 9457). */
export type Surface = 'graphql' | 'rest';

declare module 'fastify' {
  interface FastifyContextConfig {
    surface?: Surface;
  }
}

export interface GatewayError {
  status: number;
  code: string;
  message: string;
  /** Machine-readable detail, e.g. the auth failure reason. */
  reason?: string;
}

/** Auth library errors (401/403/503) as gateway answers; anything else is not the caller's to see. */
export function gatewayErrorOf(error: unknown): GatewayError | undefined {
  const known =
    error instanceof AuthError ||
    error instanceof ForbiddenError ||
    error instanceof IdentityProviderUnavailableError;
  if (!known) return undefined;
  const status = error.getStatus();
  const response = error.getResponse() as { message?: unknown; reason?: unknown } | string;
  const message = typeof response === 'string' ? response : String(response.message ?? error.message);
  const reason =
    typeof response === 'object' && typeof response.reason === 'string' ? response.reason : undefined;
  return { status, code: graphqlCodeOf(status), message, ...(reason ? { reason } : {}) };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: GatewayError): FastifyReply {
  reply.code(error.status);
  if ((request.routeOptions.config.surface ?? 'rest') === 'graphql') {
    const extensions = { code: error.code, ...(error.reason ? { reason: error.reason } : {}) };
    return reply
      .type('application/json; charset=utf-8')
      .send({ errors: [{ message: error.message, extensions }] });
  }
  const problem = problemOf(error.status, error.message, {
    code: error.code,
    instance: request.url,
    traceId: traceIdOfRequest(request),
  });
  return reply
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, ...(error.reason ? { reason: error.reason } : {}) });
}
