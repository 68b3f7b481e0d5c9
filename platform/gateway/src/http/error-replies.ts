import { AuthError, ForbiddenError, IdentityProviderUnavailableError } from '@marketplace/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphqlCodeOf } from '@marketplace/observability';

/** Which kind of answer a route gives: GraphQL-shaped (`{ errors: [...] }`) or the REST error body. */
export type Surface = 'graphql' | 'rest';

declare module 'fastify' {
  interface FastifyContextConfig {
    surface?: Surface;
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

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
  return reply.send({
    statusCode: error.status,
    error: REASONS[error.status] ?? 'Error',
    message: error.message,
    ...(error.reason ? { reason: error.reason } : {}),
  });
}
