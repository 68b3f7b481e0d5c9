import { INVALID_CURSOR_MESSAGE, ValidationError } from '@marketplace/observability';
import { z } from 'zod';

/**
 * Cursor pagination of every REST list: `?limit=&cursor=`, answered `{ data, next_cursor }`. The cursor is the
 * opaque keyset cursor the same list hands out in GraphQL (ADR 0014); `next_cursor` is null on the last page.
 */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_LIMIT)
    .default(DEFAULT_PAGE_LIMIT)
    .describe(`Items per page, 1-${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT}).`),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .describe('`next_cursor` of the previous page; omit for the first page.'),
});
export type PageQuery = z.output<typeof pageQuerySchema>;

/** What a GraphQL list answers (`Connection` of service-kit), structurally. */
export interface ConnectionLike<T> {
  nodes: readonly T[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export interface RestPage<T> {
  data: T[];
  next_cursor: string | null;
}

/** The page schema of a list of `item` (a named component `<name>Page`). */
export function pageSchemaOf<S extends z.ZodType>(name: string, item: S) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .describe('Pass as `cursor` for the next page; null on the last page.'),
    })
    .meta({ id: `${name}Page` });
}

/**
 * One page of a list read through the same service call as its GraphQL list (`first`/`after`), mapped to REST
 * items. A cursor the list refuses is reported as the `cursor` parameter the REST caller sent.
 */
export async function restListOf<N, T>(
  query: PageQuery,
  list: (first: number, after: string | undefined) => Promise<ConnectionLike<N>>,
  map: (node: N) => T | Promise<T>,
): Promise<RestPage<T>> {
  let connection: ConnectionLike<N>;
  try {
    connection = await list(query.limit, query.cursor);
  } catch (error) {
    if (error instanceof Error && error.message === INVALID_CURSOR_MESSAGE)
      throw new ValidationError('cursor: not a cursor this API returned');
    throw error;
  }
  return {
    data: await Promise.all(connection.nodes.map(map)),
    next_cursor: connection.pageInfo.hasNextPage ? (connection.pageInfo.endCursor ?? null) : null,
  };
}

/** Parses a query string (or body) with its zod schema; a ZodError becomes a 400 with the fields listed. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return schema.parse(input ?? {});
}
