export { combinedStores, type ErasureResult, type ExportFile, type TenantDataStore } from './tenant-data';
export {
  mySqlTenantData,
  tenantColumns,
  TENANT_COLUMN,
  type MySqlTenantDataOptions,
  type TenantColumn,
} from './mysql-tenant-data';
export { mongoTenantData, RECEIPTS_COLLECTION, type MongoTenantDataOptions } from './mongo-tenant-data';
export { globLiteral, redisTenantKeys, scanKeys } from './redis-tenant-keys';
export {
  createS3Client,
  OffboardingObjects,
  s3TenantObjects,
  type S3ObjectSettings,
  type StoredObject,
} from './offboarding-objects';
export {
  confirmThroughKafka,
  confirmThroughOutbox,
  mongoReceipts,
  offboardingParticipant,
  OFFBOARDING_OPERATION,
  type Confirm,
  type OffboardingParticipantOptions,
} from './participant';
export {
  offboardingConsumerSettings,
  offboardingSettings,
  type OffboardingConfig,
  type OffboardingConsumerConfig,
} from './settings';
export {
  OffboardingModule,
  OFFBOARDING_OBJECTS,
  type MongoOffboardingOptions,
  type MySqlOffboardingOptions,
  type RedisOffboardingOptions,
} from './nest/offboarding.module';
