/** Just enough of OpenAPI 3 to merge service documents; everything else is carried through untouched. */
export interface OpenApiDocument {
  openapi?: string;
  info?: Record<string, unknown>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string; description?: string }[];
  [key: string]: unknown;
}

export interface ServiceOpenApi {
  service: string;
  document: OpenApiDocument;
}

const SERVICE_API_PREFIX = '/api/v1';
/** Where the gateway serves the developer guide (docs/developers/README.md) unless configured otherwise. */
export const DEVELOPER_GUIDE_PATH = '/docs/guide';
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** `/api/v1/products/{id}` of the catalog service is `/api/v1/catalog/products/{id}` at the gateway. */
export function gatewayPathOf(service: string, servicePath: string): string | undefined {
  if (servicePath !== SERVICE_API_PREFIX && !servicePath.startsWith(`${SERVICE_API_PREFIX}/`))
    return undefined;
  return `${SERVICE_API_PREFIX}/${service}${servicePath.slice(SERVICE_API_PREFIX.length)}`;
}

function rewriteRefs(value: unknown, service: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, service));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string'
        ? child.replace(/^#\/components\/([^/]+)\/(.+)$/, `#/components/$1/${service}_$2`)
        : rewriteRefs(child, service);
  }
  return out;
}

/**
 * One OpenAPI document for integrators: every service's `/api/v1` operations under `/api/v1/<service>`,
 * component names prefixed with the service so two services may both define `Product`, and one bearer
 * security scheme because the gateway requires a token on every REST route.
 */
export function mergeOpenApiDocuments(
  services: readonly ServiceOpenApi[],
  title = 'Marketplace REST API',
  guideUrl = DEVELOPER_GUIDE_PATH,
): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  };
  const tags: { name: string; description?: string }[] = [];

  for (const { service, document } of services) {
    const rewritten = rewriteRefs(document, service) as OpenApiDocument;
    let exposed = false;
    for (const [servicePath, item] of Object.entries(rewritten.paths ?? {})) {
      const path = gatewayPathOf(service, servicePath);
      if (path === undefined) continue;
      const merged: Record<string, unknown> = {};
      for (const [method, operation] of Object.entries(item)) {
        if (!HTTP_METHODS.has(method) || operation === null || typeof operation !== 'object') {
          merged[method] = operation;
          continue;
        }
        const { security: _security, operationId, ...rest } = operation as Record<string, unknown>;
        merged[method] = {
          ...rest,
          tags: [service],
          ...(typeof operationId === 'string' ? { operationId: `${service}_${operationId}` } : {}),
        };
      }
      paths[path] = merged;
      exposed = true;
    }
    for (const [kind, entries] of Object.entries(rewritten.components ?? {})) {
      if (kind === 'securitySchemes') continue;
      const target = (components[kind] ??= {});
      for (const [name, definition] of Object.entries(entries)) target[`${service}_${name}`] = definition;
    }
    if (exposed) {
      const description = typeof document.info?.title === 'string' ? document.info.title : undefined;
      tags.push({ name: service, ...(description ? { description } : {}) });
    }
  }

  return {
    openapi: '3.1.0',
    info: {
      title,
      version: '1',
      description: [
        "The integrators' REST API of the marketplace, through the API gateway. Every route requires a bearer access",
        "token (OAuth2 client credentials of the seller's API client) and acts on that tenant's data only.",
        'Lists page with `?limit=&cursor=` and answer `next_cursor`; errors are RFC 9457 `application/problem+json`;',
        'every POST takes an `Idempotency-Key`; the `RateLimit` and `RateLimit-Policy` headers announce the budget.',
        '',
        `Developer guide (authentication, pagination, errors, idempotency, rate limits, SDK, webhooks): [${guideUrl}](${guideUrl})`,
      ].join('\n'),
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: tags.sort((a, b) => a.name.localeCompare(b.name)),
    paths: sortedByKey(paths),
    components: Object.fromEntries(
      Object.entries(components).map(([kind, entries]) => [kind, sortedByKey(entries)]),
    ),
  };
}

/** Keys in code-point order, so the document is the same whatever order the services are listed or answer in. */
function sortedByKey<T>(entries: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
