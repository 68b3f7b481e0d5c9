/** One page of a REST list. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/**
 * Every item of a list, page after page: `fetchPage` gets the cursor of the next page (undefined for the first)
 * and answers that page.
 *
 * ```ts
 * for await (const order of paginate((cursor) => api.GET('/api/v1/orders/orders', { params: { query: { cursor } } }).then(unwrap))) { ... }
 * ```
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}
