export {
  ApiProblems,
  RestController,
  RestRoute,
  buildOpenApiDocument,
  jsonSchemaOf,
  problemSchema,
  serveOpenApiDocument,
} from './openapi';
export type { RestOperation } from './openapi';
export {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  pageQuerySchema,
  pageSchemaOf,
  parseInput,
  restListOf,
} from './pagination';
export type { ConnectionLike, PageQuery, RestPage } from './pagination';
export {
  IDEMPOTENCY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyStore,
  isValidIdempotencyKey,
  requestFingerprint,
} from './idempotency';
export type { IdempotencyClaim, IdempotencyStoreOptions, StoredAnswer } from './idempotency';
