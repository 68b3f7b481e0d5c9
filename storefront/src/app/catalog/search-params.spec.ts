import { parseSearchParams, toQueryParams, toSearchVariables, withFilters } from './search-params';

describe('search URL state', () => {
  it('reads every filter from the URL', () => {
    const state = parseSearchParams(
      {
        q: ' linen ',
        category: 'c1',
        seller: 's1',
        minPrice: '10',
        maxPrice: '49.99',
        sort: 'PRICE_ASC',
        after: 'cur',
      },
      'EUR',
    );
    expect(state).toEqual({
      q: 'linen',
      category: 'c1',
      seller: 's1',
      minPrice: '10',
      maxPrice: '49.99',
      currency: 'EUR',
      sort: 'PRICE_ASC',
      after: 'cur',
    });
  });

  it('falls back to defaults for malformed values instead of failing', () => {
    const state = parseSearchParams(
      { sort: 'CHEAPEST', minPrice: '-5', maxPrice: 'abc', currency: 'euro' },
      'EUR',
    );
    expect(state).toMatchObject({
      sort: 'RELEVANCE',
      minPrice: null,
      maxPrice: null,
      currency: 'EUR',
      q: '',
    });
  });

  it('round-trips through the query string, leaving defaults out', () => {
    const state = parseSearchParams({ q: 'mug', maxPrice: '20', currency: 'USD', sort: 'NEWEST' }, 'EUR');
    const params = toQueryParams(state, 'EUR');
    expect(params).toEqual({ q: 'mug', maxPrice: '20', currency: 'USD', sort: 'NEWEST' });
    expect(parseSearchParams(params, 'EUR')).toEqual(state);
    expect(toQueryParams(parseSearchParams({}, 'EUR'), 'EUR')).toEqual({});
  });

  it('goes back to the first page when a filter changes', () => {
    const state = parseSearchParams({ q: 'mug', after: 'cursor-2' }, 'EUR');
    expect(withFilters(state, { category: 'c2' })).toMatchObject({ category: 'c2', after: null, q: 'mug' });
  });

  it('turns the state into catalog search variables with prices in minor units', () => {
    const state = parseSearchParams(
      { q: 'mug', seller: 's1', minPrice: '10', maxPrice: '49.99', after: 'c' },
      'EUR',
    );
    expect(toSearchVariables(state)).toEqual({
      search: { text: 'mug', sellerId: 's1', minPrice: 1000, maxPrice: 4999, currency: 'EUR' },
      sort: 'RELEVANCE',
      first: 24,
      after: 'c',
    });
    expect(toSearchVariables(parseSearchParams({}, 'EUR'))).toEqual({
      search: {},
      sort: 'RELEVANCE',
      first: 24,
    });
  });

  it('converts prices with the digits of the currency', () => {
    const state = parseSearchParams({ minPrice: '1500', currency: 'JPY' }, 'EUR');
    expect(toSearchVariables(state).search).toEqual({ minPrice: 1500, currency: 'JPY' });
  });
});
