import { parseSubgraphEntry } from './subgraphs';

describe('parseSubgraphEntry', () => {
  it('reads name=url and keeps the base URL without /graphql or a trailing slash', () => {
    expect(parseSubgraphEntry('catalog=http://127.0.0.1:4102')).toEqual({
      name: 'catalog',
      url: 'http://127.0.0.1:4102',
    });
    expect(parseSubgraphEntry(' media = http://media.internal:8080/graphql ')).toEqual({
      name: 'media',
      url: 'http://media.internal:8080',
    });
    expect(parseSubgraphEntry('tenants=https://svc.example.com/tenants/')).toEqual({
      name: 'tenants',
      url: 'https://svc.example.com/tenants',
    });
  });

  it('explains what is wrong with a bad entry', () => {
    expect(parseSubgraphEntry('catalog')).toBe('missing "="');
    expect(parseSubgraphEntry('Catalog=http://x')).toMatch(/lower-case/);
    expect(parseSubgraphEntry('catalog=not a url')).toMatch(/absolute URL/);
    expect(parseSubgraphEntry('catalog=ftp://x')).toMatch(/http or https/);
  });
});
