/**
 * The one place that knows how each service shapes its lists. Catalog, tenants and payments still answer
 * `edges { node }`; orders and inventory answer `nodes`. When a service moves to `nodes`, change its entry here.
 */
export type ListService = 'catalog' | 'tenants' | 'payments' | 'orders' | 'inventory' | 'audit';

const SHAPE: Record<ListService, 'edges' | 'nodes'> = {
  catalog: 'edges',
  tenants: 'edges',
  payments: 'edges',
  orders: 'nodes',
  inventory: 'nodes',
  // The audit log (served by the tenants service) was built on `nodes` from the start.
  audit: 'nodes',
};

export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The GraphQL selection of one page of a list with the given node fields. */
export function listSelection(service: ListService, fields: string): string {
  const items = SHAPE[service] === 'edges' ? `edges { node { ${fields} } }` : `nodes { ${fields} }`;
  return `${items} pageInfo { hasNextPage endCursor }`;
}

interface RawList<T> {
  edges?: { node: T }[];
  nodes?: T[];
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
}

/** Unwraps a list selected with `listSelection`, whichever shape the service answered. */
export function pageOf<T>(list: RawList<T>): Page<T> {
  return {
    nodes: list.nodes ?? list.edges?.map((edge) => edge.node) ?? [],
    hasNextPage: list.pageInfo?.hasNextPage ?? false,
    endCursor: list.pageInfo?.endCursor ?? null,
  };
}
