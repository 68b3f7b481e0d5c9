import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { AuthenticatedRequest } from '@marketplace/auth';
import {
  errorResponseOf,
  graphqlCodeOf,
  type Logger,
  newTraceId,
  PublicGraphQLError,
  traceIdOfRequest,
} from '@marketplace/observability';

interface SubgraphContext {
  request?: AuthenticatedRequest & { method?: string; url?: string };
}

/**
 * Masks what resolvers throw wherever Nest's exception filter does not reach: field resolvers and federation
 * reference resolvers (`__resolveReference`) run without filters. Anticipated domain errors keep their message
 * and code; anything else is logged with the request's context and answered as a bare internal error carrying
 * the traceId, exactly as the filter answers operation errors. Errors GraphQL itself raises (parse,
 * validation, variable coercion) and those the filter already produced pass unchanged.
 */
export function graphqlErrorMasking(logger: Logger): {
  plugin: ApolloServerPlugin<SubgraphContext>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
} {
  const traceIds = new WeakMap<object, string>();

  const plugin: ApolloServerPlugin<SubgraphContext> = {
    requestDidStart: () =>
      Promise.resolve({
        didEncounterErrors: (requestContext: GraphQLRequestContext<SubgraphContext>) => {
          const request = requestContext.contextValue.request;
          const traceId = request ? traceIdOfRequest(request) : newTraceId();
          for (const error of requestContext.errors ?? []) {
            const original = resolverErrorOf(error);
            if (!original) continue;
            traceIds.set(error, traceId);
            if (errorResponseOf(original).expected) continue;
            logger.error(
              {
                err: original,
                traceId,
                operationName: requestContext.operationName,
                path: error.path?.join('.'),
                tenantId: request?.principal?.tenantId,
                userId: request?.principal?.userId,
                method: request?.method,
                url: request?.url,
              },
              'Unhandled error in a resolver',
            );
          }
          return Promise.resolve();
        },
      }),
  };

  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = resolverErrorOf(error);
    if (!original) return withoutStacktrace(formatted);
    const { status, body } = errorResponseOf(original);
    const message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    const traceId =
      (error !== null && typeof error === 'object' ? traceIds.get(error) : undefined) ?? newTraceId();
    return {
      message,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: graphqlCodeOf(status), status, traceId },
    };
  };

  return { plugin, formatError };
}

/** The exception a resolver threw, unless it is one the exception filter already made safe to show. */
function resolverErrorOf(error: unknown): unknown {
  // Only resolver errors carry a path; parse, validation and variable coercion errors (whose originalError may be
  // set, e.g. an enum's parseValue) are GraphQL's own and pass unchanged.
  if (!(error instanceof GraphQLError) || error.originalError === undefined || error.path === undefined)
    return undefined;
  const original = unwrapResolverError(error);
  return original instanceof PublicGraphQLError ? undefined : original;
}

function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
