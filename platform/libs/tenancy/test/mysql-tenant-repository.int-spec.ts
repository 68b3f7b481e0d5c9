import { eq } from 'drizzle-orm';
import { drizzle, type MySql2Database } from 'drizzle-orm/mysql2';
import { int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createConnection, createPool, type Pool } from 'mysql2/promise';
import { ulid } from 'ulid';
import {
  acrossTenants,
  CrossTenantAccessDeniedError,
  crossTenantRepository,
  runWithContext,
  TenantContextMissingError,
  TenantMismatchError,
  tenantRepository,
  tenantIdColumn,
  TenantScopeViolationError,
} from '../src';

const items = mysqlTable('items', {
  tenantId: tenantIdColumn(),
  id: varchar('id', { length: 26 }).primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  quantity: int('quantity').notNull(),
});

function mysqlUrl(): string {
  const url = process.env.MYSQL_URL;
  if (!url) throw new Error('MYSQL_URL is not set: run after eval "$(platform/stack/stack env)"');
  return url;
}

const database = `tenancy_test_${ulid().toLowerCase()}`;
let pool: Pool;
let db: MySql2Database;

beforeAll(async () => {
  const admin = await createConnection(mysqlUrl());
  await admin.query(`CREATE DATABASE \`${database}\``);
  await admin.end();
  pool = createPool({ uri: `${mysqlUrl()}/${database}`, connectionLimit: 4 });
  await pool.query(
    `CREATE TABLE items (id VARCHAR(26) PRIMARY KEY, tenant_id VARCHAR(36) NOT NULL, name VARCHAR(100) NOT NULL,
     quantity INT NOT NULL, INDEX items_tenant (tenant_id))`,
  );
  db = drizzle(pool);
});

afterAll(async () => {
  await pool?.query(`DROP DATABASE \`${database}\``);
  await pool?.end();
});

const asTenant = <T>(tenantId: string, fn: () => Promise<T>) =>
  runWithContext({ tenantId, userId: 'user' }, fn);
const asAdmin = <T>(fn: () => Promise<T>) =>
  runWithContext({ userId: 'admin' }, () => acrossTenants('test.admin-operation', fn));
const repo = () => tenantRepository(db, items);

async function rowById(id: string) {
  const [rows] = await pool.query(
    'SELECT id, tenant_id AS tenantId, name, quantity FROM items WHERE id = ?',
    [id],
  );
  return (rows as Record<string, unknown>[])[0];
}

