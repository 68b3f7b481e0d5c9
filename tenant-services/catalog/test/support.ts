import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MongoClient, type Db } from 'mongodb';
import { dataOf, graphqlClient, offboardingTestEnv } from '@marketplace/testing';
import { ulid } from 'ulid';
import { createCatalogApp } from '../src/app';
import { catalogConfigSchema } from '../src/config';

export type { GraphQLAnswer as GqlAnswer } from '@marketplace/testing';
export { waitFor } from '@marketplace/testing';

/** The catalog app in-process against the real stack, with its own MongoDB database and consumer group. */
export class CatalogHarness {
  app!: NestFastifyApplication;
  base!: string;
  db!: Db;
  private client!: MongoClient;
  /**
   * Another harness's database makes a second replica of the same catalog; `settings` override the
   * configuration (e.g. the search engine).
   */
  constructor(
    readonly database = `catalog_test_${ulid().toLowerCase()}`,
    private readonly settings: Record<string, string> = {},
  ) {}

  async start(overrides: Record<string, string> = {}): Promise<this> {
    const config = catalogConfigSchema.parse({
      ...process.env,
      ...offboardingTestEnv('catalog'),
      LOG_LEVEL: 'silent',
      MONGODB_DATABASE: this.database,
      TENANT_EVENTS_GROUP: `catalog-test-${ulid()}`,
      STOCK_EVENTS_GROUP: `catalog-test-stock-${ulid()}`,
      REVIEW_RATINGS_GROUP: `catalog-test-reviews-${ulid()}`,
      ...this.settings,
      ...overrides,
    });
    this.app = await createCatalogApp(config);
    await this.app.listen(0, '127.0.0.1');
    this.base = await this.app.getUrl();
    this.client = await MongoClient.connect(config.MONGODB_URL);
    this.db = this.client.db(this.database);
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.db?.dropDatabase();
    await this.client?.close();
  }

  gql<T = Record<string, unknown>>(query: string, variables: object = {}, token?: string) {
    return graphqlClient(this.base)<T>(query, variables as Record<string, unknown>, token);
  }

  /**
   * Rebuilds the search index from the database through the admin mutation and waits for it: for documents
   * a test stored directly, around the catalog's own writes.
   */
  async rebuildSearchIndex(adminToken: string): Promise<{ products: number }> {
    type Status = { products: number; rebuilding: boolean; builtAt: string | null };
    const started = await this.ok<{ rebuildSearchIndex: Status }>(
      'mutation { rebuildSearchIndex { products rebuilding builtAt } }',
      {},
      adminToken,
    );
    let status = started.rebuildSearchIndex;
    const before = status.builtAt;
    while (status.rebuilding || status.builtAt === before) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (
        await this.ok<{ searchIndexStatus: Status }>(
          '{ searchIndexStatus { products rebuilding builtAt } }',
          {},
          adminToken,
        )
      ).searchIndexStatus;
    }
    return status;
  }

  /** Like gql, but fails the test on any GraphQL error. */
  async ok<T = Record<string, unknown>>(query: string, variables: object = {}, token?: string): Promise<T> {
    return dataOf(await this.gql<T>(query, variables, token));
  }
}

export const PRODUCT_FIELDS =
  'id tenantId slug title status moderation minPrice maxPrice currency inStock categoryId variants { id sku priceMinor compareAtMinor }';

export const CREATE_PRODUCT = `mutation($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
export const PUBLISH_PRODUCT = `mutation($id: ID!) { publishProduct(id: $id) { id status } }`;

export interface CreatedProduct {
  id: string;
  tenantId: string;
  slug: string;
  title: string;
  status: string;
  minPrice: number;
  variants: { id: string; sku: string; priceMinor: number }[];
}

export function productInput(overrides: Record<string, unknown> = {}) {
  const sku = `SKU-${ulid()}`;
  return {
    title: 'Linen shirt',
    description: 'A breathable shirt',
    currency: 'EUR',
    attributes: [{ name: 'color', value: 'blue' }],
    options: [{ name: 'size', values: ['S', 'M'] }],
    variants: [
      { sku: `${sku}-S`, optionValues: [{ name: 'size', value: 'S' }], priceMinor: 4900 },
      {
        sku: `${sku}-M`,
        optionValues: [{ name: 'size', value: 'M' }],
        priceMinor: 5200,
        compareAtMinor: 6000,
      },
    ],
    ...overrides,
  };
}
