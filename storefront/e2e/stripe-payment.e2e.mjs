// Browser test of the Stripe payment path (ADR 0024) in headless Chromium: a buyer pays a two-seller cart in the
// Payment Element, a declined card and a failed 3-D Secure check are shown with a retry on the same PaymentIntent,
// and the order is paid only once payments has the signed `payment_intent.succeeded` webhook.
//
// It starts what must differ from `npm start` on free ports: payments with the Stripe provider (the real `stripe`
// SDK against stripe-mock) and orders with confirm-on-checkout off, each on a database and consumer groups of its
// own; a gateway composing them with the running tenants, media, catalog, cart and inventory (TENANTS_URL,
// MEDIA_URL, CATALOG_URL, CART_URL, INVENTORY_URL, default: the ports of `npm start`); and the built SSR
// storefront. Stripe.js is the stand-in of stripe-stand-in.mjs. Everything it starts stops with it.
/* global process, console, fetch, URLSearchParams */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  allowKeycloakRedirects,
  checkAtEveryWidth,
  createKeycloakUser,
  freePort,
  graphql,
  keycloakUrl,
  launchChromium,
  realm,
  signInOnKeycloak,
  startDeployable,
  startServer,
  stepRunner,
  userToken,
} from '@marketplace/browser-testing';
import { archiveProduct, publishTestProduct } from './catalog-fixtures.mjs';
import { installStripeStandIn, TEST_CARDS } from './stripe-stand-in.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..');
const artifacts = join(root, 'test-artifacts', 'stripe');
const run = randomBytes(4).toString('hex');

const running = {
  tenants: process.env.TENANTS_URL ?? 'http://127.0.0.1:4101',
  media: process.env.MEDIA_URL ?? 'http://127.0.0.1:4103',
  catalog: process.env.CATALOG_URL ?? 'http://127.0.0.1:4102',
  cart: process.env.CART_URL ?? 'http://127.0.0.1:4105',
  inventory: process.env.INVENTORY_URL ?? 'http://127.0.0.1:4106',
};
const webhookSecret = `whsec_storefront_e2e_${run}`;
const publishableKey = `pk_test_storefronte2e${run}`;

let page;
const { step, summary } = stepRunner(artifacts, () => page);

/** The payments service's internal REST as the platform services client (the identity the saga presents). */
async function servicesToken() {
  const response = await fetch(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: process.env.KEYCLOAK_SERVICES_CLIENT_ID ?? 'marketplace-services',
      client_secret: process.env.KEYCLOAK_SERVICES_CLIENT_SECRET ?? 'marketplace-services-secret',
    }),
  });
  if (!response.ok) throw new Error(`services token: ${response.status}`);
  return (await response.json()).access_token;
}

const MY_ORDER = `query MyOrder($id: ID!) { myOrder(id: $id) { id status total sellerOrders { status } } }`;

