import type { Db, Document } from 'mongodb';
import type { ErasureResult, ExportFile, TenantDataStore } from './tenant-data';

export interface MongoTenantDataOptions {
  /** Fields never exported (relay plumbing, secrets). `pendingEvents` is always left out. */
  omitFromExport?: readonly string[];
}

/** Offboarding receipts carry their confirmation event through the document outbox; they hold no tenant data. */
export const RECEIPTS_COLLECTION = 'offboarding_receipts';

async function tenantCollections(db: Db): Promise<string[]> {
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  return collections
    .map(({ name }) => name)
    .filter((name) => !name.startsWith('system.') && name !== RECEIPTS_COLLECTION)
    .sort();
}

/** A tenant's documents: those naming it in `tenantId`, and those keyed by it (a seller's state or rating). */
const ofTenant = (tenantId: string) => ({ $or: [{ tenantId }, { _id: tenantId }] }) as Document;

/**
 * A MongoDB service's tenant data: the documents of the tenant (`ofTenant`) in every collection of its database
 * (new collections included), exported collection by collection and deleted.
 */
export function mongoTenantData(db: Db, options: MongoTenantDataOptions = {}): TenantDataStore<unknown> {
  const projection = Object.fromEntries(
    ['pendingEvents', ...(options.omitFromExport ?? [])].map((field) => [field, 0]),
  );
  return {
    async exportFiles(tenantId) {
      const files: ExportFile[] = [];
      for (const name of await tenantCollections(db)) {
        const records = await db
          .collection<Document>(name)
          .find(ofTenant(tenantId), { projection })
          .toArray();
        if (records.length > 0) files.push({ name, records });
      }
      return files;
    },
    async erase(tenantId) {
      const result: ErasureResult = { deleted: {}, anonymized: {} };
      for (const name of await tenantCollections(db)) {
        const { deletedCount } = await db.collection<Document>(name).deleteMany(ofTenant(tenantId));
        if (deletedCount > 0) result.deleted[name] = deletedCount;
      }
      return result;
    },
  };
}
