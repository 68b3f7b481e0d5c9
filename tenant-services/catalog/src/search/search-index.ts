import type { ProductDocument, ProductView, TenantStatus } from '../products/product.document';
import { productTokens, queryTokens } from '../shared/text-tokens';

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
  /** Lowest average rating (1–5). */
  minRating?: number | undefined;
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

/** Upper bounds (exclusive, minor units) of the "from" price buckets; the last bucket is open-ended. */
export const PRICE_BUCKET_BOUNDS = [1000, 2500, 5000, 10000, 25000];
export const FACET_LIMIT = 50;
const CACHED_RESULTS = 64;
const PARSED_DOCUMENTS = 2000;
/** Result sets under 1/16 of the slots are sorted on their own rather than found along the index order. */
const SMALL_RESULT_RATIO = 16;
const NONE: readonly string[] = [];

/** Products a buyer may see: everything else is kept out of the index. */
export function isIndexable(doc: Pick<ProductDocument, 'status' | 'moderation' | 'deletedAt'>): boolean {
  return doc.status === 'published' && doc.moderation !== 'removed' && doc.deletedAt == null;
}

/** Slot numbers in ascending order, in a growable typed array: half the memory of a number[]. */
class SlotList {
  data = new Int32Array(4);
  length = 0;

  push(slot: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = slot;
    this.length += 1;
  }
}

/** Strings appended one per slot into a growable buffer, read back by slot. */
class DocumentBytes {
  private bytes = Buffer.alloc(1 << 16);
  private end = 0;
  private starts: number[] = [0];

  append(text: string): void {
    const length = Buffer.byteLength(text);
    if (this.end + length > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.end + length));
      this.bytes.copy(grown, 0, 0, this.end);
      this.bytes = grown;
    }
    this.end += this.bytes.write(text, this.end);
    this.starts.push(this.end);
  }

  read(slot: number): string {
    return this.bytes.toString('utf8', this.starts[slot], this.starts[slot + 1]);
  }
}

/**
 * The catalog's buyer search index, in memory (ADR 0008). Products live in append-only slots with their
 * filter fields in columns and the buyer-facing document as compact JSON (parsed on read, the hot ones
 * cached). A changed product gets a new slot and its old one goes dead, so posting lists (slots per term)
 * and the per-sort orders only grow until compaction rebuilds them. A search computes the set of matching
 * slots once (cached until the next change) and walks a sort order from the cursor; counts and facets come
 * from the same set.
 */
export class ProductSearchIndex {
  // Columns, one entry per slot.
  private live: boolean[] = [];
  /**
   * The rest of each buyer-facing document, packed (see `packRest`), in one off-heap buffer: a hundred
   * thousand strings on the heap would lengthen every full garbage collection.
   */
  private documents = new DocumentBytes();
  private slotIds: string[] = [];
  private slugs: string[] = [];
  private tenantTerm: number[] = [];
  /** Tenant status written on the product, used until an event about the tenant arrives. */
  private storedActive: boolean[] = [];
  private currencies: string[] = [];
  private minPrices: number[] = [];
  private inStock: boolean[] = [];
  /** The title's tokens joined by spaces, with a leading and trailing space: the relevance tier test. */
  private titles: string[] = [];
  /** Category path, seller and attribute pair term ids: what facets count. */
  private facetTerms = new SlotList();
  /** Where each slot's facet terms start in `facetTerms`; one more entry than slots. */
  private facetStarts: number[] = [0];
  private sortValues = new Map<SortField, number[]>(SORT_FIELDS.map((f) => [f, []]));
  private orders = new Map<SortField, number[]>(SORT_FIELDS.map((f) => [f, []]));

