import type { ProductDocument, ProductView, TenantStatus } from '../products/product.document';
import { queryTokens } from '../shared/text-tokens';

export type SortField = 'publishedAt' | 'minPrice' | 'ratingAvg';
const SORT_FIELDS: readonly SortField[] = ['publishedAt', 'minPrice', 'ratingAvg'];

/** What buyers filter on; every field optional, attribute values of one name are alternatives. */
export interface SearchCriteria {
  text?: string | undefined;
  categoryId?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  currency?: string | undefined;
  sellerId?: string | undefined;
  attributes?: readonly { name: string; values: readonly string[] }[] | undefined;
  inStock?: boolean | undefined;
}

/** A position in a walk: the sort value (null = missing) and id of the last row seen, and its relevance tier. */
export interface WalkPosition {
  value: number | null;
  id: string;
  tier?: 0 | 1 | undefined;
}

export interface WalkRow {
  doc: ProductView;
  value: number | null;
  tier?: 0 | 1;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  categories: FacetCount[];
  sellers: FacetCount[];
  attributePairs: FacetCount[];
  /** Counts of "from" prices per bucket, when one currency is filtered on. */
  priceBuckets: { min: number; max: number | null; count: number }[];
}


interface Entry {
  doc: ProductView;
  titleTokens: readonly string[];
  /** Category path, seller and attribute pair term ids: what facets count. */
  facetTerms: Int32Array;
  /** Word term ids: kept so that compaction can rebuild the postings without the source document. */
  wordTerms: Int32Array;
}

/** Upper bounds (exclusive, minor units) of the "from" price buckets; the last bucket is open-ended. */
const PRICE_BUCKET_BOUNDS = [1000, 2500, 5000, 10000, 25000];
const FACET_LIMIT = 50;
const CACHED_RESULTS = 64;
const NONE: readonly string[] = [];

/** Products a buyer may see: everything else is kept out of the index. */
export function isIndexable(doc: Pick<ProductDocument, 'status' | 'moderation' | 'deletedAt'>): boolean {
  return doc.status === 'published' && doc.moderation !== 'removed' && doc.deletedAt == null;
}

/**
 * The catalog's buyer search index, in memory (ADR 0008). Documents live in append-only slots: a changed
 * product gets a new slot and its old one goes dead, so posting lists (slot numbers per term, ascending) and
 * the per-sort orders only ever grow until `compact()` rebuilds them. A search first computes the set of
 * matching slots (cached until the next change), then walks a sort order from the cursor position; counts and
 * facets are taken from the same set.
 */
export class ProductSearchIndex {
  private entries: (Entry | undefined)[] = [];
  private slotOf = new Map<string, number>();
  private idBySlug = new Map<string, string>();
  private tenantStatus = new Map<string, { status: TenantStatus; changedAt: number }>();
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  private postings: number[][] = [];
  /** Word terms in lexical order, for prefix queries; rebuilt on demand after new words arrived. */
  private sortedWords: string[] | undefined;
  /** Per sort field: the value of every slot (dead ones too, for binary search) and slots in ascending order. */
  private sortValues = new Map<SortField, number[]>(SORT_FIELDS.map((f) => [f, []]));
  private orders = new Map<SortField, number[]>(SORT_FIELDS.map((f) => [f, []]));
  /** The product id of every slot, dead ones included, so binary searches over the orders stay exact. */
  private slotIds: string[] = [];
  private dead = 0;
  private results = new Map<string, MatchSet>();
  /** Changes with every write: cached result sets of older generations are discarded. */
  generation = 0;

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds, replaces or (when no longer buyer-visible) removes a product. */
  upsert(doc: ProductDocument): void {
    this.drop(doc._id);
    if (isIndexable(doc)) {
      this.add(viewOf(doc), doc.tokens ?? NONE, doc.titleTokens ?? NONE, true);
    }
    this.changed();
  }

  /**
   * Bulk loading: adds a product known not to be in the index yet without ordering it; `seal()` sorts once
   * at the end instead of inserting each slot in place.
   */
  append(doc: ProductDocument): void {
    if (isIndexable(doc) && !this.slotOf.has(doc._id)) {
      this.add(viewOf(doc), doc.tokens ?? NONE, doc.titleTokens ?? NONE, false);
    }
  }

  seal(): void {
    this.sortOrders();
    this.changed();
  }

  remove(id: string): void {
    if (this.drop(id)) this.changed();
  }

