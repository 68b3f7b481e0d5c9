import type { AnyMySqlColumn, MySqlTable } from 'drizzle-orm/mysql-core';
import { requireBuyerId } from '../buyer';
import { BuyerMismatchError } from '../errors';
import { type MySqlDb, type OwnerScopedRepository, ownerScopedRepository } from './tenant-repository';

/** A drizzle MySQL table of buyer-owned rows: a `buyerId` column holding the buyer's user id. */
export type BuyerScopedTable = MySqlTable & { buyerId: AnyMySqlColumn<{ data: string }> };

/** Insert values; `buyerId` is the buyer of the request context and may only be repeated, never changed. */
export type NewBuyerRow<T extends BuyerScopedTable> = Omit<T['$inferInsert'], 'buyerId'> & {
  buyerId?: string;
};

export type BuyerRepository<T extends BuyerScopedTable> = OwnerScopedRepository<T, NewBuyerRow<T>>;

/**
 * Buyer-owned rows (a buyer's orders, ...): every statement gets `buyer_id = <buyer of the context>` ANDed in,
 * the way `tenantRepository` scopes tenant rows; the buyer is the verified user of the request.
 */
export function buyerRepository<T extends BuyerScopedTable>(db: MySqlDb, table: T): BuyerRepository<T> {
  return ownerScopedRepository(db, table, {
    column: 'buyerId',
    current: requireBuyerId,
    mismatch: () => new BuyerMismatchError(),
  }) as BuyerRepository<T>;
}
