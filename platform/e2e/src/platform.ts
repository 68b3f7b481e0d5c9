import { loadConfig } from '@marketplace/config';
import { createGateway, gatewayConfigSchema, type Gateway } from '@marketplace/gateway';
import { clientCredentialsToken, offboardingTestEnv } from '@marketplace/testing';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { startChildService, type ChildService } from './child-service';
import { mapConcurrently } from './concurrency';
import { graphqlCall, type GraphqlAnswer } from './graphql-client';

/** Where each part of the running platform answers. */
export interface PlatformUrls {
  gateway: string;
  catalog: string;
  cart: string;
  inventory: string;
  payments: string;
  orders: string;
  /** Only when started with `reviews: true`. */
  reviews?: string;
  /** Present when started with `notifications: true`. */
  notifications?: string;
  /** Present when started with `tenants: true`. */
  tenants?: string;
  /** Present when started with `media: true`. */
  media?: string;
  /** Present when started with `webhooks: true`. */
  webhooks?: string;
}

export interface RunningPlatform {
  urls: PlatformUrls;
  /** Unique per run: database names, key prefixes and consumer groups carry it. */
  run: string;
  /** GraphQL through the gateway, as the token's owner (anonymous without one). */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphqlAnswer<T>>;
  /** The payments service's internal REST, as the platform services client (what the saga uses). */
  paymentsInternal<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Extra settings of the orders service (e.g. a saga sweep interval). */
  orders?: Record<string, string>;
  /** Extra settings of the cart service (e.g. a short anonymous cart expiry for benchmarks). */
  cart?: Record<string, string>;
  /** Also runs the reviews service (own MongoDB database) and composes its subgraph. */
  reviews?: boolean;
  /** Also run the notifications service (feed, e-mail, live events) behind the gateway. */
  notifications?: boolean;
  /** Also run the tenants service (organizations, staff, API clients, audit) behind the gateway. */
  tenants?: boolean;
  /** Also run the media service (own MongoDB database, own S3 key prefix) behind the gateway. */
  media?: boolean;
  /** Also run the webhooks service (endpoints, deliveries) behind the gateway. */
  webhooks?: boolean;
  /** Also run tenants, media and webhooks: with the others, every service that holds a seller's data. */
  offboarding?: boolean;
  /** Every other setting of the gateway (e.g. rate limits). */
  gateway?: Record<string, string>;
  /** Settings of every service (e.g. TENANT_STATUS_ASSUME_ACTIVE=false for a suite whose sellers all sign up). */
  services?: Record<string, string>;
  /** A folder (created if missing) where each service process's output goes, as `<service>.log`. */
  logDir?: string;
}

/** Every subgraph `npm start` composes: what a suite over the whole public API starts. */
export const WHOLE_PLATFORM: PlatformOptions = {
  reviews: true,
  notifications: true,
  tenants: true,
  media: true,
  webhooks: true,
};

/** Budget of a suite's beforeAll/afterAll: five service processes start (or stop) on a possibly busy machine. */
export const BOOT_TIMEOUT_MS = 180_000;

const SUBGRAPH_NAMES = ['catalog', 'cart', 'inventory', 'payments', 'orders'] as const;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run eval "$(platform/stack/stack env)" first`);
  return value;
}

async function dropMySqlDatabases(databases: string[]): Promise<void> {
  const connection = await mysql.createConnection(requiredEnv('MYSQL_URL'));
  try {
    for (const database of databases) await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
}

async function dropMongoDatabase(database: string): Promise<void> {
  const mongo = await MongoClient.connect(requiredEnv('MONGODB_URL'));
  try {
    await mongo.db(database).dropDatabase();
  } finally {
    await mongo.close();
  }
}

/**
 * GraphQL through the gateway and the payments service's internal REST as the platform services client (the
 * identity the saga presents), for a platform however it was started.
 */
export async function platformClient(
  gatewayUrl: string,
  paymentsUrl: string,
): Promise<Pick<RunningPlatform, 'gql' | 'paymentsInternal'>> {
  const servicesToken = await clientCredentialsToken(
    process.env.KEYCLOAK_SERVICES_CLIENT_ID ?? 'marketplace-services',
    requiredEnv('KEYCLOAK_SERVICES_CLIENT_SECRET'),
  );
  return {
    gql: (query, variables = {}, token) => graphqlCall(gatewayUrl, query, variables, token),
    async paymentsInternal<T>(method: 'GET' | 'POST', path: string, body?: unknown) {
      const response = await fetch(`${paymentsUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${servicesToken}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
  };
}

/**
 * The whole platform for a suite: the one at E2E_GATEWAY_URL (and E2E_PAYMENTS_URL) when set, left running
 * afterwards (to iterate on a suite without booting ten services each time), otherwise a new one.
 */
