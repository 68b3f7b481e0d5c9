export * from './request-context';
export * from './errors';
export { acrossTenants, withinTenant } from './scope';
export { buyerKey, buyerKeysPrefix, requireBuyerId } from './buyer';
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
  buyerRepository,
  type BuyerRepository,
  type BuyerScopedTable,
  type NewBuyerRow,
} from './mysql/buyer-repository';
export { BuyerCollection, type BuyerDocument, type NewBuyerDocument } from './mongo/buyer-collection';
export {
  OwnerScopedCollection,
  TenantCollection,
  type TenantDocument,
  type NewTenantDocument,
  type TenantUpdateOptions,
} from './mongo/tenant-collection';
export { CrossTenantCollection, type CrossTenantScope } from './mongo/cross-tenant-collection';
export {
  filterSupportOf,
  meetsGuard,
  updateByIdWhere,
  type FilterSupport,
  type UpdateGuard,
} from './mongo/guarded-update';
