/** Every list of every service answers `{ nodes, pageInfo { hasNextPage endCursor } }` (ADR on pagination). */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The GraphQL selection of one page of a list with the given node fields. */
export function listSelection(fields: string): string {
  return `nodes { ${fields} } pageInfo { hasNextPage endCursor }`;
}

/** A list as the API answers it for `listSelection`. */
export interface RawList<T> {
  nodes?: T[];
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

/** Unwraps a list selected with `listSelection`; a missing list is an empty last page. */
export function pageOf<T>(list: RawList<T>): Page<T> {
  return {
    nodes: list.nodes ?? [],
    hasNextPage: list.pageInfo?.hasNextPage ?? false,
    endCursor: list.pageInfo?.endCursor ?? null,
  };
}
