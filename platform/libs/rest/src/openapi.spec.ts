import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { buildOpenApiDocument, RestController, RestRoute } from './openapi';
import { pageQuerySchema, pageSchemaOf } from './pagination';

const tag = z.object({ label: z.string() }).meta({ id: 'SpecTag' });
const item = z
  .object({ id: z.string(), note: z.string().nullable(), tags: z.array(tag) })
  .meta({ id: 'SpecItem' });
const createItem = z.object({ note: z.string().min(1).optional(), count: z.number().int().default(1) });

@RestController('items')
@Controller('api/v1/items')
class ItemsController {
  @Get()
  @RestRoute({
    operationId: 'listItems',
    summary: 'Items',
    query: pageQuerySchema,
    response: { status: 200, schema: pageSchemaOf('SpecItem', item) },
  })
  list(@Query() _query: unknown) {
    return { data: [], next_cursor: null };
  }

  @Post()
  @RestRoute({
    operationId: 'createItem',
    summary: 'Creates an item',
    body: createItem,
    response: { status: 201, schema: item },
    idempotent: true,
  })
  create(@Body() _body: unknown) {
    return {};
  }
}

@Module({ controllers: [ItemsController] })
class ItemsModule {}

describe('buildOpenApiDocument', () => {
  let app: NestFastifyApplication;
  // The document's shape is what the assertions check, so it is read untyped.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let document: Record<string, any>;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ItemsModule, new FastifyAdapter(), {
      logger: false,
    });
    document = buildOpenApiDocument(app, { title: 'Spec', description: 'Spec service' });
  });
  afterAll(() => app.close());

  it('documents routes as OpenAPI 3.1 with the zod schemas as named components', () => {
    expect(document.openapi).toBe('3.1.0');
    const schemas = document.components.schemas;
    expect(Object.keys(schemas)).toEqual(['Problem', 'SpecItem', 'SpecItemPage', 'SpecTag']);
    expect(schemas.SpecItem).toMatchObject({
      type: 'object',
      properties: {
        note: { type: ['string', 'null'] },
        tags: { type: 'array', items: { $ref: '#/components/schemas/SpecTag' } },
      },
    });
    expect(schemas.SpecItemPage.properties.data.items).toEqual({ $ref: '#/components/schemas/SpecItem' });
  });

  it('takes query parameters and request bodies as the input the route accepts', () => {
    const list = document.paths['/api/v1/items'].get;
    expect(list.operationId).toBe('listItems');
    expect(list.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'limit', in: 'query', required: false }),
        expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
      ]),
    );
    const create = document.paths['/api/v1/items'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.required ?? []).not.toContain('count');
    expect(create.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]);
    expect(create.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SpecItem',
    });
    for (const status of ['400', '401', '403', '409', '422', '429'])
      expect(create.responses[status].content['application/problem+json'].schema).toEqual({
        $ref: '#/components/schemas/Problem',
      });
  });
});
