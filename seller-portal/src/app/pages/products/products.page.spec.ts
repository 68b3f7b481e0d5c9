import { categoryChoices } from './products.models';
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

describe('categoryChoices', () => {
  it('flattens the tree depth-first with full paths, siblings by name, orphans at the top', () => {
    expect(
      categoryChoices([
        { id: 'k', name: 'Kitchen', parentId: 'h' },
        { id: 'h', name: 'Home', parentId: null },
        { id: 'a', name: 'Art', parentId: null },
        { id: 'c', name: 'Cups', parentId: 'k' },
        { id: 'o', name: 'Orphan', parentId: 'gone' },
      ]),
    ).toEqual([
      { id: 'a', depth: 0, path: 'Art' },
      { id: 'h', depth: 0, path: 'Home' },
      { id: 'k', depth: 1, path: 'Home › Kitchen' },
      { id: 'c', depth: 2, path: 'Home › Kitchen › Cups' },
      { id: 'o', depth: 0, path: 'Orphan' },
    ]);
  });
});
