import { type Api, listSelection, pageOf, type RawList } from '@marketplace/web-portal';

export interface SellerName {
  id: string;
  name: string;
}

const NAMES = `query SellerNames($status: TenantStatus, $after: String) {
  tenants(filter: { status: $status }, first: 100, after: $after) { ${listSelection('id name')} }
}`;
/** Enough for the pickers of a large marketplace; beyond it a seller is reached from its own page. */
const MAX_PAGES = 50;

/** Every seller's id and name (of one status when given), page by page, for pickers and labels. */
export async function loadSellerNames(api: Api, status?: 'ACTIVE'): Promise<SellerName[]> {
  const names: SellerName[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: { tenants: RawList<SellerName> } = await api.request(NAMES, {
      status: status ?? null,
      after,
    });
    const list = pageOf<SellerName>(answer.tenants);
    names.push(...list.nodes);
    if (!list.hasNextPage) break;
    after = list.endCursor;
  }
  return names;
}
