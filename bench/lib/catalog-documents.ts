/**
 * Bench products built by the catalog's own document builder and written straight to its MongoDB database: the
 * benches that need a large catalog seed it this way instead of through the API (SKU reservation, events).
 */
import { CategoriesService } from '@marketplace/catalog-service/src/categories/categories.service';
import type { CatalogDatabase } from '@marketplace/catalog-service/src/database/catalog-database';
import type { MediaOwnership } from '@marketplace/catalog-service/src/media/media-ownership';
import { ProductsRepository } from '@marketplace/catalog-service/src/products/products.repository';
import { ProductsService } from '@marketplace/catalog-service/src/products/products.service';
import { TenantStatusService } from '@marketplace/catalog-service/src/tenants/tenant-status.service';

/** The four bench categories (created when missing), by id. */
export async function benchCategories(
  database: CatalogDatabase,
  categories: CategoriesService,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, name] of ['Bench apparel', 'Bench home', 'Bench outdoors', 'Bench kitchen'].entries()) {
    const slug = `bench-${index}`;
    const existing = await database.categories.findOne({ slug });
    ids.push((existing ?? (await categories.create({ name, slug, parentId: null })))._id);
  }
  return ids;
}

/** The catalog's own document builder, its per-product lookups answered from memory (bench tenants are all active). */
export async function documentBuilder(
  database: CatalogDatabase,
  categories: CategoriesService,
  categoryIds: string[],
): Promise<ProductsService> {
  const paths = new Map(
    await Promise.all(categoryIds.map(async (id) => [id, await categories.pathOf(id)] as const)),
  );
  const cachedCategories = Object.assign(Object.create(categories) as CategoriesService, {
    pathOf: async (id: string) => paths.get(id) ?? categories.pathOf(id),
  });
  const activeTenants = Object.assign(
    Object.create(new TenantStatusService(database)) as TenantStatusService,
    {
      statusForNewProduct: async () => 'active' as const,
    },
  );
  // Bench products carry no images, so the media service is never asked; any image id would be refused.
  const noMedia: MediaOwnership = { productImagesOf: () => Promise.resolve(new Set()) };
  return new ProductsService(new ProductsRepository(database), cachedCategories, activeTenants, noMedia);
}
