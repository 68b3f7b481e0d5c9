import type { Logger } from '@marketplace/observability';
import { runWithContext } from '@marketplace/tenancy';
import type { CatalogDatabase } from '../database/catalog-database';
import { anyVariantInStock, variantInStock, type ProductDocument } from '../products/product.document';
import { productChangedEvent } from '../products/product.events';
import type { ProductsRepository } from '../products/products.repository';

/** What inventory reported: the available units of one of a seller's SKUs. */
export interface StockLevel {
  tenantId: string;
  sku: string;
  available: number;
}

/** How long a report waits for more reports to share its write (a checkout burst, a stock import). */
const COALESCE_MS = 20;
/** Wait before applying levels again after a failed pass (MongoDB unreachable, a product changing non-stop). */
const RETRY_MS = 1000;
/** A level races a seller's edit of the product only rarely; it is read and applied again this often. */
const WRITE_ATTEMPTS = 3;
/** Passes a flush runs at most, so that a flush during an outage (shutdown) ends. */
const FLUSH_PASSES = 3;
/** Staged SKUs beyond which a report waits for the pass in flight (backpressure on a backlog). */
const MAX_STAGED = 10_000;

/**
 * Keeps each product's per-variant available units and its `inStock` flag in step with inventory.
 * Reports are staged in memory, the latest per SKU, and applied per product a few milliseconds later, so a
 * burst costs one read and at most one write per product. A report that changes nothing (same units) costs
 * no write and never waits for the product write serializer; a write stages a `product.updated` event only
 * when a variant goes in or out of stock, which is all other replicas' search indexes need to learn.
 */
export class StockLevelsService {
  /** The latest staged units per tenant and SKU. */
  private staged = new Map<string, Map<string, number>>();
  private stagedCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;

  constructor(
    private readonly database: CatalogDatabase,
    private readonly products: ProductsRepository,
    private readonly logger: Logger,
  ) {}

  /** Stages a report; it is applied within about COALESCE_MS unless a backlog makes it wait for its turn. */
  async report(level: StockLevel): Promise<void> {
    this.stage(level.tenantId, level.sku, level.available, true);
    if (this.stagedCount >= MAX_STAGED) await this.runPass();
    else this.schedule(COALESCE_MS);
  }

  /** Applies what is staged at once and resolves when nothing is staged or being applied (or passes kept failing). */
  async flush(): Promise<void> {
    for (let round = 0; round < FLUSH_PASSES && (this.pass || this.stagedCount > 0); round += 1) {
      await this.runPass();
    }
  }

  private stage(tenantId: string, sku: string, available: number, newer: boolean): void {
    let levels = this.staged.get(tenantId);
    if (!levels) this.staged.set(tenantId, (levels = new Map()));
    if (!newer && levels.has(sku)) return;
    if (!levels.has(sku)) this.stagedCount += 1;
    levels.set(sku, available);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.pass) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runPass();
    }, delayMs);
  }

  /** Applies everything staged so far; a pass in flight is joined instead (the next one takes the rest). */
  private runPass(): Promise<void> {
    if (this.pass) return this.pass;
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.staged;
    this.staged = new Map();
    this.stagedCount = 0;
    let failed = false;
    this.pass = (async () => {
      for (const [tenantId, levels] of batch) {
        try {
          await runWithContext({ tenantId }, () => this.applyTenant(levels));
        } catch (error) {
          failed = true;
          this.logger.warn({ err: error, tenantId, skus: levels.size }, 'stock levels not applied; retrying');
          // Reports that arrived meanwhile are newer than these and stay.
          for (const [sku, available] of levels) this.stage(tenantId, sku, available, false);
        }
      }
    })().finally(() => {
      this.pass = undefined;
      if (this.stagedCount > 0) this.schedule(failed ? RETRY_MS : COALESCE_MS);
    });
    return this.pass;
  }

  /** Levels of the current tenant's SKUs; SKUs of no product of this catalog are dropped. */
  private async applyTenant(levels: Map<string, number>): Promise<void> {
    const skus = await this.database.skus.find(
      { sku: { $in: [...levels.keys()] } },
      { projection: { sku: 1, productId: 1 } },
    );
    const byProduct = new Map<string, Map<string, number>>();
    for (const { sku, productId } of skus) {
      let productLevels = byProduct.get(productId);
      if (!productLevels) byProduct.set(productId, (productLevels = new Map()));
      productLevels.set(sku, levels.get(sku)!);
    }
    for (const [productId, productLevels] of byProduct) await this.applyToProduct(productId, productLevels);
  }

  private async applyToProduct(productId: string, levels: Map<string, number>): Promise<void> {
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt += 1) {
      const current = await this.products.findLive(productId);
      if (!current) return;
      const stock = stockAfter(current, levels);
      if (!stock) return;
      const next: ProductDocument = {
        ...current,
        stock,
        inStock: anyVariantInStock(current.variants, stock),
      };
      const flipped = current.variants.some(
        (v) => variantInStock(current.stock, v.id) !== variantInStock(stock, v.id),
      );
      const events = (stored: ProductDocument) => (flipped ? [productChangedEvent('updated', stored)] : []);
      if (await this.products.updateAtRevision(current, { stock, inStock: next.inStock }, events)) return;
    }
    throw new Error(`Product ${productId} kept changing while its stock levels were applied`);
  }
}

/** The product's units per variant with `levels` (by SKU) applied, or undefined when they change nothing. */
function stockAfter(
  product: ProductDocument,
  levels: Map<string, number>,
): Record<string, number> | undefined {
  let changed = false;
  const stock: Record<string, number> = {};
  for (const variant of product.variants) {
    const before = product.stock?.[variant.id];
    const reported = levels.get(variant.sku);
    const units = reported ?? before;
    if (units !== undefined) stock[variant.id] = units;
    if (reported !== undefined && reported !== before) changed = true;
  }
  return changed ? stock : undefined;
}
