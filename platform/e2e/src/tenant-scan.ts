import { TENANT_COLUMN, type OffboardingObjects } from '@marketplace/offboarding';
import type { Redis } from 'ioredis';
import type { MongoClient } from 'mongodb';
import type { Connection } from 'mysql2/promise';

/**
 * Every MySQL table with a tenant column, and what a tenant's deletion does to its rows (ADR 0038). The scan
 * refuses a table it does not find here: whoever adds one decides its fate here and in the ADR.
 */
export const TENANT_TABLES: Record<string, 'deleted' | 'anonymized' | 'kept'> = {
  'inventory.locations': 'deleted',
  'inventory.stock_levels': 'deleted',
  'inventory.stock_thresholds': 'deleted',
  'inventory.stock_adjustments': 'deleted',
  'orders.tenant_commissions': 'deleted',
  'orders.commission_rules': 'deleted',
  'orders.seller_orders': 'anonymized',
  'orders.order_lines': 'anonymized',
  'orders.refund_requests': 'anonymized',
  'payments.ledger_entries': 'anonymized',
  'payments.seller_ledger_entries': 'anonymized',
  'payments.seller_balances': 'anonymized',
  'payments.transfers': 'anonymized',
  'payments.transfer_reversals': 'anonymized',
  'payments.dispute_allocations': 'anonymized',
  'payments.payout_accounts': 'deleted',
  'payments.tenant_statuses': 'deleted',
  'notifications.sellers': 'deleted',
  'webhooks.webhook_events': 'deleted',
  'webhooks.webhook_deliveries': 'deleted',
  'webhooks.webhook_attempts': 'deleted',
  'webhooks.order_routes': 'deleted',
  'webhooks.webhook_endpoints': 'deleted',
  'tenants.tenants': 'deleted',
  'tenants.tenant_status_history': 'deleted',
  'tenants.staff_invitations': 'deleted',
  'tenants.api_clients': 'deleted',
  'tenants.tenant_exports': 'deleted',
  'tenants.tenant_deletions': 'kept',
  'tenants.audit_log': 'kept',
};

/**
 * Tables that mention tenants in their payloads without owning tenant data: every service's outbox keeps
 * published events for 24 h (ADR 0003) and then deletes them.
 */
export const TRANSIENT_TABLES = new Set(['outbox']);

export interface ScanFinding {
  store: 'mysql' | 'mongodb' | 'redis' | 's3';
  /** `<service>.<table>`, `<database>.<collection>`, a Redis key or an object key. */
  where: string;
  count: number;
  /** One of the rows or documents found, to say what it is. */
  sample?: string;
}

export interface MySqlScan {
  findings: ScanFinding[];
  /** Tables with a tenant column that TENANT_TABLES does not know. */
  unknownTenantTables: string[];
}

const TEXT_TYPES = ['char', 'varchar', 'text', 'mediumtext', 'longtext', 'json'];

/**
 * Every text column of every table of the given databases (`service` → database name) searched for the tenant
 * id, not only the tenant columns: a tenant mentioned anywhere else (an audience, a key) is found too.
 */
export async function scanMySql(
  connection: Connection,
  databases: Record<string, string>,
  tenantId: string,
): Promise<MySqlScan> {
  const findings: ScanFinding[] = [];
  const unknownTenantTables: string[] = [];
  for (const [service, database] of Object.entries(databases)) {
    const [columns] = (await connection.query(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, DATA_TYPE AS d FROM information_schema.COLUMNS
       WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [database],
    )) as unknown as [{ t: string; c: string; d: string }[]];
    const tables = new Map<string, string[]>();
    for (const { t, c, d } of columns) {
      if (TENANT_COLUMN.test(c) && !(`${service}.${t}` in TENANT_TABLES))
        unknownTenantTables.push(`${service}.${t}`);
      if (TEXT_TYPES.includes(d.toLowerCase())) tables.set(t, [...(tables.get(t) ?? []), c]);
    }
    for (const [table, textColumns] of tables) {
      if (TRANSIENT_TABLES.has(table)) continue;
      const [rows] = (await connection.query(
        `SELECT * FROM ??.?? WHERE ${textColumns.map(() => '?? LIKE ?').join(' OR ')}`,
        [database, table, ...textColumns.flatMap((column) => [column, `%${tenantId}%`])],
      )) as unknown as [Record<string, unknown>[]];
      if (rows.length > 0)
        findings.push({
          store: 'mysql',
          where: `${service}.${table}`,
          count: rows.length,
          sample: JSON.stringify(rows[0]).slice(0, 500),
        });
    }
  }
  return { findings, unknownTenantTables: [...new Set(unknownTenantTables)] };
}

/** Every document of every collection of the given databases whose JSON mentions the tenant id. */
export async function scanMongo(
  mongo: MongoClient,
  databases: string[],
  tenantId: string,
): Promise<ScanFinding[]> {
  const findings: ScanFinding[] = [];
  for (const database of databases) {
    const db = mongo.db(database);
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      let count = 0;
      for await (const document of db.collection(name).find({}))
        if (JSON.stringify(document).includes(tenantId)) count += 1;
      if (count > 0) findings.push({ store: 'mongodb', where: `${database}.${name}`, count });
    }
  }
  return findings;
}

/**
 * Redis keys naming the tenant under the given prefixes (the run's services: the server is shared with other
 * runs, whose consumers write their own keys for every tenant's events), with their time to live.
 */
export async function scanRedis(
  redis: Redis,
  tenantId: string,
  prefixes: string[],
): Promise<(ScanFinding & { ttlSeconds: number })[]> {
  const findings: (ScanFinding & { ttlSeconds: number })[] = [];
  for (const prefix of prefixes) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*${tenantId}*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys)
        findings.push({ store: 'redis', where: key, count: 1, ttlSeconds: await redis.ttl(key) });
    } while (cursor !== '0');
  }
  return findings;
}

/** Objects of the bucket whose key names the tenant (media and offboarding keep a tenant's under its id). */
export async function scanS3(objects: OffboardingObjects, tenantId: string): Promise<ScanFinding[]> {
  return (await objects.list(''))
    .filter(({ key }) => key.includes(tenantId))
    .map(({ key }) => ({ store: 's3' as const, where: key, count: 1 }));
}
