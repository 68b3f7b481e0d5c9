import { createGunzip } from 'node:zlib';
import { TENANT_COLUMN, type OffboardingObjects } from '@marketplace/offboarding';
import type { Redis } from 'ioredis';
import { Binary, type MongoClient } from 'mongodb';
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
  'notifications.emails': 'deleted',
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

/** A distinctive string of the tenant searched for everywhere, named for the report (`tenant id`, `alias`…). */
export interface Needle {
  label: string;
  value: string;
}

export interface ScanHit {
  store: 'mysql' | 'mongodb' | 'redis' | 's3';
  /**
   * Where the string is: `<schema>.<table>.<column>`, `<database>.<collection>#<_id>`, `<key>` or
   * `<key> (value)` in Redis, `<object key>` or `<object key> (content)` in S3.
   */
  where: string;
  /** The needle's label. */
  found: string;
  /** Rows or entries found there (MySQL), or 1. */
  count: number;
  /** Of the row, document or value, to say what it is. */
  sample?: string;
}

export interface StoreScan {
  hits: ScanHit[];
  /** What the scan could not read, and why (so a skip is visible, never silent). */
  notes: string[];
}

/** The labels of the needles `text` contains, case-insensitively (e-mail addresses come back lower-cased). */
export function needlesIn(text: string, needles: readonly Needle[]): string[] {
  const lower = text.toLowerCase();
  return needles.filter(({ value }) => lower.includes(value.toLowerCase())).map(({ label }) => label);
}

const sampleOf = (value: unknown) =>
  (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 400);

/** Latin-1 keeps every byte as one character, so ASCII needles are found in text and in binary data alike. */
const textOfBytes = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

// ---------------------------------------------------------------------------------------------------- MySQL

/** Column types that hold text or bytes (JSON is LONGTEXT in MariaDB). */
const TEXT_LIKE_TYPES = new Set([
  'char',
  'varchar',
  'tinytext',
  'text',
  'mediumtext',
  'longtext',
  'json',
  'enum',
  'set',
  'binary',
  'varbinary',
  'tinyblob',
  'blob',
  'mediumblob',
  'longblob',
]);

