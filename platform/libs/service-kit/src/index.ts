export { ServicePlatformModule, type ServicePlatformOptions } from './service-platform.module';
export { SubgraphModule, type SubgraphOptions } from './subgraph.module';
export { createServiceApp, runService, type ServiceListenOptions } from './bootstrap';
export { connectMySql, migrateMySql, type MySqlConnection, type MySqlConnectOptions } from './mysql';
export { connectMongo, type MongoConnection } from './mongo';
export { PageInfo } from './graphql/page-info';
export { decodeCursor, encodeCursor, type CursorPosition } from './cursor';