describe('tenantRepository (MariaDB)', () => {
  const tenantA = ulid();
  const tenantB = ulid();
  const itemA = ulid();
  const itemB = ulid();

  beforeAll(async () => {
    await asTenant(tenantA, () => repo().insert({ id: itemA, name: 'A item', quantity: 1 }));
    await asTenant(tenantB, () => repo().insert({ id: itemB, name: 'B item', quantity: 2 }));
  });

  it('stores the tenant of the context on insert', async () => {
    expect(await rowById(itemA)).toEqual({ id: itemA, tenantId: tenantA, name: 'A item', quantity: 1 });
    expect(await rowById(itemB)).toMatchObject({ tenantId: tenantB });
  });

  it('lets tenant A read and count only its own rows', async () => {
    await asTenant(tenantA, async () => {
      expect((await repo().findMany()).map((row) => row.id)).toEqual([itemA]);
      expect(await repo().findOne(eq(items.id, itemB))).toBeUndefined();
      expect(await repo().findMany(eq(items.id, itemB))).toEqual([]);
      expect(await repo().count()).toBe(1);
      expect(await repo().count(eq(items.id, itemB))).toBe(0);
      expect(await repo().findOne(eq(items.id, itemA))).toMatchObject({ id: itemA, tenantId: tenantA });
    });
  });

  it('does not let tenant A update or delete tenant B rows, which stay unchanged', async () => {
    await asTenant(tenantA, async () => {
      expect(await repo().update(eq(items.id, itemB), { name: 'hijacked' })).toBe(0);
      expect(await repo().delete(eq(items.id, itemB))).toBe(0);
    });
    expect(await rowById(itemB)).toEqual({ id: itemB, tenantId: tenantB, name: 'B item', quantity: 2 });
  });

  it('updates and deletes the own rows', async () => {
    const id = ulid();
    await asTenant(tenantA, async () => {
      await repo().insert({ id, name: 'temporary', quantity: 5 });
      expect(await repo().update(eq(items.id, id), { quantity: 6 })).toBe(1);
      expect(await repo().findOne(eq(items.id, id))).toMatchObject({ quantity: 6 });
      expect(await repo().delete(eq(items.id, id))).toBe(1);
    });
    expect(await rowById(id)).toBeUndefined();
  });

  it('refuses inserts and reads without a tenant in the context', async () => {
    await expect(repo().insert({ id: ulid(), name: 'orphan', quantity: 1 })).rejects.toThrow(
      TenantContextMissingError,
    );
    await expect(repo().findMany()).rejects.toThrow(TenantContextMissingError);
    await expect(runWithContext({ userId: 'buyer' }, () => repo().count())).rejects.toThrow(
      TenantContextMissingError,
    );
  });

  it('refuses to insert for another tenant or to move a row to another tenant', async () => {
    const id = ulid();
    await asTenant(tenantA, async () => {
      await expect(repo().insert({ id, tenantId: tenantB, name: 'smuggled', quantity: 1 })).rejects.toThrow(
        TenantMismatchError,
      );
      await expect(repo().update(eq(items.id, itemA), { tenantId: tenantB })).rejects.toThrow(
        TenantMismatchError,
      );
    });
    expect(await rowById(id)).toBeUndefined();
    expect(await rowById(itemA)).toMatchObject({ tenantId: tenantA });
  });

  it('works inside a transaction', async () => {
    const id = ulid();
    await asTenant(tenantA, () =>
      db.transaction(async (tx) => tenantRepository(tx, items).insert({ id, name: 'in tx', quantity: 1 })),
    );
    expect(await rowById(id)).toMatchObject({ tenantId: tenantA });
  });

  describe('crossTenantRepository', () => {
    const admin = () => crossTenantRepository(db, items);

    it('refuses outside a named acrossTenants operation, even inside a tenant context', async () => {
      await expect(admin().findMany()).rejects.toThrow(CrossTenantAccessDeniedError);
      await expect(asTenant(tenantA, () => admin().count())).rejects.toThrow(CrossTenantAccessDeniedError);
      await expect(
        asTenant(tenantA, () => admin().update(eq(items.id, itemB), { name: 'x' })),
      ).rejects.toThrow(CrossTenantAccessDeniedError);
      await expect(asTenant(tenantA, () => admin().delete(eq(items.id, itemB)))).rejects.toThrow(
        CrossTenantAccessDeniedError,
      );
      expect(await rowById(itemB)).toMatchObject({ name: 'B item' });
    });

    it('reads across tenants or narrowed to one inside an acrossTenants operation', async () => {
      await asAdmin(async () => {
        const ids = (await admin().findMany()).map((row) => row.id);
        expect(ids).toEqual(expect.arrayContaining([itemA, itemB]));
        expect((await admin().findMany(undefined, { tenantId: tenantB })).map((row) => row.id)).toEqual([
          itemB,
        ]);
        expect(await admin().count(eq(items.id, itemB))).toBe(1);
      });
    });

    it('updates across tenants but never moves a row to another tenant', async () => {
      await asAdmin(async () => {
        expect(await admin().update(eq(items.id, itemB), { quantity: 3 }, { tenantId: tenantB })).toBe(1);
        await expect(admin().update(eq(items.id, itemB), { tenantId: tenantA } as never)).rejects.toThrow(
          TenantScopeViolationError,
        );
      });
      expect(await rowById(itemB)).toMatchObject({ tenantId: tenantB, quantity: 3 });
    });
  });
});
