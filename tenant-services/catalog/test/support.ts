import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MongoClient, type Db } from 'mongodb';
import { dataOf, graphqlClient, offboardingTestEnv, testDatabaseName } from '@marketplace/testing';
import { startChildService, type ChildService } from '../../../platform/e2e/src/child-service';
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

/**
 * The real media service, in its own process (catalog and media both name a GraphQL type Media, and code-first
 * type metadata is per process) on a database of its own: product images are its uploads (ADR 0039). Give a
 * catalog its `url` as MEDIA_URL.
 */
export class MediaHarness {
  readonly database = testDatabaseName('media');
  private service: ChildService | undefined;

  async start(): Promise<this> {
    this.service = await startChildService('tenant-services/media', {
      ...offboardingTestEnv('media'),
      LOG_LEVEL: 'warn',
      MONGODB_DATABASE: this.database,
      MEDIA_KEY_PREFIX: `test-media/${this.database}`,
      MEDIA_OUTBOX_RELAY: 'false',
    });
    return this;
  }

  get url(): string {
    return this.service!.url;
  }

  /** Starts an upload: a pending media is already its owner's (the ownership check is the same once it is ready). */
  async upload(
    token: string,
    purpose: 'PRODUCT_IMAGE' | 'REVIEW_PHOTO' = 'PRODUCT_IMAGE',
    filename = 'photo.png',
  ): Promise<string> {
    const answer = await graphqlClient(this.url)<{ createUpload: { mediaId: string } }>(
      'mutation ($input: CreateUploadInput!) { createUpload(input: $input) { mediaId } }',
      { input: { purpose, contentType: 'image/png', sizeBytes: 1000, filename } },
      token,
    );
    return dataOf(answer).createUpload.mediaId;
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    const mongo = await MongoClient.connect(process.env.MONGODB_URL!);
    await mongo.db(this.database).dropDatabase();
    await mongo.close();
  }
}
