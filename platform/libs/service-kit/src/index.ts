export { ServicePlatformModule, type ServicePlatformOptions } from './service-platform.module';
export { SubgraphModule, type SubgraphOptions } from './subgraph.module';
export { createServiceApp, runService, type ServiceListenOptions } from './bootstrap';
export { connectMySql, migrateMySql, type MySqlConnection, type MySqlConnectOptions } from './mysql';
export { connectMongo, type MongoConnection } from './mongo';
export { PageInfo } from './graphql/page-info';
export { ConnectionType, mapConnection, pageOf, type Connection } from './graphql/connection';
export {
  createdAtCursor,
  INVALID_CURSOR_MESSAGE,
  opaqueCursor,
  type CreatedAtPosition,
  type CursorCodec,
} from './cursor';
export { servicePlatformOptions, type ServicePlatformSettings } from './service-platform-options';
export { MySqlServiceModule, type MySqlServiceOptions } from './mysql-service/mysql-service.module';
export { MySqlDatabase, type MySqlDatabaseOptions } from './mysql-service/mysql-database';
export { OutboxRelayService, type OutboxRelayServiceOptions } from './mysql-service/outbox-relay.service';
export { mySqlServiceSettings, type MySqlServiceConfig } from './mysql-service/mysql-service.settings';
export { isMySqlDuplicateKey } from './mysql-service/mysql-errors';
