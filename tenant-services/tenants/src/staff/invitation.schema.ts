import { tenantIdColumn } from '@marketplace/tenancy';
import { char, datetime, index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';

const timestamp = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Staff invitations; only the SHA-256 of the accept token is kept, so a database leak reveals no usable token. */
export const staffInvitations = mysqlTable(
  'staff_invitations',
  {
    tenantId: tenantIdColumn(),
    id: char('id', { length: 26 }).primaryKey(),
    email: varchar('email', { length: 320 }).notNull(),
    tokenHash: char('token_hash', { length: 64 }).notNull().unique('uq_staff_invitations_token'),
    status: mysqlEnum('status', INVITATION_STATUSES).notNull(),
    invitedBy: varchar('invited_by', { length: 36 }).notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    createdAt: timestamp('created_at').notNull(),
    acceptedBy: varchar('accepted_by', { length: 36 }),
    acceptedAt: timestamp('accepted_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [
    index('idx_staff_invitations_tenant').on(t.tenantId, t.createdAt),
    index('idx_staff_invitations_email').on(t.tenantId, t.email),
  ],
);

export type InvitationRow = typeof staffInvitations.$inferSelect;
