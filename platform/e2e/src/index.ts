export {
  BOOT_TIMEOUT_MS,
  platformClient,
  startPlatform,
  WHOLE_PLATFORM,
  wholePlatform,
  type RunningPlatform,
  type PlatformOptions,
  type PlatformUrls,
} from './platform';
export {
  Marketplace,
  SHIPPING_ADDRESS,
  ADD_TO_CART,
  CHECKOUT,
  MY_ORDER,
  SELLER_ORDER,
  SELLER_ORDERS,
  PAYOUT_TRANSFERS,
  type BuyerOrderView,
  type SellerOrderView,
  type Seller,
  type StockedProduct,
  type StockLevel,
} from './marketplace';
export { graphqlCall, dataOf, errorCodeOf, type GraphqlAnswer, type GraphqlError } from './graphql-client';
export {
  readDeadLetters,
  readTopic,
  type DeadLetters,
  type ReadEnvelope,
  type TopicReader,
} from './topic-reader';
export { mapConcurrently, percentile } from './concurrency';
export { startChildService, freePort, type ChildService } from './child-service';
export {
  CHART_DOMAIN_SUFFIX,
  chartDeployables,
  mapClusterAddresses,
  referencedDeployables,
  renderUmbrellaChart,
  type ChartDeployable,
} from './chart';
export { acceptsConnections, unreachableServers } from './stack-control';
export type { TestUser } from '@marketplace/testing';
export { LOCAL_STRIPE_WEBHOOK_SECRET, postProviderWebhook } from './provider-webhook';
export {
  needlesIn,
  scanMongo,
  scanMySql,
  scanRedis,
  scanS3,
  TENANT_TABLES,
  type MySqlScan,
  type Needle,
  type S3ScanOptions,
  type ScanHit,
  type StoreScan,
} from './tenant-scan';
export {
  DRILL_SERVERS,
  startPrivateStack,
  type DrillServer,
  type PrivateStack,
  type PrivateStackOptions,
} from './private-stack';