  private slotOf = new Map<string, number>();
  private idBySlug = new Map<string, string>();
  /** Tenant statuses learnt from events, by the tenant's seller term id. */
  private tenantStatus = new Map<number, { status: TenantStatus; changedAt: number }>();
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  private scratchCounts = new Int32Array(0);
  private postings: SlotList[] = [];
  /** Word terms in lexical order, for prefix queries; rebuilt on demand after new words arrived. */
  private sortedWords: string[] | undefined;
  private dead = 0;
  private results = new Map<string, MatchSet>();
  private parsed = new Map<number, ProductView>();
  /** Changes with every write: cached result sets of older generations are discarded. */
  generation = 0;

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds, replaces or (when no longer buyer-visible) removes a product. */
  upsert(doc: ProductDocument): void {
    this.drop(doc._id);
    if (isIndexable(doc)) this.add(doc, doc.tokens ?? NONE, doc.titleTokens ?? NONE, true);
    this.changed();
  }

  /**
   * Bulk loading: adds a product known not to be in the index yet without ordering it; `seal()` sorts once
   * at the end instead of inserting each slot in place.
   */
  append(doc: ProductDocument): void {
    if (isIndexable(doc) && !this.slotOf.has(doc._id)) {
      this.add(doc, doc.tokens ?? NONE, doc.titleTokens ?? NONE, false);
    }
  }

  seal(): void {
    for (const field of SORT_FIELDS) this.orders.get(field)!.sort(this.slotOrder(field));
    this.changed();
  }

  remove(id: string): void {
    if (this.drop(id)) this.changed();
  }

  /**
   * Drops every product of a tenant, hidden ones included, and forgets its status (the tenant was deleted,
   * ADR 0038); answers the ids dropped.
   */
  removeTenant(tenantId: string): string[] {
    const term = this.termIds.get(`s:${tenantId}`);
    if (term === undefined) return [];
    const ids = [...this.slotOf].filter(([, slot]) => this.tenantTerm[slot] === term).map(([id]) => id);
    for (const id of ids) this.drop(id);
    this.tenantStatus.delete(term);
    this.changed();
    return ids;
  }

  /** Records a tenant's status unless a later change is already known (events may be redelivered or reordered). */
  setTenantStatus(tenantId: string, status: TenantStatus, changedAt: Date): void {
    const term = this.termId(`s:${tenantId}`);
    const known = this.tenantStatus.get(term);
    if (known && known.changedAt > changedAt.getTime()) return;
    this.tenantStatus.set(term, { status, changedAt: changedAt.getTime() });
    if (known?.status !== status) this.changed();
  }

  /** A buyer-visible product by id. */
  get(id: string): ProductView | undefined {
    const slot = this.slotOf.get(id);
    return slot !== undefined && this.visible(slot) ? this.documentAt(slot) : undefined;
  }

  /** When the indexed version of a product was written (epoch ms), whatever its tenant's status. */
  updatedAtOf(id: string): number | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.documentAt(slot).updatedAt.getTime();
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

  /** Rebuilds the columns without the dead slots once they outnumber the live ones. */
  compactIfSparse(): void {
    if (this.dead < 1000 || this.dead < this.slotOf.size) return;
    const fresh = new ProductSearchIndex();
    for (const [term, known] of this.tenantStatus) {
      fresh.setTenantStatus(this.terms[term]!.slice(2), known.status, new Date(known.changedAt));
    }
    for (const slot of this.slotOf.values()) {
      const view = this.documentAt(slot);
      const categoryPath: string[] = [];
      const attributePairs: string[] = [];
      for (let at = this.facetStarts[slot]!; at < this.facetStarts[slot + 1]!; at += 1) {
        const name = this.terms[this.facetTerms.data[at]!]!;
        if (name.startsWith('c:')) categoryPath.push(name.slice(2));
        else if (name.startsWith('a:')) attributePairs.push(name.slice(2));
      }
      const doc = {
        ...view,
        categoryPath,
        attributePairs,
        tenantStatus: this.storedActive[slot] ? 'active' : 'suspended',
        deletedAt: null,
      } as unknown as ProductDocument;
      const { tokens, titleTokens } = productTokens(view.title, view.attributes, view.description);
      fresh.add(doc, tokens, titleTokens, false);
    }
    fresh.seal();
    Object.assign(this, fresh, { generation: this.generation + 1 });
  }

