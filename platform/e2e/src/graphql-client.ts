export interface GraphqlError {
  message: string;
  extensions?: { code?: string; reason?: string };
}

export interface GraphqlAnswer<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: GraphqlError[];
}

/**
 * One GraphQL request over HTTP; the answer keeps the HTTP status, since the gateway maps refusals onto it.
 * `headers` adds request headers, e.g. `x-tenant-id` for a member of several organizations.
 */
export async function graphqlCall<T>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphqlAnswer<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
  return {
    status: response.status,
    data: body.data ?? null,
    ...(body.errors ? { errors: body.errors } : {}),
  };
}

/** The data of an answer without errors; anything else fails with the errors, naming what was attempted. */
export function dataOf<T>(answer: GraphqlAnswer<T>, what: string): T {
  if (answer.errors || answer.data === null)
    throw new Error(`${what} failed (HTTP ${answer.status}): ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

export function errorCodeOf(answer: GraphqlAnswer<unknown>): string | undefined {
  return answer.errors?.[0]?.extensions?.code;
}
