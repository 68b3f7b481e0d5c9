import { KeycloakAdminClient, keycloakAdminConfigFromEnv } from '@marketplace/identity';
import { connectMongo } from '@marketplace/service-kit';
import { runWithContext } from '@marketplace/tenancy';
import { CategoriesService } from './categories/categories.service';
import { CatalogDatabase } from './database/catalog-database';
import { catalogSettingsSchema } from './config';
import { HttpMediaOwnership } from './media/http-media-ownership';
import { createProductSchema } from './products/product.inputs';
import { ProductsRepository } from './products/products.repository';
import { ProductsService } from './products/products.service';
import { SEED_CATEGORIES, SEED_TENANTS, type SeedLine, type SeedTenant } from './seed-data';
import { TenantStatusService } from './tenants/tenant-status.service';

/**
 * Demo data (`pnpm --dir tenant-services/catalog seed`): the category tree and, for each demo tenant found in
 * Keycloak by org alias, one product per line and colour (32 each), published. Idempotent: categories are
 * matched by slug and products by SKU; the created/published events wait in the outbox for the service's relay.
 */
async function seed(): Promise<void> {
  const mongo = await connectMongo({
    url: requiredEnv('MONGODB_URL'),
    database: process.env.MONGODB_DATABASE ?? 'catalog',
  });
  try {
    const database = new CatalogDatabase(mongo.db, mongo.filterSupport);
    await database.ensureIndexes();
    const categories = new CategoriesService(database);
    const products = new ProductsService(
      new ProductsRepository(database),
      categories,
      new TenantStatusService(database),
      new HttpMediaOwnership(
        catalogSettingsSchema
          .pick({
            MEDIA_URL: true,
            MEDIA_TIMEOUT_MS: true,
            KEYCLOAK_URL: true,
            KEYCLOAK_REALM: true,
            KEYCLOAK_SERVICES_CLIENT_ID: true,
            KEYCLOAK_SERVICES_CLIENT_SECRET: true,
          })
          .parse(process.env),
      ),
    );
    const categoryIds = await seedCategories(database, categories);
    const keycloak = new KeycloakAdminClient(keycloakAdminConfigFromEnv());
    for (const tenant of SEED_TENANTS) {
      const organization = await keycloak.findOrganizationByAlias(tenant.alias);
      if (!organization) {
        console.error(`catalog seed: organization ${tenant.alias} not found in Keycloak; skipped`);
        continue;
      }
      const created = await runWithContext({ tenantId: organization.id, userId: 'catalog-seed' }, () =>
        seedTenant(database, products, tenant, categoryIds),
      );
      process.stdout.write(
        `catalog seed: ${tenant.alias} (${organization.id}): ${created} products created\n`,
      );
    }
  } finally {
    await mongo.close();
  }
}

async function seedCategories(
  database: CatalogDatabase,
  categories: CategoriesService,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const category of SEED_CATEGORIES) {
    const existing = await database.categories.findOne({ slug: category.slug });
    const parentId = category.parent ? ids.get(category.parent) : undefined;
    const saved =
      existing ?? (await categories.create({ name: category.name, slug: category.slug, parentId }));
    ids.set(category.slug, saved._id);
  }
  return ids;
}

async function seedTenant(
  database: CatalogDatabase,
  products: ProductsService,
  tenant: SeedTenant,
  categoryIds: Map<string, string>,
): Promise<number> {
  let created = 0;
  for (const line of tenant.lines) {
    for (const [index, color] of tenant.colors.entries()) {
      const skuBase = `${line.skuPrefix}-${color.toUpperCase().slice(0, 3)}`;
      if (
        await database.skus.findOne({ sku: { $in: line.option.values.map((v) => variantSku(skuBase, v)) } })
      )
        continue;
      const input = createProductSchema.parse(productInput(tenant, line, color, index, skuBase, categoryIds));
      const product = await products.create(input);
      await products.publish(product._id);
      created += 1;
    }
  }
  return created;
}

function productInput(
  tenant: SeedTenant,
  line: SeedLine,
  color: string,
  index: number,
  skuBase: string,
  categoryIds: Map<string, string>,
) {
  const material = line.materials[index % line.materials.length]!;
  return {
    title: `${capitalize(color)} ${line.item.toLowerCase()}`,
    description: `${line.item} in ${color}, made of ${material}. Designed to last and easy to care for.`,
    categoryId: categoryIds.get(line.category),
    currency: tenant.currency,
    attributes: [
      { name: 'color', value: color },
      { name: 'material', value: material },
    ],
    options: [line.option],
    variants: line.option.values.map((value, position) => ({
      sku: variantSku(skuBase, value),
      optionValues: [{ name: line.option.name, value }],
      priceMinor: line.price + position * 500 + index * 100,
      compareAtMinor: index === 0 ? line.price + position * 500 + 2000 : null,
    })),
    images: [],
  };
}

function variantSku(base: string, optionValue: string): string {
  return `${base}-${optionValue.replace(/[^A-Za-z0-9]+/g, '').toUpperCase()}`;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run after eval "$(platform/stack/stack env)"`);
  return value;
}

seed().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