  /** Records a tenant's status unless a later change is already known (events may be redelivered or reordered). */
  setTenantStatus(tenantId: string, status: TenantStatus, changedAt: Date): void {
    const known = this.tenantStatus.get(tenantId);
    if (known && known.changedAt > changedAt.getTime()) return;
    this.tenantStatus.set(tenantId, { status, changedAt: changedAt.getTime() });
    if (known?.status !== status) this.changed();
  }

  /** A buyer-visible product by id or slug. */
  get(id: string): ProductView | undefined {
    const slot = this.slotOf.get(id);
    const entry = slot === undefined ? undefined : this.entries[slot];
    return entry && this.visible(entry) ? entry.doc : undefined;
  }

  getBySlug(slug: string): ProductView | undefined {
    const id = this.idBySlug.get(slug);
    return id === undefined ? undefined : this.get(id);
  }

  /** The products matching `criteria`; the set is shared by every page, count and facet of the same search. */
  match(criteria: SearchCriteria): MatchSet {
    const key = JSON.stringify(criteria);
    const cached = this.results.get(key);
    if (cached) {
      // Most recently used last: the map's insertion order is the eviction order.
      this.results.delete(key);
      this.results.set(key, cached);
      return cached;
    }
    const set = new MatchSet(this, this.matchingSlots(criteria), criteria);
    this.results.set(key, set);
    if (this.results.size > CACHED_RESULTS) this.results.delete(this.results.keys().next().value!);
    return set;
  }

  /** Rebuilds the slot arrays without the dead slots once they outnumber the live ones. */
  compactIfSparse(): void {
    if (this.dead < 1000 || this.dead < this.slotOf.size) return;
    const fresh = new ProductSearchIndex();
    for (const entry of this.entries) {
      if (!entry) continue;
      const words = Array.from(entry.wordTerms, (term) => this.terms[term]!.slice(2));
      fresh.add(entry.doc, words, entry.titleTokens, false);
    }
    fresh.sortOrders();
    this.entries = fresh.entries;
    this.slotIds = fresh.slotIds;
    this.slotOf = fresh.slotOf;
    this.idBySlug = fresh.idBySlug;
    this.termIds = fresh.termIds;
    this.terms = fresh.terms;
    this.postings = fresh.postings;
    this.sortedWords = undefined;
    this.sortValues = fresh.sortValues;
    this.orders = fresh.orders;
    this.dead = 0;
    this.changed();
  }

  /** @internal Slot-level access for MatchSet. */
  entryAt(slot: number): Entry | undefined {
    return this.entries[slot];
  }

  /** @internal */
  termName(term: number): string {
    return this.terms[term]!;
  }

  /** @internal */
  slotCount(): number {
    return this.entries.length;
  }

  /** @internal */
  termCount(): number {
    return this.terms.length;
  }

  /** @internal Slots in ascending order of `field` (then id), starting after `position` when given. */
  orderFrom(field: SortField, direction: 1 | -1, position: WalkPosition | undefined): { order: number[]; start: number } {
    const order = this.orders.get(field)!;
    if (!position) return { order, start: direction === 1 ? 0 : order.length - 1 };
    const value = position.value ?? Number.NEGATIVE_INFINITY;
    return direction === 1
      ? { order, start: this.upperBound(field, order, value, position.id) }
      : { order, start: this.lowerBound(field, order, value, position.id) - 1 };
  }

  /** @internal */
  sortValueAt(field: SortField, slot: number): number {
    return this.sortValues.get(field)![slot]!;
  }

  /** @internal Whether the product's tenant is active: status events may arrive after the product was stored. */
  visible(entry: Entry): boolean {
    return (this.tenantStatus.get(entry.doc.tenantId)?.status ?? entry.doc.tenantStatus) === 'active';
  }

  /** Appends a slot; `sorted` inserts it into the sort orders at once, otherwise the caller sorts them after. */
  private add(doc: ProductView, words: readonly string[], titleTokens: readonly string[], sorted: boolean): void {
    const slot = this.entries.length;
    const facetNames: string[] = [
      ...(doc.categoryPath ?? NONE).map((category) => `c:${category}`),
      `s:${doc.tenantId}`,
      ...(doc.attributePairs ?? NONE).map((pair) => `a:${pair}`),
    ];
    const facetTerms = Int32Array.from(facetNames, (name) => this.termId(name));
    const wordTerms = Int32Array.from(new Set(words), (word) => this.termId(`w:${word}`));
    this.entries.push({ doc, titleTokens, facetTerms, wordTerms });
    this.slotIds.push(doc._id);
    for (const term of facetTerms) this.postings[term]!.push(slot);
    for (const term of wordTerms) this.postings[term]!.push(slot);
    for (const field of SORT_FIELDS) {
      const value = sortValueOf(doc, field);
      this.sortValues.get(field)!.push(value);
      const order = this.orders.get(field)!;
      if (sorted) order.splice(this.lowerBound(field, order, value, doc._id), 0, slot);
      else order.push(slot);
    }
    this.slotOf.set(doc._id, slot);
    this.idBySlug.set(doc.slug, doc._id);
  }

