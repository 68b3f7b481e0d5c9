import type { Collection, Db, Document, Filter, UpdateFilter } from 'mongodb';

/**
 * How a MongoDB-wire store answers a filter. `planned` (MongoDB, DocumentDB): the `_id` index finds the document
 * and the rest of the filter is checked on it, atomically with the write. `keyOnly` (FerretDB 1.x, the local
 * stack's store): only a filter of nothing but `_id` is answered from the key; any other decodes every document
 * of the collection, so a guarded write to one product of 20,000 costs a read of all 20,000.
 */
export type FilterSupport = 'planned' | 'keyOnly';

/** Asked once per connection, from the server's build info (FerretDB adds its own version to it). */
export async function filterSupportOf(db: Db): Promise<FilterSupport> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info ? 'keyOnly' : 'planned';
}

/**
 * What a guarded write requires of its document, as in a filter: a path (dots for nested fields) equal to a
 * string, number or boolean, equal to `null` (null or missing), or `{ $exists: boolean }`.
 */
export type UpdateGuard = Record<string, string | number | boolean | null | { $exists: boolean }>;

/**
 * `updateOne({ _id: id, ...guard }, update)`: true when the document met the guard and was updated. On a
 * `keyOnly` store the guard is checked on the document read by `_id` and the write is filtered by `_id` alone
 * (two look-ups by key instead of a decode of the whole collection). That is as safe there as the filter was:
 * such a store applies a filtered update as an unisolated read-modify-write anyway, so its writers already
 * serialize their writes per document within the process (ADRs 0006, 0054), and this runs inside that turn. On a
 * `planned` store the guard stays in the filter, checked atomically with the write.
 */
export async function updateByIdWhere<T extends Document>(
  collection: Collection<T>,
  id: unknown,
  guard: UpdateGuard,
  update: UpdateFilter<T>,
  support: FilterSupport,
): Promise<boolean> {
  const byId = { _id: id } as Filter<T>;
  if (support === 'planned')
    return (await collection.updateOne({ ...byId, ...guard } as Filter<T>, update)).matchedCount === 1;
  const doc = await collection.findOne(byId);
  if (!doc || !meetsGuard(doc, guard)) return false;
  return (await collection.updateOne(byId, update)).matchedCount === 1;
}

/** Whether `doc` meets `guard` as a MongoDB filter of the same conditions would match it. */
export function meetsGuard(doc: Document, guard: UpdateGuard): boolean {
  return Object.entries(guard).every(([path, condition]) => {
    const value = path
      .split('.')
      .reduce<unknown>(
        (node, key) => (node !== null && typeof node === 'object' ? (node as Document)[key] : undefined),
        doc,
      );
    if (condition === null) return value === null || value === undefined;
    if (typeof condition === 'object') return (value !== undefined) === condition.$exists;
    return value === condition;
  });
}
