import type { Collection, Db } from 'mongodb';
import { TenantCollection, type FilterSupport } from '@marketplace/tenancy';
import type { AuditRecordDocument } from '../audit/audit-records';
import type { CategoryDocument } from '../categories/category.document';
import type { ImportJobDocument, ImportLockDocument } from '../imports/import-job.document';
import type { ProductDocument, SkuDocument, TenantStatus } from '../products/product.document';
import type { TenantStateDocument } from '../tenants/tenant-state.document';
import type { TenantWithProductsDocument } from '../tenants/tenant-with-products.document';
import { isDuplicateKey } from '../shared/errors';
import { createProductWriteSerializer } from './product-write-serializer';

/** The marker of the one-time pass recording the tenants whose products predate `tenants_with_products`. */
const TENANTS_WITH_PRODUCTS_RECORDED = 'tenants-with-products-recorded';

/** A stored product change: full documents as stored (inserts, updates) or ids to read back. */
export type ProductWrite = { docs: readonly ProductDocument[] } | { ids: readonly string[] };
export type ProductWriteListener = (change: ProductWrite) => Promise<void>;

/**
 * The catalog's collections. Tenant-owned ones are handed out as TenantCollection; the raw product
 * collection is only for the platform's own cross-tenant jobs (buyer search, outbox relay), each of which
 * pins its own filter.
 */
export class CatalogDatabase {
  readonly products: TenantCollection<ProductDocument>;
  readonly skus: TenantCollection<SkuDocument>;
  readonly importJobs: TenantCollection<ImportJobDocument>;
  readonly importLocks: TenantCollection<ImportLockDocument>;
  /** For the named cross-tenant recovery of interrupted imports only (CrossTenantCollection). */
  readonly rawImportJobs: Collection<ImportJobDocument>;
  readonly rawImportLocks: Collection<ImportLockDocument>;
  readonly rawProducts: Collection<ProductDocument>;
  readonly categories: Collection<CategoryDocument>;
  readonly tenantStates: Collection<TenantStateDocument>;
  readonly tenantsWithProducts: Collection<TenantWithProductsDocument>;
  /** Audit records of admin actions that change no product or category (published, then deleted, by the relay). */
  readonly auditRecords: Collection<AuditRecordDocument>;
  /**
   * Every write to products and categories goes through this, the outbox relay's included, keyed by the
   * documents it writes: FerretDB 1.x can lose one of two overlapping updates of a document (ADR 0006), and a
   * revision filter is no compare-and-set there. Writes to different documents run concurrently (ADR 0054).
   */
  readonly serializeProductWrites = createProductWriteSerializer();
  private readonly writeListeners: ProductWriteListener[] = [];
  private readonly categoryListeners: (() => void)[] = [];

  /** `filterSupport`: how the store answers the guarded writes to products (the repository's and the relay's). */
  constructor(
    readonly db: Db,
    readonly filterSupport: FilterSupport = 'planned',
  ) {
    this.rawProducts = db.collection<ProductDocument>('products');
    this.products = new TenantCollection(this.rawProducts, filterSupport);
    this.skus = new TenantCollection(db.collection<SkuDocument>('skus'));
    this.rawImportJobs = db.collection<ImportJobDocument>('import_jobs');
    this.importJobs = new TenantCollection(this.rawImportJobs);
    this.rawImportLocks = db.collection<ImportLockDocument>('import_locks');
    this.importLocks = new TenantCollection(this.rawImportLocks);
    this.categories = db.collection<CategoryDocument>('categories');
    this.tenantStates = db.collection<TenantStateDocument>('tenant_states');
    this.tenantsWithProducts = db.collection<TenantWithProductsDocument>('tenants_with_products');
    this.auditRecords = db.collection<AuditRecordDocument>('audit_records');
  }

  /** Registers what must follow every stored product change (search index, the outbox relay sending its events). */
  onProductsWritten(listener: ProductWriteListener): void {
    this.writeListeners.push(listener);
  }

