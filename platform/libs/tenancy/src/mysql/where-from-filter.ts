import {
  and,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  lt,
  lte,
  ne,
  notInArray,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { MySqlTable } from 'drizzle-orm/mysql-core';
import { TenantScopeViolationError } from '../errors';

type Filter = Record<string, unknown>;
type Column = ReturnType<typeof getTableColumns<MySqlTable>>[string];

const comparisons: Record<string, (column: Column, value: unknown) => SQL> = {
  $eq: (column, value) => eq(column, value),
  $ne: (column, value) => ne(column, value),
  $lt: (column, value) => lt(column, value),
  $lte: (column, value) => lte(column, value),
  $gt: (column, value) => gt(column, value),
  $gte: (column, value) => gte(column, value),
  $in: (column, value) => inArray(column, asArray(value)),
  $nin: (column, value) => notInArray(column, asArray(value)),
};

/**
 * Turns a MongoDB-style filter (as `accessibleFilter` of @marketplace/auth produces from CASL rules) into a
 * drizzle condition on `table`, for use as the `where` of a tenant repository. Keys are the table's
 * property names; supported: equality, $eq $ne $lt $lte $gt $gte $in $nin, $and $or $nor. Anything else
 * is refused rather than ignored, since ignoring a condition would widen access.
 */
export function whereFromFilter(table: MySqlTable, filter: Filter): SQL {
  const columns = getTableColumns(table);
  const parts = Object.entries(filter).map(([key, value]): SQL => {
    if (key === '$and' || key === '$or' || key === '$nor') {
      const nested = asArray(value).map((item) => whereFromFilter(table, item as Filter));
      if (key === '$and') return and(...nested) ?? sql`true`;
      const any = or(...nested) ?? sql`false`;
      return key === '$or' ? any : sql`not (${any})`;
    }
    const column = columns[key];
    if (!column) throw new TenantScopeViolationError(`Filter field ${key} is not a column of the table`);
    return fieldCondition(column, value);
  });
  return and(...parts) ?? sql`true`;
}

function fieldCondition(column: Column, value: unknown): SQL {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    return eq(column, value);
  }
  const conditions = Object.entries(value as Filter).map(([operator, operand]) => {
    const compare = comparisons[operator];
    if (!compare) throw new TenantScopeViolationError(`Filter operator ${operator} is not supported`);
    return compare(column, operand);
  });
  return and(...conditions) ?? sql`true`;
}

function asArray(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new TenantScopeViolationError('Expected an array in the filter');
  return value;
}