const started = [];
const published = [];
let browser;
let upstream;
try {
  // Databases and consumer groups of this suite only, reused run after run (migrations are idempotent), so the
  // services it starts never share work with the platform's own payments and orders.
  const common = { LOG_LEVEL: 'warn', NODE_ENV: 'test' };
  const payments = await startDeployable(join(repo, 'tenant-services/payments'), {
    ...common,
    MYSQL_DATABASE: 'storefront_e2e_payments',
    PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: 'sk_test_storefronte2e',
    STRIPE_PUBLISHABLE_KEY: publishableKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    TENANT_EVENTS_GROUP: 'storefront-e2e-payments-tenants',
  });
  started.push(payments);
  const orders = await startDeployable(join(repo, 'tenant-services/orders'), {
    ...common,
    MYSQL_DATABASE: 'storefront_e2e_orders',
    CONFIRM_PAYMENT_ON_CHECKOUT: 'false',
    CART_URL: running.cart,
    INVENTORY_URL: running.inventory,
    PAYMENTS_URL: payments.url,
    PAYMENT_EVENTS_GROUP: 'storefront-e2e-orders-payments',
    TENANT_EVENTS_GROUP: 'storefront-e2e-orders-tenants',
  });
  started.push(orders);
  const subgraphs = { ...running, orders: orders.url, payments: payments.url };
  const gateway = await startDeployable(
    join(repo, 'platform/gateway'),
    {
      ...common,
      SUBGRAPHS: Object.entries(subgraphs)
        .map(([name, url]) => `${name}=${url}`)
        .join(','),
      RATE_LIMIT_KEY_PREFIX: `storefront-e2e:gateway:${run}`,
      RESPONSE_CACHE_TTL_MS: '0',
      // Metrics and detailed readiness on any free port: the platform's own gateway holds the default one.
      GATEWAY_INTERNAL_PORT: '0',
    },
    'GATEWAY_PORT',
  );
  started.push(gateway);
  upstream = `${gateway.url}/graphql`;
  const port = Number(process.env.E2E_STRIPE_PORT ?? (await freePort()));
  const storefront = await startServer(join(root, 'dist/storefront/server/server.mjs'), port, {
    STOREFRONT_GRAPHQL_UPSTREAM: upstream,
  });
  started.push(storefront);
  const base = storefront.base;

  const token = await servicesToken();
  const internal = async (path) => {
    const response = await fetch(`${payments.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`payments ${path}: ${response.status}`);
    return response.json();
  };

  const sellers = [];
  for (const owner of ['owner@acme.example.com', 'owner@nordic.example.com']) {
    const ownerToken = await userToken(owner);
    const word = `stripe${randomBytes(4).toString('hex')}`;
    const title = `${word} ${sellers.length === 0 ? 'wool scarf' : 'desk lamp'}`;
    const id = await publishTestProduct(upstream, ownerToken, title, word);
    published.push([id, ownerToken]);
    sellers.push({ id, title });
  }
  const buyer = `stripe-buyer-${run}@example.com`;
  await createKeycloakUser(buyer);
  const buyerToken = await userToken(buyer);
  const orderOf = async (id) => (await graphql(upstream, MY_ORDER, { id }, buyerToken)).myOrder;
  await allowKeycloakRedirects('storefront', base);

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let orderId = '';
  const stripe = await installStripeStandIn(page, {
    payments: { url: payments.url, webhookSecret, internal },
    orderId: () => orderId,
  });
  const payWith = async (card) => {
    const number = page.getByLabel('Card number');
    await number.fill(card);
    await page.getByTestId('pay').click();
  };

  console.log(`storefront Stripe e2e (${base}, gateway ${gateway.url}, payments ${payments.url})`);

  await step('a signed-in buyer puts products of two sellers in the cart', async () => {
    await page.goto(base);
    await page.getByTestId('sign-in').click();
    await signInOnKeycloak(page, buyer);
    await page.waitForURL(`${base}/**`);
    await page.getByTestId('account-menu').waitFor();
    for (const { id, title } of sellers) {
      // A click on the server-rendered button before the app is hydrated (and the sign-in known) is lost.
      await page.goto(`${base}/products/${id}`, { waitUntil: 'networkidle' });
      await page.getByTestId('add-to-cart').click();
      await page.getByText(`Added ${title} to your cart.`).waitFor();
    }
    await page.goto(`${base}/cart`);
    await page.getByTestId('seller-group').nth(1).waitFor();
    await page.getByTestId('cart-total').filter({ hasText: '€50.00' }).waitFor();
  });

  await step('placing the order opens the Payment Element for its one PaymentIntent', async () => {
    await page.getByTestId('checkout-link').click();
    await page.waitForURL('**/checkout');
    await page.getByTestId('review-seller').nth(1).waitFor();
    await page.getByLabel('Full name').fill('Bea Buyer');
    await page.getByLabel('Street and number').fill('Hauptstraße 1');
    await page.getByLabel('Postal code').fill('10115');
    await page.getByLabel('City').fill('Berlin');
    await page.getByTestId('address-country').click();
    await page.getByRole('option', { name: 'Germany' }).click();
    await page.getByTestId('place-order').click();
    await page.getByTestId('payment-step').waitFor();
    orderId = (await page.getByTestId('payment-order-id').textContent()).trim();
    await page.getByLabel('Card number').waitFor();
    await page.getByTestId('pay').filter({ hasText: 'Pay €50.00' }).waitFor();
    const { payment } = await internal(`/internal/payments/${orderId}`);
    assert.equal(payment.provider, 'stripe');
    assert.equal(payment.amount, 5000, 'one intent for both sellers');
    assert.equal(payment.status, 'requires_payment');
    const order = await orderOf(orderId);
    assert.equal(order.status, 'pending_payment');
    assert.deepEqual(
      order.sellerOrders.map((s) => s.status),
      ['pending_payment', 'pending_payment'],
    );
    await checkAtEveryWidth(page, artifacts, 'payment', page.getByLabel('Card number'));
  });

  await step(
    'a declined card is shown as an error; the order keeps waiting for another attempt',
    async () => {
      await payWith(TEST_CARDS.declined);
      await page
        .getByRole('alert')
        .filter({ hasText: 'Your card was declined. Nothing was charged.' })
        .waitFor();
      await page.getByTestId('pay').filter({ hasText: 'Pay again €50.00' }).waitFor();
      const { payment } = await internal(`/internal/payments/${orderId}`);
      assert.equal(payment.status, 'requires_payment');
      assert.equal(payment.failureReason, 'Your card was declined.');
      assert.equal((await orderOf(orderId)).status, 'pending_payment');
      await checkAtEveryWidth(page, artifacts, 'payment-declined', page.getByTestId('payment-error'));
    },
  );

  await step('a failed 3-D Secure check is explained, and the buyer can still pay', async () => {
    await payWith(TEST_CARDS.authenticationFails);
    await page
      .getByRole('alert')
      .filter({ hasText: 'security check (3-D Secure) was not completed' })
      .waitFor();
    assert.equal((await orderOf(orderId)).status, 'pending_payment');
  });

  await step('a second card on the same intent pays; the order is paid only after the webhook', async () => {
    await payWith(TEST_CARDS.success);
    await page.getByTestId('payment-waiting').waitFor();
    assert.equal(stripe.heldWebhooks(), 1);
    // Stripe.js has said yes, yet without the webhook nothing moves: several polls of the page later, still open.
    await delay(4000);
    assert.equal((await orderOf(orderId)).status, 'pending_payment');
    assert.equal((await internal(`/internal/payments/${orderId}`)).payment.status, 'requires_payment');
    assert.ok(page.url().endsWith('/checkout'), `left the payment step before the webhook: ${page.url()}`);
    await page.screenshot({ path: join(artifacts, 'payment-waiting.png'), fullPage: true });

    await stripe.deliverHeld();
    await page.waitForURL(`**/checkout/confirmation/${orderId}`);
    await page.getByTestId('confirmation-heading').waitFor();
    await page.getByTestId('seller-order').nth(1).waitFor();
    const order = await orderOf(orderId);
    assert.equal(order.status, 'paid');
    assert.deepEqual(
      order.sellerOrders.map((s) => s.status),
      ['paid', 'paid'],
    );
    const { payment, ledger } = await internal(`/internal/payments/${orderId}`);
    assert.equal(payment.status, 'succeeded');
    assert.deepEqual(
      ledger.filter((entry) => entry.kind === 'charge').map((entry) => entry.amount),
      [5000],
    );
    assert.equal(stripe.confirmations.length, 3, 'three attempts, all on the one intent');
    await checkAtEveryWidth(page, artifacts, 'payment-confirmation', page.getByTestId('seller-order'));
  });

  await step('no uncaught errors in the page', async () => {
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser?.close().catch((e) => console.error(`browser close: ${e.message}`));
  for (const [id, owner] of published)
    await archiveProduct(upstream, owner, id).catch((e) => console.error(`cleanup: ${e.message}`));
  for (const server of started.reverse()) await server.stop();
}

process.exit(summary('stripe e2e') ? 1 : 0);
