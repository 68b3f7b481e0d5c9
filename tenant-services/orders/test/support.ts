import { loadConfig } from '@marketplace/config';
import { createServiceApp, MySqlDatabase } from '@marketplace/service-kit';
import {
  type GraphQLAnswer,
  type GraphQLClient,
  type Loose,
  outboxEnvelopes,
  type OutboxEnvelope,
  restClient,
  type RestAnswer,
  type RestClient,
  serviceToken,
  dropsOwnDatabase,
  startServiceUnderTest,
  testServiceEnv,
  type ServiceUnderTest,
  type TestTenant,
} from '@marketplace/testing';
import type { SQL } from 'drizzle-orm';
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
import type { CartLine } from '../src/downstream/cart.client';
import { SagaSweeper } from '../src/checkout/saga-sweeper';
import { configSchema, type OrdersConfig } from '../src/config';

export { errorCode, type GraphQLAnswer } from '@marketplace/testing';

/** A service in-process on a random port with a database of its own. */
function start(
  module: Parameters<typeof createServiceApp>[0],
  config: { MYSQL_URL: string; MYSQL_DATABASE: string },
): Promise<ServiceUnderTest> {
  return startServiceUnderTest(() => createServiceApp(module), dropsOwnDatabase(config));
}

export interface CheckoutStack {
  orders: ServiceUnderTest & { config: OrdersConfig; sweeper: SagaSweeper; db: MySqlDatabase };
  /** Orders service over GraphQL. */
  gql: GraphQLClient;
  /** What the (stand-in) catalog serves to the cart service. */
  catalog: FixtureCatalogState;
  /** Puts each line's product in the catalog and adds it to the buyer's cart (the cart snapshots the price). */
  fillCart(token: string, lines: CheckoutLine[]): Promise<void>;
  /** The cart service's own address (orders may reach it through `CART_URL` set to a relay) and its API. */
  cartUrl: string;
  cartGql: GraphQLClient;
  /** The cart service's Redis key prefix (`CART_KEY_PREFIX`). */
  cartKeyPrefix: string;
  /** The buyer checks out the cart. */
  checkout(token: string, idempotencyKey?: string, shippingAddress?: unknown): Promise<GraphQLAnswer<Loose>>;
  /** The inventory service's own address (orders may reach it through `INVENTORY_URL` set to a relay). */
  inventoryUrl: string;
  inventoryGql: GraphQLClient;
  paymentsGql: GraphQLClient;
  /** Internal payments REST as the platform services client. */
  payments: RestClient;
  /** Posts a provider webhook to payments, signed as Stripe signs it. */
  paymentsWebhook(event: { type: string; object: Record<string, unknown> }): Promise<RestAnswer<Loose>>;
  /** Internal inventory REST (reservations) as the platform services client. */
  inventory: RestClient;
  outboxEvents(key: string): Promise<OutboxEnvelope[]>;
  count(query: SQL): Promise<number>;
  close(): Promise<void>;
}

/**
 * The real payments (test provider) and inventory services in-process, and the orders service calling them
 * over HTTP with a real services-client token; each with its own database and consumer groups.
 */
