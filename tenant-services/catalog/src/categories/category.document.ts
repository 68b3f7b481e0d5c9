import type { DocumentOutboxFields } from '@marketplace/events';

/**
 * A node of the platform-wide category tree (admins manage it; not tenant data). Its own outbox carries the audit
 * record of each change in the same single-document write (ADR 0004, 0020); a deleted category stays as a
 * tombstone (`deletedAt`) until that record is published.
 */
export interface CategoryDocument extends Partial<DocumentOutboxFields> {
  _id: string;
  name: string;
  slug: string;
  parentId: string | null;
  /** Ancestor ids from the root down, excluding the category itself. */
  path: string[];
  createdAt: Date;
  updatedAt?: Date;
  deletedAt?: Date | null;
}
