import { listSelection, pageOf } from './lists';

describe('list unwrapping', () => {
  it('selects edges for the services that still answer edges, nodes for the others', () => {
    expect(listSelection('catalog', 'id')).toBe('edges { node { id } } pageInfo { hasNextPage endCursor }');
    expect(listSelection('orders', 'id')).toBe('nodes { id } pageInfo { hasNextPage endCursor }');
  });

  it('reads either shape into the same page', () => {
    const pageInfo = { hasNextPage: true, endCursor: 'c2' };
    const fromEdges = pageOf({ edges: [{ node: { id: 'a' } }, { node: { id: 'b' } }], pageInfo });
    const fromNodes = pageOf({ nodes: [{ id: 'a' }, { id: 'b' }], pageInfo });
    expect(fromEdges).toEqual({ nodes: [{ id: 'a' }, { id: 'b' }], hasNextPage: true, endCursor: 'c2' });
    expect(fromNodes).toEqual(fromEdges);
  });

  it('treats a missing list as an empty last page', () => {
    expect(pageOf({})).toEqual({ nodes: [], hasNextPage: false, endCursor: null });
  });
});
