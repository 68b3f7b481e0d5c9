/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are asserted field by field with jest matchers. */
import { loadConfig } from '@marketplace/config';
import { outbox } from '@marketplace/events';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import { clientCredentialsToken, type TestTenant } from '@marketplace/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { asc, type SQL } from 'drizzle-orm';
import mysql from 'mysql2/promise';
import { ulid } from 'ulid';
import { AppModule as CartAppModule } from '../../cart/src/app.module';
import { cartConfigSchema } from '../../cart/src/config';
import { type FixtureCatalogState, startFixtureCatalog } from '../../cart/test/fixture-catalog';
import { AppModule as InventoryAppModule } from '../../inventory/src/app.module';
import { configSchema as inventoryConfigSchema } from '../../inventory/src/config';
import { AppModule as PaymentsAppModule } from '../../payments/src/app.module';
import { configSchema as paymentsConfigSchema } from '../../payments/src/config';
import { signedWebhook } from '../../payments/test/support';
import { AppModule } from '../src/app.module';
import { SagaSweeper } from '../src/checkout/saga-sweeper';
import { configSchema, type OrdersConfig } from '../src/config';

export interface GraphQLAnswer<T = Record<string, any>> {
  data: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

interface RunningApp {
  app: NestFastifyApplication;
  baseUrl: string;
  database: string;
  mysqlUrl: string;
}

/** A service in-process on a random port with a database of its own. */
async function start(module: Parameters<typeof createServiceApp>[0], database: string, mysqlUrl: string) {
  const app: NestFastifyApplication = await createServiceApp(module);
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: await app.getUrl(), database, mysqlUrl } satisfies RunningApp;
}

async function stop(running: RunningApp): Promise<void> {
  await running.app.close();
  const connection = await mysql.createConnection(running.mysqlUrl);
  await connection.query(`DROP DATABASE IF EXISTS \`${running.database}\``);
  await connection.end();
}

async function graphql(baseUrl: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: GraphQLAnswer['errors'] };
  return { data: body.data ?? null, ...(body.errors ? { errors: body.errors } : {}) } as GraphQLAnswer<any>;
}

type InternalCall = (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>;

function internalCall(baseUrl: string, token: string): InternalCall {
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: await response.json() };
  };
}

