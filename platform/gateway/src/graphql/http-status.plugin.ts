import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

interface ResultError {
  extensions?: { code?: unknown };
}

interface SingleResult {
  data?: unknown;
  errors?: readonly ResultError[];
  extensions?: Record<string, unknown>;
}

const STATUS_BY_CODE: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** The HTTP status a GraphQL result deserves beyond Yoga's defaults, or undefined to leave it. */
export function httpStatusOf(result: SingleResult): number | undefined {
  const errors = result.errors ?? [];
  if (errors.length === 0) return undefined;
  // No `data` entry at all: the operation was refused before execution (syntax, validation, limits).
  if (!('data' in result)) return 400;
  if (result.data !== null && result.data !== undefined) return undefined;
  const codes = new Set(errors.map((error) => error.extensions?.code));
  if (codes.size !== 1) return undefined;
  const [code] = codes;
  return typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
}

/**
 * Answers refused operations with a 4xx whatever the Accept header (Yoga keeps 200 for
 * `application/json`): a refused request (limits, syntax) gets 400, and an operation whose every error is
 * UNAUTHENTICATED (or FORBIDDEN) and that produced no data gets 401 (403), so clients and proxies see it.
 */
export function httpStatusPlugin(): GatewayPlugin {
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
      const status = httpStatusOf(single);
      if (status !== undefined)
        setResult({ ...single, extensions: { ...single.extensions, http: { status } } } as typeof result);
    },
  };
}
