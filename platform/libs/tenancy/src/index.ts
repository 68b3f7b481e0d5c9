export * from './request-context';
export * from './errors';
export { requireCrossTenant } from './cross-tenant';
export { tenantIdColumn } from './mysql/tenant-column';
export {
  tenantRepository,
  type TenantRepository,
  type TenantScopedTable,
  type MySqlDb,
  type Row,
  type NewRow,
  type RowChanges,
  type FindManyOptions,
} from './mysql/tenant-repository';
export { crossTenantRepository, type CrossTenantRepository } from './mysql/cross-tenant-repository';
export {
  TenantCollection,
  type TenantDocument,
  type NewTenantDocument,
  type TenantUpdateOptions,
} from './mongo/tenant-collection';
export { CrossTenantCollection, type CrossTenantScope } from './mongo/cross-tenant-collection';