  /**
   * Called by every product writer after its write succeeded, with the documents as stored when it has them
   * (inserts and updates, outbox fields included: the relay sends their new events from them, ADR 0059) or else
   * the ids; resolves once every listener has caught up, so the writer's caller reads its write.
   */
  async productsWritten(change: ProductWrite): Promise<void> {
    await Promise.all(this.writeListeners.map((listener) => listener(change)));
  }

  /**
   * Registers what must follow a stored category change or audit record that staged events (the outbox relay's
   * wake-up).
   */
  onCategoriesWritten(listener: () => void): void {
    this.categoryListeners.push(listener);
  }

  categoriesWritten(): void {
    for (const listener of this.categoryListeners) listener();
  }

  /** Creates the indexes the queries rely on (idempotent; run at start). */
  async ensureIndexes(): Promise<void> {
    const products = this.rawProducts;
    await Promise.all([
      this.db
        .collection('skus')
        .createIndex({ tenantId: 1, sku: 1 }, { unique: true, name: 'uq_tenant_sku' }),
      products.createIndex({ slug: 1 }, { unique: true, name: 'uq_slug' }),
      products.createIndex({ tenantId: 1, createdAt: -1, _id: -1 }, { name: 'seller_list' }),
      products.createIndex(
        { status: 1, tenantStatus: 1, categoryPath: 1 },
        { name: 'buyer_visible_category' },
      ),
      products.createIndex({ tokens: 1 }, { name: 'tokens' }),
      products.createIndex({ minPrice: 1 }, { name: 'min_price' }),
      products.createIndex({ createdAt: -1 }, { name: 'created_at' }),
      products.createIndex({ publishedAt: -1, _id: -1 }, { name: 'newest' }),
      products.createIndex({ pendingEventCount: 1 }, { name: 'outbox_pending' }),
      this.categories.createIndex({ slug: 1 }, { unique: true, name: 'uq_category_slug' }),
      this.categories.createIndex({ pendingEventCount: 1 }, { name: 'outbox_pending' }),
      this.auditRecords.createIndex({ pendingEventCount: 1 }, { name: 'outbox_pending' }),
      this.db.collection('import_jobs').createIndex({ tenantId: 1, createdAt: -1 }, { name: 'tenant_jobs' }),
    ]);
  }

  /**
   * `recordTenantsWithProducts` once per database, at start: afterwards every new product records its tenant
   * itself, so later starts skip the pass over every product (a replica's start stays independent of catalog size).
   * A start that dies before the marker is written runs it again; two replicas may both run it (it repeats cleanly).
   */
  async recordTenantsWithProductsOnce(): Promise<void> {
    const migrations = this.db.collection<{ _id: string; doneAt: Date }>('catalog_migrations');
    if (await migrations.findOne({ _id: TENANTS_WITH_PRODUCTS_RECORDED })) return;
    await this.recordTenantsWithProducts();
    try {
      await migrations.insertOne({ _id: TENANTS_WITH_PRODUCTS_RECORDED, doneAt: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * Records every tenant with products as such: products created before the record existed must still be
   * stamped when their tenant's status changes. Writes nothing once every such tenant is recorded.
   */
  async recordTenantsWithProducts(): Promise<void> {
    const recorded = new Set(
      (await this.tenantsWithProducts.find({}, { projection: { _id: 1 } }).toArray()).map(({ _id }) => _id),
    );
    for (const tenantId of await this.rawProducts.distinct('tenantId')) {
      if (!recorded.has(tenantId)) await this.recordTenantWithProducts(tenantId);
    }
  }

  /**
   * Records that the tenant has products, once. An insert whose duplicate is ignored rather than an upsert: two
   * concurrent upserts of one new id can both insert, and one then fails with a duplicate key.
   */
  async recordTenantWithProducts(tenantId: string): Promise<void> {
    try {
      await this.tenantsWithProducts.insertOne({ _id: tenantId, since: new Date() });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /**
   * The tenant's status as this catalog recorded it from the tenant events; a tenant it has heard nothing about
   * counts as active (organizations are created active by provisioning; any other state arrives as an event).
   */
  async recordedTenantStatus(tenantId: string): Promise<TenantStatus> {
    return (await this.tenantStates.findOne({ _id: tenantId }))?.status ?? 'active';
  }
}
