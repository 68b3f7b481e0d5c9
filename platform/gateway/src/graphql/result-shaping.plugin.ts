import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

interface ResultError {
  /** Present on field (execution) errors only; request errors (syntax, validation, limits) have none. */
  path?: readonly (string | number)[];
  extensions?: { code?: unknown };
}

interface SingleResult {
  data?: unknown;
  errors?: readonly ResultError[];
  extensions?: Record<string, unknown>;
}

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SERVICE_UNAVAILABLE: 503,
};

/** The HTTP status a GraphQL result deserves beyond Yoga's defaults, or undefined to leave it. */
export function httpStatusOf(result: SingleResult): number | undefined {
  const errors = result.errors ?? [];
  if (errors.length === 0) return undefined;
  // No `data` entry and no field error: the operation was refused before execution (syntax, validation, limits).
  if (!('data' in result) && !errors.some((error) => error.path)) return 400;
  if (result.data !== null && result.data !== undefined) return undefined;
  const codes = new Set(errors.map((error) => error.extensions?.code));
  if (codes.size !== 1) return undefined;
  const [code] = codes;
  return typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
}

// The HTTP executor attaches the subgraph request (internal URL, full body) and response to upstream errors.
const INTERNAL_EXTENSIONS = ['request', 'response'];

/** The error without the subgraph request/response details, which reveal internal addresses to callers. */
export function withoutUpstreamDetails<E>(error: E): E {
  if (!(error instanceof GraphQLError) || !INTERNAL_EXTENSIONS.some((key) => key in error.extensions))
    return error;
  const extensions = Object.fromEntries(
    Object.entries(error.extensions).filter(([key]) => !INTERNAL_EXTENSIONS.includes(key)),
  );
  return new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.source ? { source: error.source } : {}),
    ...(error.positions ? { positions: error.positions } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions,
  }) as E;
}

/**
 * Shapes every single GraphQL result before it is written: drops upstream request/response details from
 * errors, and answers refused operations with a 4xx whatever the Accept header (Yoga keeps 200 for
 * `application/json`): a refused request (limits, syntax) gets 400, and an operation whose every error is
 * UNAUTHENTICATED (or FORBIDDEN, SERVICE_UNAVAILABLE) and that produced no data gets 401 (403, 503: a store or
 * service it needs is down, repeat it later), so clients and proxies see it.
 */
export function resultShapingPlugin(): GatewayPlugin {
  return {
    onResultProcess({ result, setResult }) {
      if (
        Array.isArray(result) ||
        typeof result !== 'object' ||
        result === null ||
        Symbol.asyncIterator in result
      )
        return;
      const single = result as SingleResult;
      if (!single.errors?.length) return;
      const errors = single.errors.map(withoutUpstreamDetails);
      const status = httpStatusOf(single);
      // The query planner runtime leaves out the `data: null` an operation whose root fields all failed gets
      // (GraphQL spec: a started execution always has a data entry); clients tell refusals from failures by it.
      const executed = !('data' in single) && single.errors.some((error) => error.path);
      setResult({
        ...single,
        ...(executed ? { data: null } : {}),
        errors,
        ...(status !== undefined ? { extensions: { ...single.extensions, http: { status } } } : {}),
      } as unknown as typeof result);
    },
  };
}
