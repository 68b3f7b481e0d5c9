/** A JSON answer flattened to `path -> value` leaves, so two answers compare leaf by leaf. */
export type Flat = Map<string, string>;

export function flatten(value: unknown, prefix = '', into: Flat = new Map()): Flat {
  if (Array.isArray(value)) {
    into.set(`${prefix}.length`, String(value.length));
    value.forEach((item, index) => flatten(item, `${prefix}.${index}`, into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, into);
  } else into.set(prefix, value === undefined ? 'undefined' : JSON.stringify(value));
  return into;
}

/**
 * What the owner sees, read twice in a row: leaves that differ between the two reads (presigned URLs, clocks) are
 * volatile and left out of later comparisons; everything else must stay as it was.
 */
export class OwnerSnapshot {
  private readonly volatile = new Set<string>();

  constructor(
    private readonly first: Flat,
    second: Flat,
  ) {
    for (const key of new Set([...first.keys(), ...second.keys()]))
      if (first.get(key) !== second.get(key)) this.volatile.add(key);
  }

  /** `path: before -> after` for every stable leaf that changed. */
  changesIn(later: Flat): string[] {
    const changes: string[] = [];
    for (const key of new Set([...this.first.keys(), ...later.keys()])) {
      if (this.volatile.has(key)) continue;
      if (this.first.get(key) !== later.get(key))
        changes.push(`${key}: ${this.first.get(key) ?? '(absent)'} -> ${later.get(key) ?? '(absent)'}`);
    }
    return changes;
  }

  /** The owner's record ids (and tenant id) seen in it: an intruder's answer must contain none of them. */
  ids(): Set<string> {
    const ids = new Set<string>();
    for (const [key, value] of this.first) {
      const name = key.split('.').pop() ?? '';
      const text = value.startsWith('"') ? (JSON.parse(value) as string) : undefined;
      if ((name === 'id' || /Id$/.test(name)) && typeof text === 'string' && RECORD_ID.test(text))
        ids.add(text);
    }
    return ids;
  }
}

/** ULIDs and UUIDs: what record ids look like (SKUs, names and codes are chosen by each tenant and may repeat). */
const RECORD_ID = /^([0-9A-HJKMNP-TV-Z]{26}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The owner's ids that appear anywhere in an answer, but for those the caller sent (a refusal may name them). */
export function leakedIds(answer: unknown, ids: Set<string>, sent: unknown): string[] {
  const text = JSON.stringify(answer ?? null);
  const request = JSON.stringify(sent ?? null);
  return [...ids].filter((id) => text.includes(id) && !request.includes(id));
}
