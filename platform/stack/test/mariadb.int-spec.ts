import { randomUUID } from 'node:crypto';
import mysql, { Connection, RowDataPacket } from 'mysql2/promise';
import { stackEnv } from './stack-env';

// Databases `stack up mariadb` provisions, one per MySQL-backed service.
const SERVICE_DATABASES = ['tenants', 'inventory', 'orders', 'payments', 'notifications'];

interface SellerOrderRow extends RowDataPacket {
  id: string;
  tenant_id: string;
  total_minor: number;
  currency: string;
}

describe('mariadb (local stack)', () => {
  const url = stackEnv('MYSQL_URL');
  const database = `stack_smoke_${randomUUID().replaceAll('-', '')}`;
  let admin: Connection;
  let writer: Connection;
  let reader: Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(url);
    await admin.query(`CREATE DATABASE \`${database}\``);
    writer = await mysql.createConnection(`${url}/${database}`);
    reader = await mysql.createConnection(`${url}/${database}`);
    await writer.query(`CREATE TABLE seller_orders (
      id CHAR(36) PRIMARY KEY,
      tenant_id CHAR(36) NOT NULL,
      total_minor BIGINT NOT NULL,
      currency CHAR(3) NOT NULL
    ) ENGINE=InnoDB`);
  });
  afterAll(async () => {
    await Promise.all([writer?.end(), reader?.end()]);
    await admin?.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin?.end();
  });

  const ordersOf = async (tenantId: string) => {
    const [rows] = await reader.query<SellerOrderRow[]>(
      'SELECT id, tenant_id, total_minor, currency FROM seller_orders WHERE tenant_id = ? ORDER BY total_minor',
      [tenantId],
    );
    return rows.map((row) => ({ ...row }));
  };

  it('makes committed rows visible to other connections only at commit', async () => {
    const tenantId = randomUUID();
    const rows = [
      { id: randomUUID(), tenant_id: tenantId, total_minor: 1250, currency: 'EUR' },
      { id: randomUUID(), tenant_id: tenantId, total_minor: 9_007_199_254, currency: 'EUR' },
    ];

    await writer.beginTransaction();
    await writer.query('INSERT INTO seller_orders (id, tenant_id, total_minor, currency) VALUES ?', [
      rows.map((row) => [row.id, row.tenant_id, row.total_minor, row.currency]),
    ]);
    expect(await ordersOf(tenantId)).toEqual([]);
    await writer.commit();

    expect(await ordersOf(tenantId)).toEqual(rows);
  });

  it('rolls back every row of a transaction that fails part-way', async () => {
    const tenantId = randomUUID();
    const id = randomUUID();

    await writer.beginTransaction();
    await writer.execute(
      'INSERT INTO seller_orders (id, tenant_id, total_minor, currency) VALUES (?, ?, ?, ?)',
      [id, tenantId, 500, 'USD'],
    );
    await expect(
      writer.execute('INSERT INTO seller_orders (id, tenant_id, total_minor, currency) VALUES (?, ?, ?, ?)', [
        id,
        tenantId,
        700,
        'USD',
      ]),
    ).rejects.toMatchObject({ code: 'ER_DUP_ENTRY' });
    await writer.rollback();

    expect(await ordersOf(tenantId)).toEqual([]);
  });

  it('has a utf8mb4 database for every MySQL-backed service', async () => {
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT schema_name AS name, default_character_set_name AS charset
         FROM information_schema.schemata WHERE schema_name IN (?) ORDER BY schema_name`,
      [SERVICE_DATABASES],
    );
    expect(rows.map((row) => ({ ...row }))).toEqual(
      [...SERVICE_DATABASES].sort().map((name) => ({ name, charset: 'utf8mb4' })),
    );
  });
});
