import type { MySqlDb } from '@marketplace/events';
import { sql } from 'drizzle-orm';
import type { ErasureResult, ExportFile, TenantDataStore } from './tenant-data';

/** A column that names the owning tenant: `tenant_id`, or a prefixed one such as `seller_tenant_id`. */
export const TENANT_COLUMN = /^([a-z0-9_]+_)?tenant_id$/;

export interface TenantColumn {
  table: string;
  column: string;
}

export interface MySqlTenantDataOptions {
  /**
   * Tables law requires to keep (orders, ledger): their rows stay with the tenant id, these columns are
   * overwritten with the given values (none: kept as they are, counted as anonymized). ADR 0038 lists them.
   */
  anonymize?: Record<string, Record<string, string | number | null>>;
  /** Tables kept as they are because they record the offboarding itself (no personal data). */
  keep?: readonly string[];
  /** Columns never exported (secrets and their hashes). */
  omitFromExport?: Record<string, readonly string[]>;
}

type ExecuteResult = [unknown, unknown];

async function rows(tx: MySqlDb, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const [result] = (await tx.execute(query)) as unknown as ExecuteResult;
  return result as Record<string, unknown>[];
}

async function affected(tx: MySqlDb, query: ReturnType<typeof sql>): Promise<number> {
  const [result] = (await tx.execute(query)) as unknown as ExecuteResult;
  return (result as { affectedRows: number }).affectedRows;
}

/** Every column of the connected database that names a tenant, read from the schema (new tables included). */
export async function tenantColumns(tx: MySqlDb): Promise<TenantColumn[]> {
  const found = await rows(
    tx,
    sql`SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME LIKE '%tenant\\_id' ORDER BY TABLE_NAME, COLUMN_NAME`,
  );
  return found
    .map((row) => ({ table: String(row.t), column: String(row.c) }))
    .filter(({ column }) => TENANT_COLUMN.test(column));
}

const OUTBOX_BATCH = 1000;

/**
 * Published events that mention the tenant (its name, its staff's addresses): the relay keeps them for a day
 * after publishing (ADR 0003), so they are erased with the tenant. The ids are read first (a consistent read,
 * no locks) and deleted by primary key, so the relay's work on other rows never waits for the search; events not
 * published yet are left to the relay.
 */
async function erasePublishedEvents(tx: MySqlDb, tenantId: string): Promise<number> {
  const pattern = `%${tenantId.replace(/[\\%_]/g, '\\$&')}%`;
  const ids = (
    await rows(tx, sql`SELECT id FROM outbox WHERE published_at IS NOT NULL AND envelope LIKE ${pattern}`)
  ).map(({ id }) => Number(id));
  let deleted = 0;
  for (let start = 0; start < ids.length; start += OUTBOX_BATCH)
    deleted += await affected(
      tx,
      sql`DELETE FROM outbox WHERE id IN (${sql.join(
        ids.slice(start, start + OUTBOX_BATCH).map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  return deleted;
}

/**
 * A MySQL service's tenant data, found by the tenant columns of its schema: exported table by table, deleted
 * everywhere except the tables kept (anonymized, or recording the offboarding); its published events too. Runs on the consumer's
 * transaction, so the erasure and its confirmation in the outbox commit together.
 */
export function mySqlTenantData(options: MySqlTenantDataOptions = {}): TenantDataStore<MySqlDb> {
  const anonymize = options.anonymize ?? {};
  const keep = new Set(options.keep ?? []);
  return {
    async exportFiles(tenantId, tx) {
      const files: ExportFile[] = [];
      for (const { table, column } of await tenantColumns(tx)) {
        const omitted = new Set(options.omitFromExport?.[table] ?? []);
        const records = await rows(
          tx,
          sql`SELECT * FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ${tenantId}`,
        );
        files.push({
          name: column === 'tenant_id' ? table : `${table}.${column}`,
          records: records.map((record) =>
            Object.fromEntries(Object.entries(record).filter(([key]) => !omitted.has(key))),
          ),
        });
      }
      return files;
    },
    async erase(tenantId, tx) {
      const result: ErasureResult = { deleted: {}, anonymized: {} };
      for (const { table, column } of await tenantColumns(tx)) {
        if (keep.has(table)) continue;
        const overwrite = anonymize[table];
        if (overwrite && Object.keys(overwrite).length === 0) {
          const [count] = await rows(
            tx,
            sql`SELECT COUNT(*) AS n FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ${tenantId}`,
          );
          result.anonymized[table] = Number(count?.n ?? 0);
        } else if (overwrite) {
          const assignments = sql.join(
            Object.entries(overwrite).map(([name, value]) => sql`${sql.identifier(name)} = ${value}`),
            sql`, `,
          );
          result.anonymized[table] = await affected(
            tx,
            sql`UPDATE ${sql.identifier(table)} SET ${assignments} WHERE ${sql.identifier(column)} = ${tenantId}`,
          );
        } else {
          result.deleted[table] =
            (result.deleted[table] ?? 0) +
            (await affected(
              tx,
              sql`DELETE FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ${tenantId}`,
            ));
        }
      }
      result.deleted.outbox = await erasePublishedEvents(tx, tenantId);
      return result;
    },
  };
}
