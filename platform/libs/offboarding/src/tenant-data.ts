/** One file of a service's export part: JSON Lines of records, or an object copied as it is (media). */
export type ExportFile =
  { name: string; records: readonly unknown[] } | { name: string; copyOf: string; sizeBytes: number };

export interface ErasureResult {
  /** Rows, documents, keys or objects removed, by table/collection/store. */
  deleted: Record<string, number>;
  /** Rows kept for what law requires, with their personal columns overwritten (ADR 0038). */
  anonymized: Record<string, number>;
}

/**
 * What a service holds of one tenant, in one kind of store. `tx` is the consumer's transaction (MySQL) or
 * undefined (MongoDB, Redis, S3). Both operations must be idempotent: a redelivered request repeats them.
 */
export interface TenantDataStore<TTx = unknown> {
  exportFiles(tenantId: string, tx: TTx): Promise<ExportFile[]>;
  erase(tenantId: string, tx: TTx): Promise<ErasureResult>;
}

/** One service's stores taken together (e.g. MySQL and its Redis keys, MongoDB and its S3 objects). */
export function combinedStores<TTx>(...stores: TenantDataStore<TTx>[]): TenantDataStore<TTx> {
  return {
    async exportFiles(tenantId, tx) {
      const files: ExportFile[] = [];
      for (const store of stores) files.push(...(await store.exportFiles(tenantId, tx)));
      return files;
    },
    async erase(tenantId, tx) {
      const result: ErasureResult = { deleted: {}, anonymized: {} };
      for (const store of stores) {
        const part = await store.erase(tenantId, tx);
        Object.assign(result.deleted, part.deleted);
        Object.assign(result.anonymized, part.anonymized);
      }
      return result;
    },
  };
}
