import type { Logger } from '@marketplace/observability';
import type { CatalogDatabase, ProductWrite } from '../database/catalog-database';
import type { ProductDocument, TenantStatus } from '../products/product.document';
import { indexedProducts } from '../products/products.repository';
import { ProductSearchIndex } from './search-index';

const LOAD_BATCH = 1000;
const PROGRESS_EVERY = 10_000;

interface TenantChange {
  tenantId: string;
  status: TenantStatus;
  changedAt: Date;
}

export interface SearchIndexStatus {
  products: number;
  generation: number;
  builtAt: Date | null;
  buildMs: number | null;
  rebuilding: boolean;
}

/**
 * Owns the in-memory search index of this replica (ADR 0008): builds it from MongoDB at start and on an
 * admin's request, and keeps it current with every product write of this process and, through the
 * follower, of the other replicas. Updates read the product back by id, one at a time per product, so the
 * last read of a product always sees its last write.
 */
export class SearchIndexService {
  private current = new ProductSearchIndex();
  private readonly refreshes = new Map<string, Promise<void>>();
  /**
   * The highest revision applied per product, drafts included: a read-back that started before a write
   * (an event's refresh) can finish after the writer handed over the newer document, and must not undo it.
   */
  private readonly revisions = new Map<string, number>();
  private rebuild:
    | { promise: Promise<void>; touched: Set<string>; tenants: TenantChange[]; removed: Set<string> }
    | undefined;
  private builtAt: Date | null = null;
  private buildMs: number | null = null;
  constructor(
    private readonly database: CatalogDatabase,
    private readonly logger: Logger,
  ) {
    database.onProductsWritten((change) => this.apply(change));
  }

  get index(): ProductSearchIndex {
    return this.current;
  }

  status(): SearchIndexStatus {
    return {
      products: this.current.size,
      generation: this.current.generation,
      builtAt: this.builtAt,
      buildMs: this.buildMs,
      rebuilding: this.rebuild !== undefined,
    };
  }

  /** Builds a fresh index from MongoDB and swaps it in; a build already running is joined, not repeated. */
  build(): Promise<void> {
    if (this.rebuild) return this.rebuild.promise;
    const changes = { touched: new Set<string>(), tenants: [] as TenantChange[], removed: new Set<string>() };
    const promise = this.load(changes).finally(() => {
      this.rebuild = undefined;
    });
    this.rebuild = { promise, ...changes };
    return promise;
  }

  /** Applies a stored change of this or another replica. */
  async apply(change: ProductWrite): Promise<void> {
    if ('docs' in change) {
      for (const doc of change.docs) {
        this.upsertUnlessOlder(doc);
        this.rebuild?.touched.add(doc._id);
      }
    } else {
      await Promise.all(change.ids.map((id) => this.refresh(id)));
    }
    this.current.compactIfSparse();
  }

  /**
   * A product changed at `occurredAt`, perhaps through another replica: read it back unless the index
   * already holds that version or a later one (this replica's own writes come back as events too).
   */
  async applyChange(id: string, occurredAt: Date): Promise<void> {
    const indexed = this.current.updatedAtOf(id);
    if (indexed !== undefined && indexed >= occurredAt.getTime()) return;
    await this.apply({ ids: [id] });
  }

  setTenantStatus(tenantId: string, status: TenantStatus, changedAt: Date): void {
    this.current.setTenantStatus(tenantId, status, changedAt);
    this.rebuild?.tenants.push({ tenantId, status, changedAt });
  }

  /**
   * The tenant was deleted and its products erased from MongoDB (ADR 0038): its products, hidden since its
   * suspension, leave this replica's index now rather than at the next rebuild.
   */
  removeTenant(tenantId: string): number {
    const removed = this.current.removeTenant(tenantId);
    for (const id of removed) this.revisions.delete(id);
    this.rebuild?.removed.add(tenantId);
    this.current.compactIfSparse();
    if (removed.length)
      this.logger.info({ tenantId, products: removed.length }, 'search index: tenant removed');
    return removed.length;
  }

  private upsertUnlessOlder(doc: ProductDocument): void {
    if (!this.noteRevision(doc)) return;
    this.current.upsert(doc);
  }

  /** Records the document's revision; false when a later one was applied already. */
  private noteRevision(doc: ProductDocument): boolean {
    const known = this.revisions.get(doc._id);
    if (known !== undefined && doc.rev < known) return false;
    this.revisions.set(doc._id, doc.rev);
    return true;
  }

  private refresh(id: string): Promise<void> {
    this.rebuild?.touched.add(id);
    const previous = this.refreshes.get(id) ?? Promise.resolve();
    const next = previous.then(async () => {
      const doc = await indexedProducts.one(this.database, id);
      if (doc) this.upsertUnlessOlder(doc);
      else this.current.remove(id);
    });
    const settled = next.finally(() => {
      if (this.refreshes.get(id) === settled) this.refreshes.delete(id);
    });
    this.refreshes.set(id, settled);
    return next;
  }

  private async load(changes: {
    touched: Set<string>;
    tenants: TenantChange[];
    removed: Set<string>;
  }): Promise<void> {
    const started = Date.now();
    const fresh = new ProductSearchIndex();
    for (const state of await this.database.tenantStates.find({}).toArray()) {
      fresh.setTenantStatus(state._id, state.status, state.changedAt);
    }
    const cursor = indexedProducts.published(this.database, LOAD_BATCH);
    let loaded = 0;
    for await (const doc of cursor) {
      fresh.append(doc as ProductDocument);
      this.noteRevision(doc as ProductDocument);
      loaded += 1;
      if (loaded % PROGRESS_EVERY === 0) this.logger.info({ loaded }, 'search index: loading products');
    }
    fresh.seal();
    this.current = fresh;
    // Changes that landed while the build read past them are applied again to the new index.
    for (const { tenantId, status, changedAt } of changes.tenants)
      fresh.setTenantStatus(tenantId, status, changedAt);
    // A tenant deleted while the build read its products is dropped again.
    for (const tenantId of changes.removed) fresh.removeTenant(tenantId);
    await Promise.all([...changes.touched].map((id) => this.refresh(id)));
    this.buildMs = Date.now() - started;
    this.builtAt = new Date();
    this.logger.info({ products: fresh.size, ms: this.buildMs }, 'search index built');
  }
}