const likePattern = (value: string) => `%${value.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;

const cellText = (value: unknown) =>
  value === null || value === undefined
    ? ''
    : Buffer.isBuffer(value)
      ? textOfBytes(value)
      : typeof value === 'object' && !(value instanceof Date)
        ? JSON.stringify(value)
        : String(value);

export interface MySqlScan extends StoreScan {
  /** Tables with a tenant column that TENANT_TABLES does not know. */
  unknownTenantTables: string[];
}

/**
 * Every text-like column (text, JSON, enums, bytes) of every table of the given databases (`service` → database
 * name) searched for every needle: values, not only the tenant columns, so a tenant mentioned anywhere else (an
 * e-mail's address or body, an audit record, a published event) is found too.
 */
export async function scanMySql(
  connection: Connection,
  databases: Record<string, string>,
  needles: readonly Needle[],
): Promise<MySqlScan> {
  const hits: ScanHit[] = [];
  const unknownTenantTables: string[] = [];
  for (const [service, database] of Object.entries(databases)) {
    const [columns] = (await connection.query(
      `SELECT c.TABLE_NAME AS t, c.COLUMN_NAME AS c, c.DATA_TYPE AS d FROM information_schema.COLUMNS c
       JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
       WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`,
      [database],
    )) as unknown as [{ t: string; c: string; d: string }[]];
    const tables = new Map<string, string[]>();
    for (const { t, c, d } of columns) {
      if (TENANT_COLUMN.test(c) && !(`${service}.${t}` in TENANT_TABLES))
        unknownTenantTables.push(`${service}.${t}`);
      if (TEXT_LIKE_TYPES.has(d.toLowerCase())) tables.set(t, [...(tables.get(t) ?? []), c]);
    }
    for (const [table, textColumns] of tables) {
      // The server narrows the rows (case-insensitive, bytes read as UTF-8); the columns are told apart here.
      const conditions = textColumns.flatMap(() =>
        needles.map(() => 'LOWER(CONVERT(?? USING utf8mb4)) LIKE ?'),
      );
      const [rows] = (await connection.query(`SELECT * FROM ??.?? WHERE ${conditions.join(' OR ')}`, [
        database,
        table,
        ...textColumns.flatMap((column) => needles.flatMap(({ value }) => [column, likePattern(value)])),
      ])) as unknown as [Record<string, unknown>[]];
      const found = new Map<string, ScanHit>();
      for (const row of rows)
        for (const column of textColumns)
          for (const label of needlesIn(cellText(row[column]), needles)) {
            const where = `${service}.${table}.${column}`;
            const hit = found.get(`${where} ${label}`);
            if (hit) hit.count += 1;
            else
              found.set(`${where} ${label}`, {
                store: 'mysql',
                where,
                found: label,
                count: 1,
                sample: sampleOf(row),
              });
          }
      hits.push(...found.values());
    }
  }
  return { hits, notes: [], unknownTenantTables: [...new Set(unknownTenantTables)] };
}

// -------------------------------------------------------------------------------------------------- MongoDB

/** Every key and value of a document as text; binary values as their bytes. */
function documentText(value: unknown, into: string[] = []): string[] {
  if (value === null || value === undefined) return into;
  if (value instanceof Binary) into.push(textOfBytes(value.buffer));
  else if (value instanceof Uint8Array) into.push(textOfBytes(value));
  else if (value instanceof Date) into.push(value.toISOString());
  else if (Array.isArray(value)) for (const item of value) documentText(item, into);
  else if (
    typeof value === 'object' &&
    typeof (value as { toHexString?: unknown }).toHexString === 'function'
  )
    into.push((value as { toHexString(): string }).toHexString());
  else if (typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      into.push(key);
      documentText(item, into);
    }
  else into.push(String(value));
  return into;
}

/** Every document of every collection of the given databases, its whole content (keys, values, bytes). */
export async function scanMongo(
  mongo: MongoClient,
  databases: string[],
  needles: readonly Needle[],
): Promise<StoreScan> {
  const hits: ScanHit[] = [];
  for (const database of databases) {
    const db = mongo.db(database);
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for await (const document of db.collection(name).find({}))
        for (const label of needlesIn(documentText(document).join('\n'), needles))
          hits.push({
            store: 'mongodb',
            where: `${database}.${name}#${documentText(document._id).join('')}`,
            found: label,
            count: 1,
            sample: sampleOf(document),
          });
    }
  }
  return { hits, notes: [] };
}

// ---------------------------------------------------------------------------------------------------- Redis

const SCAN_COUNT = 1000;
const PAGE = 1000;

/** A key's whole value as text, read by its type in pages (hash, set and sorted-set cursors, list and stream ranges). */
async function redisValueText(redis: Redis, key: string, type: string): Promise<string | undefined> {
  const parts: string[] = [];
  const scanAll = async (page: (cursor: string) => Promise<[Buffer | string, Buffer[]]>) => {
    let cursor = '0';
    do {
      const [next, items] = await page(cursor);
      cursor = String(next);
      for (const item of items) parts.push(textOfBytes(item));
    } while (cursor !== '0');
  };
  switch (type) {
    case 'string': {
      const value = await redis.getBuffer(key);
      if (value) parts.push(textOfBytes(value));
      break;
    }
    case 'hash':
      await scanAll((cursor) => redis.hscanBuffer(key, cursor, 'COUNT', PAGE));
      break;
    case 'set':
      await scanAll((cursor) => redis.sscanBuffer(key, cursor, 'COUNT', PAGE));
      break;
    case 'zset':
      await scanAll((cursor) => redis.zscanBuffer(key, cursor, 'COUNT', PAGE));
      break;
    case 'list':
      for (let start = 0; ; start += PAGE) {
        const items = await redis.lrangeBuffer(key, start, start + PAGE - 1);
        for (const item of items) parts.push(textOfBytes(item));
        if (items.length < PAGE) break;
      }
      break;
    case 'stream':
      for (let from = '-'; ;) {
        const entries = (await redis.xrangeBuffer(key, from, '+', 'COUNT', PAGE)) as [Buffer, Buffer[]][];
        for (const [, fields] of entries) for (const field of fields) parts.push(textOfBytes(field));
        if (entries.length < PAGE) break;
        from = `(${entries.at(-1)![0].toString()}`;
      }
      break;
    case 'none':
      return ''; // expired between SCAN and TYPE
    default:
      return undefined;
  }
  return parts.join('\n');
}

