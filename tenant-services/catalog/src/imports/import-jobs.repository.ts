import { CrossTenantCollection } from '@marketplace/tenancy';
import type { CatalogDatabase } from '../database/catalog-database';
import type { ImportJobDocument, ImportLockDocument } from './import-job.document';

/** Every tenant's import jobs, for the named recovery of interrupted imports only (acrossTenants). */
export function crossTenantImportJobs(database: CatalogDatabase): CrossTenantCollection<ImportJobDocument> {
  return new CrossTenantCollection(database.rawImportJobs);
}

/** Every tenant's import locks, freed by the same recovery. */
export function crossTenantImportLocks(database: CatalogDatabase): CrossTenantCollection<ImportLockDocument> {
  return new CrossTenantCollection(database.rawImportLocks);
}
