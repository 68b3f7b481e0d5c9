import { sellerSort } from './products.page';

describe('sellerSort', () => {
  it('asks the catalog for the order of the sorted column, newest first when unsorted', () => {
    expect(sellerSort('title', 'asc')).toBe('TITLE_ASC');
    expect(sellerSort('title', 'desc')).toBe('TITLE_DESC');
    expect(sellerSort('price', 'asc')).toBe('PRICE_ASC');
    expect(sellerSort('price', 'desc')).toBe('PRICE_DESC');
    expect(sellerSort('title', '')).toBe('NEWEST');
    expect(sellerSort('status', 'asc')).toBe('NEWEST');
  });
});