export interface CheckoutStack {
  orders: RunningApp & { config: OrdersConfig; sweeper: SagaSweeper; db: MySqlDatabase };
  /** Orders service over GraphQL. */
  gql(query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLAnswer<any>>;
  /** What the (stand-in) catalog serves to the cart service. */
  catalog: FixtureCatalogState;
  /** Puts each line's product in the catalog and adds it to the buyer's cart (the cart snapshots the price). */
  fillCart(token: string, lines: CheckoutLine[]): Promise<void>;
  /** The buyer checks out the cart. */
  checkout(token: string, idempotencyKey?: string, shippingAddress?: unknown): Promise<GraphQLAnswer<any>>;
  inventoryGql(query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLAnswer<any>>;
  paymentsGql(query: string, variables: Record<string, unknown>, token: string): Promise<GraphQLAnswer<any>>;
  /** Internal payments REST as the platform services client. */
  payments: InternalCall;
  /** Posts a provider webhook to payments, signed as Stripe signs it. */
  paymentsWebhook(event: {
    type: string;
    object: Record<string, unknown>;
  }): Promise<{ status: number; body: any }>;
  /** Internal inventory REST (reservations) as the platform services client. */
  inventory: InternalCall;
  outboxEvents(key: string): Promise<{ type: string; tenantId: string | null; payload: any }[]>;
  count(query: SQL): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real payments (test provider) and inventory services in-process, and the orders service calling them
 * over HTTP with a real services-client token; each with its own database and consumer groups.
 */
export async function startCheckoutStack(overrides: Record<string, string> = {}): Promise<CheckoutStack> {
  const run = ulid().toLowerCase();
  const paymentsConfig = loadConfig(paymentsConfigSchema, {
    ...process.env,
    MYSQL_DATABASE: `orders_test_payments_${run}`,
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MS: '0',
    PAYMENT_PROVIDER: 'test',
  });
  const inventoryConfig = loadConfig(inventoryConfigSchema, {
    ...process.env,
    MYSQL_DATABASE: `orders_test_inventory_${run}`,
    LOG_LEVEL: 'silent',
    RESERVATION_SWEEP_INTERVAL_MS: '0',
  });
  const payments = await start(
    PaymentsAppModule.forRoot(paymentsConfig),
    paymentsConfig.MYSQL_DATABASE,
    paymentsConfig.MYSQL_URL,
  );
  const inventory = await start(
    InventoryAppModule.forRoot(inventoryConfig),
    inventoryConfig.MYSQL_DATABASE,
    inventoryConfig.MYSQL_URL,
  );
  const catalog = await startFixtureCatalog();
  const cartConfig = cartConfigSchema.parse({
    ...process.env,
    LOG_LEVEL: 'silent',
    CART_KEY_PREFIX: `orders-test-cart-${run}`,
    CATALOG_URL: catalog.url,
  });
  const cart = await createServiceApp(await CartAppModule.forRoot(cartConfig));
  await cart.listen(0, '127.0.0.1');
  const cartUrl = await cart.getUrl();
  const config = loadConfig(configSchema, {
    ...process.env,
    MYSQL_DATABASE: `orders_test_${run}`,
    LOG_LEVEL: 'silent',
    SAGA_SWEEP_INTERVAL_MS: '0',
    PAYMENTS_URL: payments.baseUrl,
    CART_URL: cartUrl,
    INVENTORY_URL: inventory.baseUrl,
    PAYMENT_EVENTS_GROUP: `orders-test-payments-${run}`,
    TENANT_EVENTS_GROUP: `orders-test-tenants-${run}`,
    ...overrides,
  });
  const orders = await start(AppModule.forRoot(config), config.MYSQL_DATABASE, config.MYSQL_URL);
  const db = orders.app.get(MySqlDatabase);
  const servicesToken = await clientCredentialsToken(
    config.KEYCLOAK_SERVICES_CLIENT_ID,
    config.KEYCLOAK_SERVICES_CLIENT_SECRET,
  );

  return {
    orders: { ...orders, config, sweeper: orders.app.get(SagaSweeper), db },
    gql: (query, variables, token) => graphql(orders.baseUrl, query, variables, token),
    catalog: catalog.state,
    async fillCart(token, lines) {
      for (const line of lines) {
        catalog.state.put({
          id: line.productId,
          tenantId: line.tenantId,
          title: line.title,
          status: 'published',
          moderation: 'none',
          currency: line.currency,
          inStock: true,
          categoryId: line.categoryId ?? null,
          variants: [{ id: `${line.productId}-v`, sku: line.sku, priceMinor: line.unitPrice }],
        });
        const added = await graphql(
          cartUrl,
          ADD_TO_CART,
          { variant: { productId: line.productId, sku: line.sku }, quantity: line.quantity },
          token,
        );
        if (added.errors) throw new Error(`addToCart failed: ${JSON.stringify(added.errors)}`);
      }
    },
    checkout: (token, idempotencyKey = `key-${ulid()}`, shippingAddress = ADDRESS) =>
      graphql(orders.baseUrl, CHECKOUT, { input: { idempotencyKey, shippingAddress } }, token),
    inventoryGql: (query, variables, token) => graphql(inventory.baseUrl, query, variables, token),
    paymentsGql: (query, variables, token) => graphql(payments.baseUrl, query, variables, token),
    payments: internalCall(payments.baseUrl, servicesToken),
    inventory: internalCall(inventory.baseUrl, servicesToken),
    async paymentsWebhook(event) {
      const signed = signedWebhook(event, paymentsConfig.STRIPE_WEBHOOK_SECRET);
      const response = await fetch(`${payments.baseUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
        body: signed.payload,
      });
      return { status: response.status, body: await response.json() };
    },
    async outboxEvents(key) {
      const rows = await db.db.select().from(outbox).orderBy(asc(outbox.id));
      return rows
        .filter((row) => row.key === key)
        .map((row) => JSON.parse(row.envelope) as { type: string; tenantId: string | null; payload: any });
    },
    async count(query) {
      const [rows] = await db.db.execute(query);
      return Number((rows as unknown as { n: number }[])[0]?.n ?? 0);
    },
    async close() {
      await stop(orders);
      await stop(inventory);
      await stop(payments);
      await cart.close();
      await catalog.app.close();
    },
  };
}

export const SET_STOCK = `mutation($input: SetStockInput!) { setStock(input: $input) { sku onHand reserved available } }`;
export const STOCK_LEVELS = `query($sku: String) { stockLevels(first: 50, sku: $sku) { nodes { onHand reserved available } } }`;
export const START_ONBOARDING = `mutation($input: StartPayoutOnboardingInput!) {
  startPayoutOnboarding(input: $input) { account { accountId } }
}`;

const SELLER_ORDER_FIELDS = `id status subtotal currency commissionBps carrier trackingNumber
  shipTo { name line1 postalCode city country } lines { sku quantity unitPrice }`;
const BUYER_ORDER_FIELDS = `id status currency total failureReason shippingAddress { name city }
  sellerOrders { id tenantId status subtotal carrier trackingNumber lines { sku quantity unitPrice } }`;

export const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { ${BUYER_ORDER_FIELDS} paymentClientSecret } }`;
const ADD_TO_CART = `mutation($variant: CartVariantInput!, $quantity: Int!) { addToCart(variant: $variant, quantity: $quantity) { itemCount } }`;
export const MY_ORDER = `query($id: ID!) { myOrder(id: $id) { ${BUYER_ORDER_FIELDS} } }`;
export const MY_ORDERS = `query($first: Int, $after: String) {
  myOrders(first: $first, after: $after) { nodes { id status } pageInfo { endCursor hasNextPage } }
}`;
export const SELLER_ORDERS = `query($status: String, $first: Int, $after: String) {
  sellerOrders(status: $status, first: $first, after: $after) { nodes { ${SELLER_ORDER_FIELDS} } pageInfo { endCursor hasNextPage } }
}`;
export const SELLER_ORDER = `query($id: ID!) { sellerOrder(id: $id) { ${SELLER_ORDER_FIELDS} } }`;
export const MARK_FULFILLED = `mutation($id: ID!) { markFulfilled(id: $id) { id status } }`;
export const MARK_SHIPPED = `mutation($id: ID!, $carrier: String!, $trackingNumber: String!) {
  markShipped(id: $id, carrier: $carrier, trackingNumber: $trackingNumber) { id status carrier trackingNumber }
}`;
export const MARK_DELIVERED = `mutation($id: ID!) { markDelivered(id: $id) { id status } }`;
export const ADMIN_ORDERS = `query($first: Int, $after: String) {
  orders(first: $first, after: $after) { nodes { id buyerId status total sellerOrders { tenantId } } pageInfo { endCursor hasNextPage } }
}`;

export const ADDRESS = {
  name: 'Ada Buyer',
  line1: 'Hauptstraße 1',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
};

export interface CheckoutLine {
  tenantId: string;
  productId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: number;
  currency: string;
  categoryId?: string | null;
}

/** A cart line of a product of its own (the catalog stand-in serves it). */
export function line(
  seller: TestTenant,
  sku: string,
  quantity: number,
  unitPrice: number,
  categoryId: string | null = null,
): CheckoutLine {
  return {
    categoryId,
    tenantId: seller.tenantId,
    productId: ulid(),
    sku,
    title: `Item ${sku}`,
    quantity,
    unitPrice,
    currency: 'EUR',
  };
}

export function errorCode(answer: GraphQLAnswer): string | undefined {
  return answer.errors?.[0]?.extensions?.code;
}