/**
 * Every key of the server, its name and its whole value read by type (strings, hashes, lists, sets, sorted sets,
 * streams), searched for every needle, with the key's time to live. SCAN with COUNT keeps the server responsive.
 */
export async function scanRedis(
  redis: Redis,
  needles: readonly Needle[],
): Promise<StoreScan & { hits: (ScanHit & { ttlSeconds: number })[] }> {
  const hits: (ScanHit & { ttlSeconds: number })[] = [];
  const notes: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', SCAN_COUNT);
    cursor = next;
    const types = await Promise.all(keys.map((key) => redis.type(key)));
    for (const [index, key] of keys.entries()) {
      const type = types[index]!;
      const value = await redisValueText(redis, key, type);
      if (value === undefined) notes.push(`redis ${key}: type ${type} not read`);
      const found = [
        ...needlesIn(key, needles).map((label) => ({ where: key, label, sample: key })),
        ...needlesIn(value ?? '', needles).map((label) => ({
          where: `${key} (${type} value)`,
          label,
          sample: (value ?? '').slice(0, 400),
        })),
      ];
      if (found.length === 0) continue;
      const ttlSeconds = await redis.ttl(key);
      for (const { where, label, sample } of found)
        hits.push({ store: 'redis', where, found: label, count: 1, sample, ttlSeconds });
    }
  } while (cursor !== '0');
  return { hits, notes };
}

// ------------------------------------------------------------------------------------------------------- S3

const GZIP_MAGIC = '\x1f\x8b';

/**
 * Searches a stream chunk by chunk, keeping the tail of each chunk so a needle across two chunks is found; answers
 * the labels found and whether the stream is gzip (its first two bytes).
 */
async function streamNeedles(
  source: AsyncIterable<Uint8Array>,
  needles: readonly Needle[],
): Promise<{ found: string[]; gzip: boolean }> {
  const overlap = Math.max(...needles.map(({ value }) => value.length)) - 1;
  const found = new Set<string>();
  let tail = '';
  let head: string | undefined;
  for await (const chunk of source) {
    const text = tail + textOfBytes(chunk);
    head ??= text.slice(0, 2);
    for (const label of needlesIn(text, needles)) found.add(label);
    tail = text.slice(-overlap);
  }
  return { found: [...found], gzip: head === GZIP_MAGIC };
}

export interface S3ScanOptions {
  /**
   * Objects last written before this cannot hold strings made after it (the needles are new for the run):
   * their keys are searched, their contents not, so a shared bucket does not make the scan read everyone's
   * objects.
   */
  contentsWrittenSince: Date;
  /** Larger objects are searched by key only, each named in the notes (the scan reads contents as a stream). */
  maxContentBytes: number;
}

/**
 * Every object key of the bucket, and the contents of every object written since `contentsWrittenSince`: as
 * bytes (text and binary alike), and decompressed too when gzip (export archives), streamed.
 */
export async function scanS3(
  objects: OffboardingObjects,
  needles: readonly Needle[],
  options: S3ScanOptions,
): Promise<StoreScan> {
  const hits: ScanHit[] = [];
  const notes: string[] = [];
  for (const { key, sizeBytes, lastModified } of await objects.list('')) {
    for (const label of needlesIn(key, needles))
      hits.push({ store: 's3', where: key, found: label, count: 1 });
    if (lastModified < options.contentsWrittenSince || sizeBytes === 0) continue;
    if (sizeBytes > options.maxContentBytes) {
      notes.push(`s3 ${key}: ${sizeBytes} bytes, contents not searched`);
      continue;
    }
    const found = new Set<string>();
    try {
      const raw = await streamNeedles(await objects.read(key), needles);
      for (const label of raw.found) found.add(label);
      if (raw.gzip)
        for (const label of (await streamNeedles((await objects.read(key)).pipe(createGunzip()), needles))
          .found)
          found.add(label);
    } catch (error) {
      // The bucket is shared: another suite may delete its object between the listing and the read.
      if ((error as { name?: string }).name !== 'NoSuchKey') throw error;
      notes.push(`s3 ${key}: deleted before its contents were read`);
    }
    for (const label of found) hits.push({ store: 's3', where: `${key} (content)`, found: label, count: 1 });
  }
  return { hits, notes };
}