export async function wholePlatform(env: NodeJS.ProcessEnv = process.env): Promise<RunningPlatform> {
  const gateway = env.E2E_GATEWAY_URL;
  if (!gateway) return startPlatform(WHOLE_PLATFORM);
  const payments = requiredEnv('E2E_PAYMENTS_URL');
  return {
    urls: { gateway, payments, catalog: '', cart: '', inventory: '', orders: '' },
    run: 'attached',
    ...(await platformClient(gateway, payments)),
    close: async () => undefined,
  };
}

/**
 * The checkout path of the platform against the real local servers, each service in its own process as
 * `npm start` runs it (NestJS keeps code-first GraphQL types per process, so services sharing one would leak
 * types into each other's subgraphs): the real catalog (own MongoDB database), inventory, payments (test
 * provider), cart (reading the real catalog), orders (the saga; the test provider confirms synchronously) and,
 * in this process, the gateway composing their subgraphs. Every database, key prefix and consumer group is
 * unique to the run, so runs never meet.
 */
export async function startPlatform(wanted: PlatformOptions = {}): Promise<RunningPlatform> {
  const options = wanted.offboarding ? { ...wanted, tenants: true, media: true, webhooks: true } : wanted;
  const run = ulid().toLowerCase();
  const children: ChildService[] = [];
  let gateway: Gateway | undefined;
  const databases = {
    catalog: `e2e_catalog_${run}`,
    inventory: `e2e_inventory_${run}`,
    payments: `e2e_payments_${run}`,
    orders: `e2e_orders_${run}`,
    reviews: `e2e_reviews_${run}`,
    notifications: `e2e_notifications_${run}`,
    tenants: `e2e_tenants_${run}`,
    media: `e2e_media_${run}`,
    webhooks: `e2e_webhooks_${run}`,
  };
  let tenantsUrl: string | undefined;
  const child = async (directory: string, env: Record<string, string>) => {
    // Each boot gets the suite's budget: several boot at once on a machine other work may be keeping busy.
    const started = await startChildService(
      directory,
      {
        LOG_LEVEL: 'warn',
        ...offboardingTestEnv(directory.split('/').at(-1)!, { participant: Boolean(wanted.offboarding) }),
        // Sellers of these suites are organizations made by token claims, unknown to any tenants service (ADR 0048).
        TENANT_STATUS_ASSUME_ACTIVE: 'true',
        ...(tenantsUrl ? { TENANTS_URL: tenantsUrl } : {}),
        ...options.services,
        ...env,
      },
      BOOT_TIMEOUT_MS,
      'PORT',
      options.logDir ? join(options.logDir, `${directory.split('/').at(-1)!}.log`) : undefined,
    );
    children.push(started);
    return started.url;
  };

  const close = async () => {
    await gateway?.close();
    await Promise.all(children.map((service) => service.stop()));
    await dropMongoDatabase(databases.catalog);
    if (options.reviews) await dropMongoDatabase(databases.reviews);
    if (options.media) await dropMongoDatabase(databases.media);
    await dropMySqlDatabases([
      databases.inventory,
      databases.payments,
      databases.orders,
      ...(options.notifications ? [databases.notifications] : []),
      ...(options.tenants ? [databases.tenants] : []),
      ...(options.webhooks ? [databases.webhooks] : []),
    ]);
  };

  try {
    if (options.logDir) await mkdir(options.logDir, { recursive: true });
    // Every service asks the tenants service for seller statuses: it boots first when it runs.
    const tenants = options.tenants
      ? await child('tenant-services/tenants', {
          MYSQL_DATABASE: databases.tenants,
          AUDIT_EVENTS_GROUP: `e2e-tenants-audit-${run}`,
        })
      : undefined;
    tenantsUrl = tenants;
    // The catalog asks media whether a product's images are the seller's own: media boots first when it runs.
    const media = options.media
      ? await child('tenant-services/media', {
          MONGODB_DATABASE: databases.media,
          MEDIA_KEY_PREFIX: `e2e-media-${run}`,
        })
      : undefined;
    const [catalog, inventory, payments] = await Promise.all([
      child('tenant-services/catalog', {
        ...(media ? { MEDIA_URL: media } : {}),
        MONGODB_DATABASE: databases.catalog,
        MYSQL_DATABASE: 'catalog_test',
        TENANT_EVENTS_GROUP: `e2e-catalog-tenants-${run}`,
        STOCK_EVENTS_GROUP: `e2e-catalog-stock-${run}`,
        REVIEW_RATINGS_GROUP: `e2e-catalog-reviews-${run}`,
        REVIEW_RATINGS_START: 'latest',
      }),
      child('tenant-services/inventory', {
        MYSQL_DATABASE: databases.inventory,
        RESERVATION_SWEEP_INTERVAL_MS: '0',
      }),
      child('tenant-services/payments', {
        MYSQL_DATABASE: databases.payments,
        PAYMENT_PROVIDER: 'test',
        SWEEP_INTERVAL_MS: '0',
        TENANT_EVENTS_GROUP: `e2e-payments-tenants-${run}`,
      }),
    ]);
    // Cart (which orders needs) and the optional services need only the ones above: they boot three at a time.
    const optionalChild = (wanted: boolean | undefined, directory: string, env: Record<string, string>) =>
      wanted ? () => child(directory, env) : () => Promise.resolve(undefined);
    const [cart, [reviews, notifications, webhooks]] = await Promise.all([
      child('tenant-services/cart', {
        CART_KEY_PREFIX: `e2e-cart-${run}`,
        CATALOG_URL: `${catalog}/graphql`,
        ...options.cart,
      }),
      mapConcurrently(
        [
          optionalChild(options.reviews, 'tenant-services/reviews', {
            MONGODB_DATABASE: databases.reviews,
            REVIEWS_SOURCE_EVENTS_GROUP: `e2e-reviews-sources-${run}`,
            REVIEWS_RATINGS_GROUP: `e2e-reviews-ratings-${run}`,
            // A new group reads from the end: this run's orders only, not every earlier run's history.
            REVIEWS_EVENTS_START_FROM: 'latest',
          }),
          optionalChild(options.notifications, 'tenant-services/notifications', {
            MYSQL_DATABASE: databases.notifications,
            EVENTS_GROUP: `e2e-notifications-${run}`,
            LIVE_KEY_PREFIX: `e2e-notifications-${run}`,
          }),
          optionalChild(options.webhooks, 'tenant-services/webhooks', {
            MYSQL_DATABASE: databases.webhooks,
            WEBHOOK_EVENTS_GROUP: `e2e-webhooks-${run}`,
            WEBHOOK_EVENTS_START_FROM: 'latest',
          }),
        ],
        2,
        (start) => start(),
      ),
    ]);
    const orders = await child('tenant-services/orders', {
      MYSQL_DATABASE: databases.orders,
      SAGA_SWEEP_INTERVAL_MS: '0',
      CONFIRM_PAYMENT_ON_CHECKOUT: 'true',
      CART_URL: cart,
      INVENTORY_URL: inventory,
      PAYMENTS_URL: payments,
      PAYMENT_EVENTS_GROUP: `e2e-orders-payments-${run}`,
      TENANT_EVENTS_GROUP: `e2e-orders-tenants-${run}`,
      ...options.orders,
    });
    const optional = { reviews, notifications, tenants, media, webhooks };
    const urls: PlatformUrls = { catalog, cart, inventory, payments, orders, gateway: '' };
    const subgraphs: [string, string][] = SUBGRAPH_NAMES.map((name): [string, string] => [name, urls[name]]);
    for (const [name, url] of Object.entries(optional))
      if (url) {
        urls[name as keyof typeof optional] = url;
        subgraphs.push([name, url]);
      }

    const gatewayConfig = loadConfig(gatewayConfigSchema, {
      ...process.env,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      SUBGRAPHS: subgraphs.map(([name, url]) => `${name}=${url}`).join(','),
      RATE_LIMIT_KEY_PREFIX: `e2e:gateway:${run}`,
      IDEMPOTENCY_KEY_PREFIX: `e2e:gateway:${run}:idempotency`,
      // Hundreds of buyers share one loopback address here; the limits themselves are the gateway's own tests' concern.
      RATE_LIMIT_TENANT: '1000000',
      RATE_LIMIT_USER: '1000000',
      RATE_LIMIT_ANONYMOUS: '1000000',
      SUBGRAPH_TIMEOUT_MS: '30000',
      ...options.gateway,
    });
    gateway = createGateway(gatewayConfig);
    await gateway.start();
    // On a busy machine a ready subgraph may still miss the first composition's deadline: refresh for two minutes.
    const fullyComposed = () => {
      const { errors, composed } = gateway!.supergraph.status();
      return errors.length === 0 && composed.length === subgraphs.length;
    };
    for (const deadline = Date.now() + 120_000; !fullyComposed() && Date.now() < deadline;)
      await gateway.supergraph.refresh();
    const composition = gateway.supergraph.status();
    if (!fullyComposed())
      throw new Error(`The gateway did not compose the subgraphs: ${JSON.stringify(composition)}`);
    const gatewayUrl = await gateway.app.listen({ port: 0, host: '127.0.0.1' });

    return {
      urls: { ...urls, gateway: gatewayUrl },
      run,
      ...(await platformClient(gatewayUrl, payments)),
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