export async function startCheckoutStack(overrides: Record<string, string> = {}): Promise<CheckoutStack> {
  const run = ulid().toLowerCase();
  const paymentsConfig = loadConfig(
    paymentsConfigSchema,
    testServiceEnv('orders_payments', { SWEEP_INTERVAL_MS: '0', PAYMENT_PROVIDER: 'test' }),
  );
  const inventoryConfig = loadConfig(
    inventoryConfigSchema,
    testServiceEnv('orders_inventory', { RESERVATION_SWEEP_INTERVAL_MS: '0' }),
  );
  const payments = await start(PaymentsAppModule.forRoot(paymentsConfig), paymentsConfig);
  const inventory = await start(InventoryAppModule.forRoot(inventoryConfig), inventoryConfig);
  const catalog = await startFixtureCatalog();
  const cartConfig = cartConfigSchema.parse(
    testServiceEnv('cart', { CART_KEY_PREFIX: `orders-test-cart-${run}`, CATALOG_URL: catalog.url }),
  );
  const cart = await startServiceUnderTest(async () =>
    createServiceApp(await CartAppModule.forRoot(cartConfig)),
  );
  const cartUrl = cart.baseUrl;
  const config = loadConfig(configSchema, {
    ...testServiceEnv('orders'),
    SAGA_SWEEP_INTERVAL_MS: '0',
    PAYMENTS_URL: payments.baseUrl,
    CART_URL: cartUrl,
    INVENTORY_URL: inventory.baseUrl,
    PAYMENT_EVENTS_GROUP: `orders-test-payments-${run}`,
    TENANT_EVENTS_GROUP: `orders-test-tenants-${run}`,
    ...overrides,
  });
  const orders = await start(AppModule.forRoot(config), config);
  const db = orders.app.get(MySqlDatabase);
  const servicesToken = await serviceToken();

  return {
    orders: { ...orders, config, sweeper: orders.app.get(SagaSweeper), db },
    gql: orders.gql,
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
        const added = await cart.gql(
          ADD_TO_CART,
          { variant: { productId: line.productId, sku: line.sku }, quantity: line.quantity },
          token,
        );
        if (added.errors) throw new Error(`addToCart failed: ${JSON.stringify(added.errors)}`);
      }
    },
    cartUrl,
    cartGql: cart.gql,
    cartKeyPrefix: cartConfig.CART_KEY_PREFIX,
    checkout: (token, idempotencyKey = `key-${ulid()}`, shippingAddress = ADDRESS) =>
      orders.gql(CHECKOUT, { input: { idempotencyKey, shippingAddress } }, token),
    inventoryGql: inventory.gql,
    inventoryUrl: inventory.baseUrl,
    paymentsGql: payments.gql,
    payments: restClient(payments.baseUrl, servicesToken),
    inventory: restClient(inventory.baseUrl, servicesToken),
    async paymentsWebhook(event) {
      const signed = signedWebhook(event, paymentsConfig.STRIPE_WEBHOOK_SECRET);
      const response = await fetch(`${payments.baseUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signed.signature },
        body: signed.payload,
      });
      return { status: response.status, body: (await response.json()) as Loose };
    },
    outboxEvents: (key) => outboxEnvelopes(db.db, { key }),
    async count(query) {
      const [rows] = await db.db.execute(query);
      return Number((rows as unknown as { n: number }[])[0]?.n ?? 0);
    },
    async close() {
      await orders.close();
      await inventory.close();
      await payments.close();
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

export const CHECKOUT = `mutation($input: CheckoutInput!) { checkout(input: $input) { ${BUYER_ORDER_FIELDS} paymentClientSecret paymentProvider paymentPublishableKey } }`;
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

const ONBOARDING_LINKS = {
  returnUrl: 'https://seller.example.test/done',
  refreshUrl: 'https://seller.example.test/retry',
};

/** `onHand` units of a sku of the seller's (a new one unless given); returns the sku. */
export async function stockUp(
  stack: CheckoutStack,
  token: string,
  onHand: number,
  sku = `SKU-${ulid()}`,
): Promise<string> {
  const answer = await stack.inventoryGql(SET_STOCK, { input: { sku, onHand, reason: 'test stock' } }, token);
  if (answer.errors) throw new Error(`setStock failed: ${JSON.stringify(answer.errors)}`);
  return sku;
}

/** The seller gets a payout account (test provider), so that checkouts can transfer its share. */
export async function onboardSeller(stack: CheckoutStack, token: string): Promise<void> {
  const answer = await stack.paymentsGql(START_ONBOARDING, { input: ONBOARDING_LINKS }, token);
  if (answer.errors) throw new Error(`startPayoutOnboarding failed: ${JSON.stringify(answer.errors)}`);
}

export const ADDRESS = {
  name: 'Ada Buyer',
  line1: 'Hauptstraße 1',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
};

/** A line of the buyer's cart as checkout reads it from the cart service. */
export type CheckoutLine = CartLine;

/** A cart line of a product of its own (the catalog stand-in serves it). */
export function line(
  seller: Pick<TestTenant, 'tenantId'>,
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
