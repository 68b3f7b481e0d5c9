import { MySqlDialect, int, varchar } from 'drizzle-orm/mysql-core';
import { TenantScopeViolationError } from '../errors';
import { tenantTable } from './tenant-column';
import { whereFromFilter } from './where-from-filter';

const orders = tenantTable('orders', {
  id: varchar('id', { length: 26 }).primaryKey(),
  buyerId: varchar('buyer_id', { length: 36 }).notNull(),
  status: varchar('status', { length: 20 }).notNull(),
  total: int('total').notNull(),
});

const dialect = new MySqlDialect();
const render = (filter: Record<string, unknown>) => {
  const { sql, params } = dialect.sqlToQuery(whereFromFilter(orders, filter));
  return { sql, params };
};

describe('whereFromFilter', () => {
  it('maps property names to columns and equality to =', () => {
    expect(render({ tenantId: 't-1' })).toEqual({ sql: '`orders`.`tenant_id` = ?', params: ['t-1'] });
  });

  it('combines $or of rule conditions and comparison operators', () => {
    const query = render({ $or: [{ tenantId: 't-1' }, { buyerId: 'u-1', total: { $gte: 100 } }] });
    expect(query.sql).toBe(
      '(`orders`.`tenant_id` = ? or (`orders`.`buyer_id` = ? and `orders`.`total` >= ?))',
    );
    expect(query.params).toEqual(['t-1', 'u-1', 100]);
  });

  it('negates $nor and supports $in', () => {
    const query = render({ status: { $in: ['paid', 'shipped'] }, $nor: [{ status: 'cancelled' }] });
    expect(query.sql).toBe('(`orders`.`status` in (?, ?) and not (`orders`.`status` = ?))');
  });

  it('refuses unknown fields and operators instead of ignoring them', () => {
    expect(() => render({ ownerId: 'x' })).toThrow(TenantScopeViolationError);
    expect(() => render({ status: { $regex: 'a' } })).toThrow(TenantScopeViolationError);
  });
});
