/** A node of the platform-wide category tree (admins manage it; not tenant data). */
export interface CategoryDocument {
  _id: string;
  name: string;
  slug: string;
  parentId: string | null;
  /** Ancestor ids from the root down, excluding the category itself. */
  path: string[];
  createdAt: Date;
}
