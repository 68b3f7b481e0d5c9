import { gatewayPathOf, mergeOpenApiDocuments } from './openapi-merge';

describe('mergeOpenApiDocuments', () => {
  it('maps service API paths under /api/v1/<service> and ignores the rest', () => {
    expect(gatewayPathOf('catalog', '/api/v1/imports')).toBe('/api/v1/catalog/imports');
    expect(gatewayPathOf('catalog', '/api/v1')).toBe('/api/v1/catalog');
    expect(gatewayPathOf('catalog', '/health/live')).toBeUndefined();
    expect(gatewayPathOf('catalog', '/api/v10/x')).toBeUndefined();
  });

  it('prefixes components per service so equal names do not collide, and rewrites their references', () => {
    const document = (title: string) => ({
      info: { title },
      paths: {
        '/api/v1/items': {
          post: {
            operationId: 'create',
            security: [{ own: [] }],
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
            },
            responses: {},
          },
        },
      },
      components: { schemas: { Item: { type: 'object' } }, securitySchemes: { own: { type: 'http' } } },
    });
    const merged = mergeOpenApiDocuments([
      { service: 'catalog', document: document('Catalog') },
      { service: 'media', document: document('Media') },
    ]);
    expect(Object.keys(merged.paths ?? {})).toEqual(['/api/v1/catalog/items', '/api/v1/media/items']);
    const post = merged.paths?.['/api/v1/media/items']?.post as Record<string, unknown>;
    expect(post.operationId).toBe('media_create');
    expect(post.tags).toEqual(['media']);
    expect(post).not.toHaveProperty('security');
    expect(JSON.stringify(post.requestBody)).toContain('#/components/schemas/media_Item');
    expect(Object.keys(merged.components?.schemas ?? {})).toEqual(['catalog_Item', 'media_Item']);
    expect(Object.keys(merged.components?.securitySchemes ?? {})).toEqual(['bearer']);
    expect(merged.security).toEqual([{ bearer: [] }]);
    expect(merged.tags).toEqual([
      { name: 'catalog', description: 'Catalog' },
      { name: 'media', description: 'Media' },
    ]);
  });
});