  /** @internal The document of a slot, parsed from its JSON (the most recently read ones are kept parsed). */
  documentAt(slot: number): ProductView {
    let doc = this.parsed.get(slot);
    if (doc) return doc;
    const publishedAt = this.sortValues.get('publishedAt')![slot]!;
    doc = unpackRest(this.documents.read(slot), {
      _id: this.slotIds[slot]!,
      tenantId: this.terms[this.tenantTerm[slot]!]!.slice(2),
      slug: this.slugs[slot]!,
      currency: this.currencies[slot]!,
      minPrice: this.minPrices[slot]!,
      inStock: this.inStock[slot]!,
      publishedAt: publishedAt === Number.NEGATIVE_INFINITY ? null : new Date(publishedAt),
    });
    this.parsed.set(slot, doc);
    if (this.parsed.size > PARSED_DOCUMENTS) this.parsed.delete(this.parsed.keys().next().value!);
    return doc;
  }

  /** @internal */
  alive(slot: number): boolean {
    return this.live[slot]!;
  }

  /** @internal Whether the product's tenant is active: status events may arrive after the product was stored. */
  visible(slot: number): boolean {
    const tenant = this.tenantStatus.get(this.tenantTerm[slot]!);
    return tenant ? tenant.status === 'active' : this.storedActive[slot]!;
  }

  /** @internal */
  titleOf(slot: number): string {
    return this.titles[slot]!;
  }

  /**
   * @internal Counts the facet terms of a slot into `counts`, adding to `counted` each term it counts first.
   */
  countFacetTerms(slot: number, counts: Int32Array, counted: number[]): void {
    const data = this.facetTerms.data;
    for (let at = this.facetStarts[slot]!; at < this.facetStarts[slot + 1]!; at += 1) {
      const term = data[at]!;
      if (counts[term] === 0) counted.push(term);
      counts[term]! += 1;
    }
  }

  /**
   * @internal A count per term, all zero, for one synchronous counting pass that zeroes the terms it counted
   * again. One array per index: allocating and scanning one as long as the vocabulary (every word of every
   * title) for each search cost more than counting the matches did.
   */
  facetScratch(): Int32Array {
    if (this.scratchCounts.length < this.terms.length) {
      this.scratchCounts = new Int32Array(Math.max(this.terms.length, this.scratchCounts.length * 2));
    }
    return this.scratchCounts;
  }

  /** @internal */
  minPriceOf(slot: number): number {
    return this.minPrices[slot]!;
  }

  /** @internal */
  slotCount(): number {
    return this.live.length;
  }

  /** @internal */
  termName(term: number): string {
    return this.terms[term]!;
  }

  /**
   * @internal Slots in ascending order of `field` (then id) — all of them, or the given subset in that
   * order — and where a walk after `position` starts.
   */
  orderFrom(
    field: SortField,
    direction: 1 | -1,
    position: WalkPosition | undefined,
    order: number[] = this.orders.get(field)!,
  ): { order: number[]; start: number } {
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

  /** Appends a slot; `sorted` inserts it into the sort orders at once, otherwise `seal()` sorts them after. */
  private add(
    doc: ProductDocument,
    words: readonly string[],
    titleTokens: readonly string[],
    sorted: boolean,
  ): void {
    const slot = this.live.length;
    this.live.push(true);
    this.documents.append(packRest(doc));
    this.slotIds.push(doc._id);
    this.slugs.push(doc.slug);
    const tenantTerm = this.termId(`s:${doc.tenantId}`);
    this.tenantTerm.push(tenantTerm);
    this.storedActive.push(doc.tenantStatus === 'active');
    this.currencies.push(doc.currency);
    this.minPrices.push(doc.minPrice);
    this.inStock.push(doc.inStock);
    this.titles.push(` ${titleTokens.join(' ')} `);
    const facetTerms = [
      ...(doc.categoryPath ?? NONE).map((category) => this.termId(`c:${category}`)),
      tenantTerm,
      ...(doc.attributePairs ?? NONE).map((pair) => this.termId(`a:${pair}`)),
    ];
    for (const term of facetTerms) {
      this.facetTerms.push(term);
      this.postings[term]!.push(slot);
    }
    this.facetStarts.push(this.facetTerms.length);
    for (const word of new Set(words)) this.postings[this.termId(`w:${word}`)]!.push(slot);
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
    this.live[slot] = false;
    this.parsed.delete(slot);
    this.slotOf.delete(id);
    if (this.idBySlug.get(this.slugs[slot]!) === id) this.idBySlug.delete(this.slugs[slot]!);
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
      this.postings.push(new SlotList());
      if (term.startsWith('w:')) this.sortedWords = undefined;
    }
    return id;
  }

