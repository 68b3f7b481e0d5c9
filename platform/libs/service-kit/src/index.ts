export { ServicePlatformModule, type ServicePlatformOptions } from './service-platform.module';
export { SubgraphModule, type SubgraphOptions } from './subgraph.module';
export { createServiceApp, runService } from './bootstrap';
export { ReadinessChecks } from './readiness-checks';
export { reportEventConsumers, SupervisedEventConsumers } from './event-consumers';
export {
  connectMySql,
  migrateMySql,
  type MySqlConnection,
  type MySqlConnectOptions,
  preparedQuery,
} from './mysql';
export { connectMongo } from './mongo';
export { PageInfo } from './graphql/page-info';
export { ConnectionType, mapConnection, pageOf, type Connection } from './graphql/connection';
export { TenantRef } from './graphql/tenant-ref';
export { createdAtCursor, opaqueCursor, type CreatedAtPosition, type CursorCodec } from './cursor';
export {
  MySqlRedisServiceModule,
  MySqlServiceModule,
  type MySqlServiceOptions,
} from './mysql-service/mysql-service.module';
export { MySqlDatabase, type MySqlDatabaseOptions } from './mysql-service/mysql-database';
export { OutboxRelayService, type OutboxRelayServiceOptions } from './mysql-service/outbox-relay.service';
export {
  mongoServiceSettings,
  mySqlServiceSettings,
  redisServiceSettings,
  type MongoServiceConfig,
  type MySqlServiceConfig,
  type RedisServiceConfig,
} from './service-settings';
export {
  tenantStatusAssumeActiveSetting,
  tenantStatusSettings,
  type TenantStatusConfig,
} from './tenant-status/tenant-status-settings';
export {
  CachedTenantStatusLookup,
  type TenantStatusFact,
  type TenantStatusSource,
} from './tenant-status/cached-tenant-status';
export { onTenantStatusEvents, type TenantStatusChange } from './tenant-status/tenant-status-events';
export { TENANT_STATUS_TTL_MS, type OwnTenantStatusLookup } from './tenant-status/tenant-status.providers';
export {
  isMySqlDuplicateKey,
  isMySqlLockConflict,
  type LockConflictRetry,
  retryOnLockConflict,
} from './mysql-service/mysql-errors';
export { MongoServiceModule } from './mongo-service/mongo-service.module';
export { MongoDatabase } from './mongo-service/mongo-database';
export { createDocumentWriteSerializer, createWriteSerializer } from './mongo-service/write-serializer';
export { RedisServiceModule } from './redis-service/redis-service.module';
export { periodicJob, type Sweeper } from './periodic-job/periodic-jobs';
