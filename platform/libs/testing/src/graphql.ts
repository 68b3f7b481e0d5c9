/** GraphQL answers are checked by assertions rather than types; a permissive shape keeps the tests readable. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface GraphQLError {
  message: string;
  extensions?: { code?: string; status?: number; [key: string]: unknown };
}

/** What a GraphQL endpoint answered: the HTTP status, `data` (null when absent) and `errors` when there were any. */
export interface GraphQLAnswer<T = Record<string, Loose>> {
  status: number;
  data: T | null;
  errors?: GraphQLError[];
}

export type GraphQLClient = <T = Record<string, Loose>>(
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  headers?: Record<string, string>,
) => Promise<GraphQLAnswer<T>>;

/** Posts operations to `<baseUrl>/graphql`, with `Authorization: Bearer <token>` when a token is given. */
export function graphqlClient(baseUrl: string): GraphQLClient {
  return async (query, variables = {}, token, headers = {}) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Loose; errors?: GraphQLError[] };
    return {
      status: response.status,
      data: body.data ?? null,
      ...(body.errors ? { errors: body.errors } : {}),
    };
  };
}

/** The `extensions.code` of the first error (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, ...), if any. */
export function errorCode(answer: { errors?: GraphQLError[] }): string | undefined {
  return answer.errors?.[0]?.extensions?.code;
}

/** The answer's data; fails the test with the errors when there are any. */
export function dataOf<T>(answer: GraphQLAnswer<T>, what = 'GraphQL operation'): T {
  if (answer.errors) throw new Error(`${what} failed: ${JSON.stringify(answer.errors)}`);
  return answer.data!;
}

export interface RestAnswer<T = Loose> {
  status: number;
  body: T;
}

export type RestClient = <T = Loose>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  token?: string | null,
) => Promise<RestAnswer<T>>;

/** JSON over HTTP to `<baseUrl><path>`; `token` defaults to `defaultToken` (null sends none). */
export function restClient(baseUrl: string, defaultToken?: string): RestClient {
  return async (method, path, body, token = defaultToken) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}
