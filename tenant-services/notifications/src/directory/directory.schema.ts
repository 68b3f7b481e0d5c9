import { datetime, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

/** Addresses of users, from their verified tokens or Keycloak. */
export const recipients = mysqlTable('recipients', {
  userId: varchar('user_id', { length: 64 }).primaryKey(),
  email: varchar('email', { length: 254 }).notNull(),
  updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
});

/** Sellers as the tenants service announced them: who gets a seller's mail. */
export const sellers = mysqlTable('sellers', {
  tenantId: varchar('tenant_id', { length: 36 }).primaryKey(),
  name: varchar('name', { length: 255 }).notNull(),
  contactEmail: varchar('contact_email', { length: 254 }).notNull(),
  ownerUserId: varchar('owner_user_id', { length: 64 }).notNull(),
  updatedAt: datetime('updated_at', { mode: 'date', fsp: 3 }).notNull(),
});

/** The buyer of each buyer order, learned from `order.placed`: shipping and refund events name only the order. */
export const orderBuyers = mysqlTable('order_buyers', {
  buyerOrderId: varchar('buyer_order_id', { length: 64 }).primaryKey(),
  buyerId: varchar('buyer_id', { length: 64 }).notNull(),
  placedAt: datetime('placed_at', { mode: 'date', fsp: 3 }).notNull(),
});
