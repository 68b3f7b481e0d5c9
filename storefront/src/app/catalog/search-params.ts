import type { Params } from '@angular/router';
import { toMinorUnits } from '../shared/money';

export const SORTS = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RATING'] as const;
export type Sort = (typeof SORTS)[number];
export const PAGE_SIZE = 24;

/** Everything the search page shows, as the URL holds it (shareable; the back button restores it). */
export interface SearchState {
  q: string;
  category: string | null;
  seller: string | null;
  /** Major units as typed ("19.99"), in `currency`. */
  minPrice: string | null;
  maxPrice: string | null;
  currency: string;
  sort: Sort;
  after: string | null;
}

export interface SearchVariables {
  search: {
    text?: string;
    categoryId?: string;
    sellerId?: string;
    minPrice?: number;
    maxPrice?: number;
    currency?: string;
  };
  sort: Sort;
  first: number;
  after?: string;
}

const text = (value: unknown, max: number): string | null => {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
};
const amount = (value: unknown): string | null => {
  const raw = text(value, 20);
  return raw !== null && /^\d+(\.\d+)?$/.test(raw) ? raw : null;
};

/** Reads the URL query; unknown or malformed values fall back to defaults instead of breaking the page. */
export function parseSearchParams(params: Params, defaultCurrency: string): SearchState {
  const sort = text(params['sort'], 20);
  const currency = text(params['currency'], 3);
  return {
    q: text(params['q'], 200) ?? '',
    category: text(params['category'], 64),
    seller: text(params['seller'], 64),
    minPrice: amount(params['minPrice']),
    maxPrice: amount(params['maxPrice']),
    currency: currency && /^[A-Z]{3}$/.test(currency) ? currency : defaultCurrency,
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : 'RELEVANCE',
    after: text(params['after'], 512),
  };
}

/** The URL query of a state: defaults are left out so links stay short. */
export function toQueryParams(state: SearchState, defaultCurrency: string): Params {
  const params: Params = {};
  if (state.q) params['q'] = state.q;
  if (state.category) params['category'] = state.category;
  if (state.seller) params['seller'] = state.seller;
  if (state.minPrice) params['minPrice'] = state.minPrice;
  if (state.maxPrice) params['maxPrice'] = state.maxPrice;
  if ((state.minPrice || state.maxPrice) && state.currency !== defaultCurrency)
    params['currency'] = state.currency;
  if (state.sort !== 'RELEVANCE') params['sort'] = state.sort;
  if (state.after) params['after'] = state.after;
  return params;
}

/** Changing any filter starts again from the first page. */
export function withFilters(state: SearchState, changes: Partial<Omit<SearchState, 'after'>>): SearchState {
  return { ...state, ...changes, after: null };
}

export function toSearchVariables(state: SearchState): SearchVariables {
  const search: SearchVariables['search'] = {};
  if (state.q) search.text = state.q;
  if (state.category) search.categoryId = state.category;
  if (state.seller) search.sellerId = state.seller;
  const min = state.minPrice ? toMinorUnits(state.minPrice, state.currency) : null;
  const max = state.maxPrice ? toMinorUnits(state.maxPrice, state.currency) : null;
  if (min !== null) search.minPrice = min;
  if (max !== null) search.maxPrice = max;
  if (min !== null || max !== null) search.currency = state.currency;
  const variables: SearchVariables = { search, sort: state.sort, first: PAGE_SIZE };
  if (state.after) variables.after = state.after;
  return variables;
}