  private drop(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const entry = this.entries[slot]!;
    this.entries[slot] = undefined;
    this.slotOf.delete(id);
    if (this.idBySlug.get(entry.doc.slug) === id) this.idBySlug.delete(entry.doc.slug);
    this.dead += 1;
    return true;
  }

  private changed(): void {
    this.generation += 1;
    this.results.clear();
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.postings.push([]);
      if (term.startsWith('w:')) this.sortedWords = undefined;
    }
    return id;
  }

  /** First index in `order` whose (value, id) is not below (value, id). */
  private lowerBound(field: SortField, order: number[], value: number, id: string): number {
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compareAt(field, order[mid]!, value, id) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** First index in `order` whose (value, id) is above (value, id). */
  private upperBound(field: SortField, order: number[], value: number, id: string): number {
    let low = 0;
    let high = order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compareAt(field, order[mid]!, value, id) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private compareAt(field: SortField, slot: number, value: number, id: string): number {
    const slotValue = this.sortValues.get(field)![slot]!;
    if (slotValue !== value) return slotValue < value ? -1 : 1;
    const slotId = this.slotIds[slot]!;
    return slotId === id ? 0 : slotId < id ? -1 : 1;
  }

  private sortOrders(): void {
    for (const field of SORT_FIELDS) this.orders.get(field)!.sort((a, b) => this.compareSlots(field, a, b));
  }

  private compareSlots(field: SortField, a: number, b: number): number {
    return this.compareAt(field, a, this.sortValues.get(field)![b]!, this.slotIds[b]!);
  }

  private matchingSlots(criteria: SearchCriteria): number[] {
    const conditions: number[][][] = [];
    if (criteria.categoryId) conditions.push([this.postingOf(`c:${criteria.categoryId}`)]);
    if (criteria.sellerId) conditions.push([this.postingOf(`s:${criteria.sellerId}`)]);
    for (const attribute of criteria.attributes ?? []) {
      conditions.push(attribute.values.map((v) => this.postingOf(`a:${attribute.name.toLowerCase()}=${v}`)));
    }
    const text = criteria.text ? queryTokens(criteria.text) : undefined;
    if (text?.prefix !== undefined) {
      for (const word of text.exact) conditions.push([this.postingOf(`w:${word}`)]);
      conditions.push(this.wordsWithPrefix(text.prefix).map((word) => this.postingOf(word)));
    }
    const accepts = (entry: Entry): boolean => {
      const doc = entry.doc;
      if (!this.visible(entry)) return false;
      if (criteria.currency && doc.currency !== criteria.currency) return false;
      if (criteria.minPrice !== undefined && !(doc.minPrice >= criteria.minPrice)) return false;
      if (criteria.maxPrice !== undefined && !(doc.minPrice <= criteria.maxPrice)) return false;
      if (criteria.inStock !== undefined && doc.inStock !== criteria.inStock) return false;
      return true;
    };

    const matched: number[] = [];
    if (conditions.length === 0) {
      this.entries.forEach((entry, slot) => {
        if (entry && accepts(entry)) matched.push(slot);
      });
      return matched;
    }
    // Drive from the smallest condition; every other one is checked through a membership map.
    const sized = conditions
      .map((lists) => ({ lists, size: lists.reduce((sum, list) => sum + list.length, 0) }))
      .sort((a, b) => a.size - b.size);
    const members = sized.slice(1).map(({ lists }) => {
      const member = new Uint8Array(this.entries.length);
      for (const list of lists) for (const slot of list) member[slot] = 1;
      return member;
    });
    const driver = sized[0]!.lists;
    const candidates = driver.length === 1 ? driver[0]! : [...new Set(driver.flat())].sort((a, b) => a - b);
    for (const slot of candidates) {
      const entry = this.entries[slot];
      if (entry && members.every((member) => member[slot] === 1) && accepts(entry)) matched.push(slot);
    }
    return matched;
  }

  private postingOf(term: string): number[] {
    const id = this.termIds.get(term);
    return id === undefined ? [] : this.postings[id]!;
  }

  private wordsWithPrefix(prefix: string): string[] {
    this.sortedWords ??= this.terms.filter((t) => t.startsWith('w:')).sort();
    const words = this.sortedWords;
    const start = `w:${prefix}`;
    let low = 0;
    let high = words.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (words[mid]! < start) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < words.length && words[i]!.startsWith(start); i += 1) found.push(words[i]!);
    return found;
  }
}

