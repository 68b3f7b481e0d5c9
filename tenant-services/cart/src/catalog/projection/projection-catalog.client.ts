import { isDeepStrictEqual } from 'node:util';
import type { CatalogClient, CatalogProduct } from '../catalog.client';
import { offeredProduct, type ProductProjection } from './product-projection';

/**
 * The catalog as the cart's projection holds it (ADR 0064): products and seller statuses from the catalog's and
 * the tenants service's events, in the cart's Redis. A product the projection has no entry for is read through
 * from the catalog (`catalog`, the GraphQL client) and its answer stored, so a cold or expired projection never
 * answers "not offered" on its own.
 */
export class ProjectionCatalogClient implements CatalogClient {
  /** The catalog calls in flight, by each product they read. */
  private readonly reading = new Map<string, Promise<ReadonlyMap<string, CatalogProduct | null>>>();

  constructor(
    private readonly projection: ProductProjection,
    private readonly catalog: CatalogClient,
  ) {}

  async products(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct | null>> {
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return new Map();
    const projected = await this.projected(ids);
    const missing = ids.filter((id) => !projected.has(id));
    if (missing.length === 0) return projected;
    const answers = await this.readThrough(missing);
    return new Map(ids.map((id) => [id, projected.get(id) ?? answers.get(id) ?? null]));
  }

  /**
   * One catalog call for the products not already being read: concurrent misses of one product (a cold start under
   * load, 50 buyers adding the same new product) wait for the same answer instead of each asking the catalog.
   */
  private async readThrough(ids: readonly string[]): Promise<Map<string, CatalogProduct | null>> {
    const toRead = ids.filter((id) => !this.reading.has(id));
    if (toRead.length > 0) {
      const call = this.catalog.products(toRead).then(async (answers) => {
        // "Not offered" answers are not stored: the catalog answers null alike for a draft, a deleted product and
        // an id that never existed, and an entry without the product could not follow a later publication.
        await this.projection.storeAnswers([...answers.values()].filter((product) => product !== null));
        return answers;
      });
      const settled = call.finally(() => {
        for (const id of toRead) if (this.reading.get(id) === settled) this.reading.delete(id);
      });
      for (const id of toRead) this.reading.set(id, settled);
    }
    const answers = await Promise.all(
      ids.map(async (id) => [id, (await this.reading.get(id)!).get(id)] as const),
    );
    return new Map(answers.map(([id, product]) => [id, product ?? null]));
  }

  /**
   * Asks the catalog, and drops the entries that answer differently (an event not applied yet, or lost), so the
   * next add-to-cart reads the product through instead of the stale entry.
   */
  async currentProducts(productIds: readonly string[]): Promise<ReadonlyMap<string, CatalogProduct | null>> {
    const ids = [...new Set(productIds)];
    if (ids.length === 0) return new Map();
    const [answers, projected] = await Promise.all([this.catalog.currentProducts(ids), this.projected(ids)]);
    await this.projection.drop(
      [...projected]
        .filter(([id, product]) => !isDeepStrictEqual(product, answers.get(id) ?? null))
        .map(([id]) => id),
    );
    return answers;
  }

  /** What the projection offers for the products it has entries for. */
  private async projected(ids: readonly string[]): Promise<Map<string, CatalogProduct | null>> {
    const entries = await this.projection.entries(ids);
    const statuses = await this.projection.tenantStatuses(
      [...entries.values()].map((entry) => entry.tenantId),
    );
    return new Map(
      [...entries].map(([id, entry]) => [id, offeredProduct(entry, statuses.get(entry.tenantId))]),
    );
  }
}