  /** First index in `order` whose (value, id) is not below (value, id). */
  private lowerBound(field: SortField, order: number[], value: number, id: string): number {
    const compare = this.comparePosition(field, value, id);
    return firstIndex(order.length, (at) => compare(order[at]!) >= 0);
  }

  /** First index in `order` whose (value, id) is above (value, id). */
  private upperBound(field: SortField, order: number[], value: number, id: string): number {
    const compare = this.comparePosition(field, value, id);
    return firstIndex(order.length, (at) => compare(order[at]!) > 0);
  }

  /** How a slot's (value, id) compares with the given position. */
  private comparePosition(field: SortField, value: number, id: string): (slot: number) => number {
    const values = this.sortValues.get(field)!;
    const ids = this.slotIds;
    return (slot) => {
      const slotValue = values[slot]!;
      if (slotValue !== value) return slotValue < value ? -1 : 1;
      const slotId = ids[slot]!;
      return slotId === id ? 0 : slotId < id ? -1 : 1;
    };
  }

  /** @internal First and last index of `order` whose value lies in [min, max]. */
  valueRange(field: SortField, order: number[], min: number, max: number): [number, number] {
    const values = this.sortValues.get(field)!;
    const first = firstIndex(order.length, (at) => values[order[at]!]! >= min);
    const afterLast = firstIndex(order.length, (at) => values[order[at]!]! > max);
    return [first, afterLast - 1];
  }

  /** @internal The (value, id) order of slots, for sorting. */
  slotOrder(field: SortField): (a: number, b: number) => number {
    const values = this.sortValues.get(field)!;
    const ids = this.slotIds;
    return (a, b) => {
      const valueA = values[a]!;
      const valueB = values[b]!;
      if (valueA !== valueB) return valueA < valueB ? -1 : 1;
      return ids[a]! === ids[b]! ? 0 : ids[a]! < ids[b]! ? -1 : 1;
    };
  }

  private matchingSlots(criteria: SearchCriteria): number[] {
    const conditions: SlotList[][] = [];
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
    const { currency, minPrice, maxPrice, inStock, minRating } = criteria;
    const ratings = this.sortValues.get('ratingAvg')!;
    const accepts = (slot: number): boolean =>
      this.live[slot]! &&
      this.visible(slot) &&
      (!currency || this.currencies[slot] === currency) &&
      (minPrice === undefined || this.minPrices[slot]! >= minPrice) &&
      (maxPrice === undefined || this.minPrices[slot]! <= maxPrice) &&
      (inStock === undefined || this.inStock[slot] === inStock) &&
      (minRating === undefined || ratings[slot]! >= minRating);

    const matched: number[] = [];
    if (conditions.length === 0) {
      for (let slot = 0; slot < this.live.length; slot += 1) if (accepts(slot)) matched.push(slot);
      return matched;
    }
    // Drive from the smallest condition; every other one is checked through a membership map.
    const sized = conditions
      .map((lists) => ({ lists, size: lists.reduce((sum, list) => sum + list.length, 0) }))
      .sort((a, b) => a.size - b.size);
    const members = sized.slice(1).map(({ lists }) => {
      const member = new Uint8Array(this.live.length);
      for (const list of lists) for (let i = 0; i < list.length; i += 1) member[list.data[i]!] = 1;
      return member;
    });
    const driver = sized[0]!.lists;
    if (driver.length === 1) {
      const list = driver[0]!;
      for (let i = 0; i < list.length; i += 1) {
        const slot = list.data[i]!;
        if (members.every((member) => member[slot] === 1) && accepts(slot)) matched.push(slot);
      }
    } else {
      // A union (attribute values, words of a prefix): mark it, then take the marked slots in order.
      const union = new Uint8Array(this.live.length);
      for (const list of driver) for (let i = 0; i < list.length; i += 1) union[list.data[i]!] = 1;
      for (let slot = 0; slot < union.length; slot += 1) {
        if (union[slot] === 1 && members.every((member) => member[slot] === 1) && accepts(slot))
          matched.push(slot);
      }
    }
    return matched;
  }

