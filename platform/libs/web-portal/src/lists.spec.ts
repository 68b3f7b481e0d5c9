import { listSelection, pageOf } from './lists';

describe('list unwrapping', () => {
  it('selects the nodes and the page info of a list', () => {
    expect(listSelection('id title')).toBe('nodes { id title } pageInfo { hasNextPage endCursor }');
  });

  it('reads a list into a page', () => {
    const pageInfo = { hasNextPage: true, endCursor: 'c2' };
    expect(pageOf({ nodes: [{ id: 'a' }, { id: 'b' }], pageInfo })).toEqual({
      nodes: [{ id: 'a' }, { id: 'b' }],
      hasNextPage: true,
      endCursor: 'c2',
    });
  });

  it('treats a missing list as an empty last page', () => {
    expect(pageOf({})).toEqual({ nodes: [], hasNextPage: false, endCursor: null });
  });
});
