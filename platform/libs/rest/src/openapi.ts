import { applyDecorators } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
  DocumentBuilder,
  SwaggerModule,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@marketplace/observability';
import { z } from 'zod';

/**
 * OpenAPI of the REST API is generated from the code: routes from the Nest controllers (@nestjs/swagger), every
 * body, query, parameter and response schema from the zod schemas the route validates with, converted to JSON
 * Schema 2020-12 (the dialect of OpenAPI 3.1). A zod schema with `.meta({ id })` becomes a named component.
 */
type JsonSchema = Record<string, unknown>;

const SCHEMA_REF_PREFIX = '#/components/schemas/';

/** Named schemas met while decorating controllers; every service process documents its own. */
const components = new Map<string, JsonSchema>();

export const problemSchema = z
  .object({
    type: z.string().describe('`about:blank`: the status and `code` say what happened.'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong, for a human.'),
    code: z
      .string()
      .describe(
        'Stable kind: VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, RATE_LIMITED, ...',
      ),
    reason: z
      .string()
      .optional()
      .describe(
        'Why a token was refused (401/403): missing_token, invalid_token, expired_token, wrong_audience, invalid_claims, ...',
      ),
    instance: z.string().optional().describe('The request path.'),
    traceId: z.string().optional().describe('Quote it to support: it finds the log lines of the request.'),
    errors: z
      .array(z.object({ field: z.string(), detail: z.string() }))
      .optional()
      .describe('Invalid fields, by dotted path into the body or query parameter name.'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

function withoutDialect(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function rewriteDefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteDefs);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string'
        ? child.replace(/^#\/\$defs\//, SCHEMA_REF_PREFIX)
        : rewriteDefs(child);
  }
  return out;
}

/**
 * The JSON Schema of a zod schema as a request (`input`: defaults optional) or response (`output`) sees it; named
 * schemas (and the named schemas they contain) are registered as components and answered as references.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  }) as JsonSchema;
  // A named schema comes back as a `$ref` into `$defs`, which holds it and every named schema inside it.
  const { $defs, ...root } = converted as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [name, definition] of Object.entries($defs ?? {}))
    components.set(name, rewriteDefs(definition) as JsonSchema);
  return rewriteDefs(withoutDialect(root)) as JsonSchema;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (problem details list the fields); nothing changed.',
  401: 'No valid bearer access token.',
  403: 'The token may not do this.',
  404: "No such resource for the token's tenant.",
  409: 'Conflicts with the current state, or a request with the same Idempotency-Key is still running.',
  422: 'The Idempotency-Key was used with another request.',
  429: 'Rate limit exceeded; see Retry-After.',
};

/** Error answers of a route, all `application/problem+json`. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  const schema = jsonSchemaOf(problemSchema, 'output');
  return applyDecorators(
    ...[...new Set([400, 401, 403, 429, ...statuses])].sort().map((status) =>
      ApiResponse({
        status,
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Error.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema } },
      }),
    ),
  );
}

export interface RestOperation {
  /** Unique within the service; the SDK and the merged document derive names from it. */
  operationId: string;
  summary: string;
  description?: string;
  /** Path parameters by name. */
  params?: Record<string, string>;
  /** The zod object of the query string; each key becomes a parameter. */
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and the schema of its JSON body (none: 204). */
  response: { status: number; schema?: z.ZodType; description?: string };
  /** Error statuses besides 400, 401, 403 and 429. */
  problems?: number[];
}

/**
 * Documents one REST route from the schemas it validates with. A POST also documents `Idempotency-Key` (the
 * gateway replays a repeated key's stored answer) and its 409/422 answers.
 */
export function RestRoute(operation: RestOperation & { idempotent?: boolean }): MethodDecorator {
  const decorators: MethodDecorator[] = [
    ApiOperation({
      operationId: operation.operationId,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
    }),
  ];
  for (const [name, description] of Object.entries(operation.params ?? {}))
    decorators.push(ApiParam({ name, description, schema: { type: 'string' } }));
  const querySchema = operation.query ? jsonSchemaOf(operation.query, 'input') : undefined;
  const queryProperties = (querySchema?.properties ?? {}) as Record<string, JsonSchema>;
  const requiredQuery = new Set((querySchema?.required ?? []) as string[]);
  for (const [name, schema] of Object.entries(queryProperties)) {
    const { description, ...rest } = schema;
    decorators.push(
      ApiQuery({
        name,
        required: requiredQuery.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      }),
    );
  }
  if (operation.body)
    decorators.push(ApiBody({ required: true, schema: jsonSchemaOf(operation.body, 'input') }));
  const { status, schema, description } = operation.response;
  decorators.push(
    ApiResponse({
      status,
      description: description ?? (status === 201 ? 'Created.' : status === 204 ? 'Done.' : 'OK.'),
      ...(schema ? { content: { 'application/json': { schema: jsonSchemaOf(schema, 'output') } } } : {}),
    }),
  );
  const problems = [...(operation.problems ?? [])];
  if (operation.idempotent) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description:
          'Any unique string up to 255 characters (a UUID). Retrying with the same key and body answers the first answer again (header `Idempotent-Replayed: true`) without acting twice; for 24 hours per tenant.',
        schema: { type: 'string', maxLength: 255 },
      }),
    );
    problems.push(409, 422);
  }
  decorators.push(ApiProblems(...problems));
  return applyDecorators(...decorators);
}

/** Tags, bearer auth and problem answers of a REST controller. */
export function RestController(tag: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth());
}

/** Swagger's 3.0 leftovers that 3.1 expresses otherwise. */
function toOpenApi31(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOpenApi31);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonSchema = {};
  for (const [key, child] of Object.entries(value)) out[key] = toOpenApi31(child);
  if (out.nullable === true && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    delete out.nullable;
  }
  return out;
}

/** Components only the document refers to (directly or through other components), in name order. */
function referencedComponents(document: unknown): Record<string, JsonSchema> {
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF_PREFIX)) {
        const name = child.slice(SCHEMA_REF_PREFIX.length);
        if (!used.has(name)) {
          used.add(name);
          visit(components.get(name));
        }
      } else visit(child);
    }
  };
  visit(document);
  return Object.fromEntries(
    [...used].sort().flatMap((name) => {
      const schema = components.get(name);
      return schema ? [[name, schema]] : [];
    }),
  );
}

/** The service's OpenAPI 3.1 document of its `/api/v1` routes. */
export function buildOpenApiDocument(
  app: NestFastifyApplication,
  info: { title: string; description: string },
): Record<string, unknown> {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle(info.title)
      .setDescription(info.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  ) as unknown as Record<string, unknown> & { components?: Record<string, unknown> };
  const converted = toOpenApi31(document) as typeof document;
  const schemas = {
    ...((converted.components?.schemas as Record<string, unknown> | undefined) ?? {}),
    ...referencedComponents(converted),
  };
  return { ...converted, components: { ...converted.components, schemas } };
}

/** Builds the document and serves it at `/openapi.json`, where the gateway collects it. */
export function serveOpenApiDocument(
  app: NestFastifyApplication,
  info: { title: string; description: string },
): void {
  const document = buildOpenApiDocument(app, info);
  app
    .getHttpAdapter()
    .getInstance()
    .get('/openapi.json', (_request, reply) => {
      void reply.send(document);
    });
}