/** The slots matching one search at one generation of the index; used synchronously, never kept across awaits. */
export class MatchSet {
  private member: Uint8Array | undefined;
  private facetCounts: Facets | undefined;

  constructor(
    private readonly index: ProductSearchIndex,
    private readonly slots: number[],
    private readonly criteria: SearchCriteria,
  ) {}

  get count(): number {
    return this.slots.length;
  }

  /**
   * Up to `limit` rows in (field, id) order — descending when `direction` is -1 — strictly after `position`,
   * keeping only those `accept` takes (relevance tiers).
   */
  walk(
    field: SortField,
    direction: 1 | -1,
    position: WalkPosition | undefined,
    limit: number,
    accept: (doc: ProductView, titleTokens: readonly string[]) => boolean = () => true,
  ): WalkRow[] {
    const member = this.membership();
    const { order, start } = this.index.orderFrom(field, direction, position);
    const rows: WalkRow[] = [];
    for (let i = start; i >= 0 && i < order.length && rows.length < limit; i += direction) {
      const slot = order[i]!;
      if (member[slot] !== 1) continue;
      const entry = this.index.entryAt(slot);
      if (!entry || !accept(entry.doc, entry.titleTokens)) continue;
      const value = this.index.sortValueAt(field, slot);
      rows.push({ doc: entry.doc, value: value === Number.NEGATIVE_INFINITY ? null : value });
    }
    return rows;
  }

  facets(): Facets {
    if (this.facetCounts) return this.facetCounts;
    const counts = new Int32Array(this.index.termCount());
    const prices = PRICE_BUCKET_BOUNDS.map(() => 0).concat(0);
    for (const slot of this.slots) {
      const entry = this.index.entryAt(slot)!;
      for (const term of entry.facetTerms) counts[term]! += 1;
      if (this.criteria.currency) prices[bucketOf(entry.doc.minPrice)]! += 1;
    }
    const byKind = new Map<string, FacetCount[]>([
      ['c', []],
      ['s', []],
      ['a', []],
    ]);
    counts.forEach((count, term) => {
      if (count === 0) return;
      const name = this.index.termName(term);
      byKind.get(name[0]!)?.push({ value: name.slice(2), count });
    });
    const top = (kind: string, limit: number) =>
      byKind
        .get(kind)!
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, limit);
    const bounds = [0, ...PRICE_BUCKET_BOUNDS];
    this.facetCounts = {
      categories: top('c', FACET_LIMIT),
      sellers: top('s', FACET_LIMIT),
      attributePairs: top('a', FACET_LIMIT * 4),
      priceBuckets: this.criteria.currency
        ? bounds.map((min, index) => ({ min, max: bounds[index + 1] ?? null, count: prices[index]! }))
        : [],
    };
    return this.facetCounts;
  }

  private membership(): Uint8Array {
    if (!this.member) {
      this.member = new Uint8Array(this.index.slotCount());
      for (const slot of this.slots) this.member[slot] = 1;
    }
    return this.member;
  }
}

function bucketOf(minPrice: number): number {
  const index = PRICE_BUCKET_BOUNDS.findIndex((bound) => minPrice < bound);
  return index === -1 ? PRICE_BUCKET_BOUNDS.length : index;
}

/** Sort values as numbers; a missing value sorts below every other, as MongoDB orders null. */
function sortValueOf(doc: ProductView, field: SortField): number {
  const value: unknown = doc[field];
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
}

/** The fields kept in memory: search tokens and outbox entries would double the footprint. */
function viewOf(doc: ProductDocument): ProductView {
  return {
    _id: doc._id,
    tenantId: doc.tenantId,
    slug: doc.slug,
    title: doc.title,
    description: doc.description,
    status: doc.status,
    moderation: doc.moderation,
    categoryId: doc.categoryId,
    categoryPath: doc.categoryPath,
    attributes: doc.attributes,
    attributePairs: doc.attributePairs,
    options: doc.options,
    variants: doc.variants,
    images: doc.images,
    currency: doc.currency,
    minPrice: doc.minPrice,
    maxPrice: doc.maxPrice,
    inStock: doc.inStock,
    ratingAvg: doc.ratingAvg,
    tenantStatus: doc.tenantStatus,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    publishedAt: doc.publishedAt,
    deletedAt: doc.deletedAt,
    rev: doc.rev,
  };
}