  private postingOf(term: string): SlotList {
    const id = this.termIds.get(term);
    return id === undefined ? new SlotList() : this.postings[id]!;
  }

  private wordsWithPrefix(prefix: string): string[] {
    this.sortedWords ??= this.terms.filter((t) => t.startsWith('w:')).sort();
    const words = this.sortedWords;
    const start = `w:${prefix}`;
    const low = firstIndex(words.length, (at) => words[at]! >= start);
    const found: string[] = [];
    for (let i = low; i < words.length && words[i]!.startsWith(start); i += 1) found.push(words[i]!);
    return found;
  }
}

/** The slots matching one search at one generation of the index; used synchronously, never kept across awaits. */
export class MatchSet {
  private member: Uint8Array | undefined;
  private facetCounts: Facets | undefined;
  /** A small result set sorted on its own, so walks need not pass over the whole index order. */
  private sorted = new Map<SortField, number[]>();

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
   * keeping only those `accept` takes (given the title's tokens as " a b c ": the relevance tiers).
   */
  walk(
    field: SortField,
    direction: 1 | -1,
    position: WalkPosition | undefined,
    limit: number,
    accept: (title: string) => boolean = () => true,
  ): WalkRow[] {
    const member = this.membership();
    const { order, start } = this.index.orderFrom(field, direction, position, this.ownOrder(field));
    const [low, high] = this.priceRangeIn(field, order);
    const rows: WalkRow[] = [];
    for (
      let i = direction === 1 ? Math.max(start, low) : Math.min(start, high);
      i >= low && i <= high && rows.length < limit;
      i += direction
    ) {
      const slot = order[i]!;
      if (member[slot] !== 1 || !this.index.alive(slot) || !accept(this.index.titleOf(slot))) continue;
      const value = this.index.sortValueAt(field, slot);
      rows.push({
        doc: this.index.documentAt(slot),
        value: value === Number.NEGATIVE_INFINITY ? null : value,
      });
    }
    return rows;
  }

  facets(): Facets {
    if (this.facetCounts) return this.facetCounts;
    const prices = new Array<number>(PRICE_BUCKET_BOUNDS.length + 1).fill(0);
    const byKind = new Map<string, FacetCount[]>([
      ['c', []],
      ['s', []],
      ['a', []],
    ]);
    const counts = this.index.facetScratch();
    const counted: number[] = [];
    try {
      for (const slot of this.slots) {
        this.index.countFacetTerms(slot, counts, counted);
        if (this.criteria.currency) prices[bucketOf(this.index.minPriceOf(slot))]! += 1;
      }
      for (const term of counted) {
        const name = this.index.termName(term);
        byKind.get(name[0]!)?.push({ value: name.slice(2), count: counts[term]! });
      }
    } finally {
      for (const term of counted) counts[term] = 0;
    }
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

  /**
   * The index range of `order` a walk can find matches in: all of it, except that a price sort with a price
   * filter skips the prices outside the filter (else "under 50 EUR, most expensive first" passes every
   * dearer product first).
   */
  private priceRangeIn(field: SortField, order: number[]): [number, number] {
    const { minPrice, maxPrice } = this.criteria;
    if (field !== 'minPrice' || (minPrice === undefined && maxPrice === undefined))
      return [0, order.length - 1];
    return this.index.valueRange(
      field,
      order,
      minPrice ?? Number.NEGATIVE_INFINITY,
      maxPrice ?? Number.POSITIVE_INFINITY,
    );
  }

  private ownOrder(field: SortField): number[] | undefined {
    if (this.slots.length * SMALL_RESULT_RATIO >= this.index.slotCount()) return undefined;
    let order = this.sorted.get(field);
    if (!order) {
      order = [...this.slots].sort(this.index.slotOrder(field));
      this.sorted.set(field, order);
    }
    return order;
  }

  private membership(): Uint8Array {
    if (!this.member) {
      this.member = new Uint8Array(this.index.slotCount());
      for (const slot of this.slots) this.member[slot] = 1;
    }
    return this.member;
  }
}

type ColumnFields = Pick<
  ProductView,
  '_id' | 'tenantId' | 'slug' | 'currency' | 'minPrice' | 'inStock' | 'publishedAt'
>;

/**
 * What the columns do not hold, as a JSON array without field names (about a third of the size of the
 * document's JSON): [title, description, categoryId, moderation, attributes as name/value pairs,
 * options, variants as [id, sku, price, compareAt, option name/value pairs, units or null], images, rating, created,
 * updated (epoch ms), maxPrice, ratingCount, imageAlts].
 */
function packRest(doc: ProductDocument): string {
  return JSON.stringify([
    doc.title,
    doc.description,
    doc.categoryId,
    doc.moderation,
    (doc.attributes ?? []).flatMap((a) => [a.name, a.value]),
    (doc.options ?? []).map((o) => [o.name, o.values]),
    (doc.variants ?? []).map((v) => [
      v.id,
      v.sku,
      v.priceMinor,
      v.compareAtMinor,
      (v.optionValues ?? []).flatMap((o) => [o.name, o.value]),
      doc.stock?.[v.id] ?? null,
    ]),
    doc.images ?? [],
    doc.ratingAvg ?? 0,
    doc.createdAt.getTime(),
    doc.updatedAt.getTime(),
    doc.maxPrice,
    doc.ratingCount ?? 0,
    doc.imageAlts ?? [],
  ]);
}

type Packed = [
  string,
  string,
  string | null,
  ProductView['moderation'],
  string[],
  [string, string[]][],
  [string, string, number, number | null, string[], number | null][],
  string[],
  number,
  number,
  number,
  number,
  number,
  string[] | undefined,
];

function unpackRest(packed: string, columns: ColumnFields): ProductView {
  const [
    title,
    description,
    categoryId,
    moderation,
    attributes,
    options,
    variants,
    images,
    rating,
    created,
    updated,
    maxPrice,
    ratingCount,
    imageAlts,
  ] = JSON.parse(packed) as Packed;
  const stock: Record<string, number> = {};
  for (const [id, , , , , units] of variants) if (units !== null) stock[id] = units;
  return {
    ...columns,
    title,
    description,
    status: 'published',
    moderation,
    categoryId,
    attributes: pairs(attributes),
    options: options.map(([name, values]) => ({ name, values })),
    variants: variants.map(([id, sku, priceMinor, compareAtMinor, optionValues]) => ({
      id,
      sku,
      priceMinor,
      compareAtMinor,
      optionValues: pairs(optionValues),
    })),
    stock,
    images,
    imageAlts: imageAlts ?? images.map(() => ''),
    ratingAvg: rating,
    ratingCount,
    createdAt: new Date(created),
    updatedAt: new Date(updated),
    maxPrice,
  };
}

function pairs(flat: string[]): { name: string; value: string }[] {
  const result: { name: string; value: string }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) result.push({ name: flat[i]!, value: flat[i + 1]! });
  return result;
}

/** Binary search: the first index in [0, length) where `reached` holds, given it holds from some index on. */
function firstIndex(length: number, reached: (at: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (reached(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

function bucketOf(minPrice: number): number {
  const index = PRICE_BUCKET_BOUNDS.findIndex((bound) => minPrice < bound);
  return index === -1 ? PRICE_BUCKET_BOUNDS.length : index;
}

/** Sort values as numbers; a missing value sorts below every other, as MongoDB orders null. */
function sortValueOf(doc: ProductDocument, field: SortField): number {
  const value: unknown = doc[field];
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' ? value : Number.NEGATIVE_INFINITY;
}
