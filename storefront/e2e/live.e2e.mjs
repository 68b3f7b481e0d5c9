// Browser test of live updates (ADR 0026) in headless Chromium, against the running platform through its gateway
// (GATEWAY_URL, default http://127.0.0.1:4000, which must route the notifications service): a product page
// turns "Out of stock" within a second of the seller setting stock to 0 elsewhere; an open order page shows
// "Shipped" and the tracking number when the seller ships; and an event published while the connection is down
// (this test restarts the storefront server the stream runs through) arrives after the reconnect.
/* global process, console */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  allowKeycloakRedirects,
  axeScan,
  createKeycloakUser,
  graphql,
  launchChromium,
  signInOnKeycloak,
  startServer,
  stepRunner,
  userToken,
} from '@marketplace/browser-testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'test-artifacts', 'live');
const port = Number(process.env.E2E_LIVE_PORT ?? 4291);
const base = `http://localhost:${port}`;
const gateway = (process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
const upstream = `${gateway}/graphql`;
const sku = `LIVE-${randomBytes(4).toString('hex').toUpperCase()}`;
/** The promise: a stock change elsewhere shows on an open product page within a second. */
const STOCK_DEADLINE_MS = 1_000;

let page;
const { step, summary } = stepRunner(artifacts, () => page);

const setStock = (token, onHand) =>
  graphql(
    upstream,
    `
      mutation Stock($input: SetStockInput!) {
        setStock(input: $input) {
          sku
          onHand
        }
      }
    `,
    { input: { sku, onHand, reason: 'live e2e' } },
    token,
  );

async function publishProduct(token) {
  const { createProduct } = await graphql(
    upstream,
    `
      mutation Create($input: CreateProductInput!) {
        createProduct(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        title: `Live ${sku} lantern`,
        description: 'Made for the live updates browser test.',
        currency: 'EUR',
        options: [],
        variants: [{ sku, optionValues: [], priceMinor: 1900 }],
      },
    },
    token,
  );
  await graphql(
    upstream,
    `
      mutation P($id: ID!) {
        publishProduct(id: $id) {
          id
        }
      }
    `,
    { id: createProduct.id },
    token,
  );
  return createProduct.id;
}

/** A paid order of the product for the buyer (the platform's test payment provider confirms at checkout). */
async function buy(buyerToken, productId) {
  await graphql(
    upstream,
    `
      mutation Add($variant: CartVariantInput!) {
        addToCart(variant: $variant, quantity: 1) {
          itemCount
        }
      }
    `,
    { variant: { productId, sku } },
    buyerToken,
  );
  const { checkout } = await graphql(
    upstream,
    `
      mutation Checkout($input: CheckoutInput!) {
        checkout(input: $input) {
          id
          status
          sellerOrders {
            id
          }
        }
      }
    `,
    {
      input: {
        idempotencyKey: `live-${sku}`,
        shippingAddress: {
          name: 'Lou Live',
          line1: 'Hauptstraße 1',
          postalCode: '10115',
          city: 'Berlin',
          country: 'DE',
        },
      },
    },
    buyerToken,
  );
  assert.equal(checkout.status, 'paid', `checkout ${checkout.id} is ${checkout.status}`);
  return checkout;
}

/** Resolves with the time from now until `locator` shows `text`. */
async function timeUntil(locator, text, timeout) {
  const started = Date.now();
  await locator.filter({ hasText: text }).waitFor({ timeout });
  return Date.now() - started;
}

let server = await startServer(join(root, 'dist/storefront/server/server.mjs'), port, {
  STOREFRONT_GRAPHQL_UPSTREAM: upstream,
});
let browser;
let productId;
const sellerToken = await userToken('owner@acme.example.com');
try {
  productId = await publishProduct(sellerToken);
  await setStock(sellerToken, 5);
  await allowKeycloakRedirects('storefront', base);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  console.log(`live updates e2e (${base}, API ${gateway}, sku ${sku})`);

  await step(
    'the product page shows "Out of stock" within 1 s of the seller setting stock to 0',
    async () => {
      await page.goto(`${base}/products/${productId}`);
      const stock = page.getByTestId('stock');
      await stock.filter({ hasText: 'In stock' }).waitFor();
      // The stream is open once the page is interactive; give the connection its first round trip.
      await page.waitForLoadState('networkidle');
      await setStock(sellerToken, 0);
      const elapsed = await timeUntil(stock, 'Out of stock', STOCK_DEADLINE_MS);
      console.log(`    out of stock shown ${elapsed} ms after setStock answered`);
      assert.equal(await page.getByTestId('add-to-cart').isDisabled(), true);
      await axeScan(page, 'product out of stock');
    },
  );

  await step(
    'a reconnect in the middle loses no event: stock set while the stream is down arrives after it',
    async () => {
      // The stream runs through the storefront server: stopping it drops the connection like a network failure.
      await server.stop();
      await setStock(sellerToken, 4);
      server = await startServer(join(root, 'dist/storefront/server/server.mjs'), port, {
        STOREFRONT_GRAPHQL_UPSTREAM: upstream,
      });
      // Only the replay after the reconnect can bring this: no event follows it.
      await page.getByTestId('stock').filter({ hasText: 'In stock' }).waitFor({ timeout: 20_000 });
      assert.equal(await page.getByTestId('add-to-cart').isDisabled(), false);
    },
  );

  await step('an open order page shows "Shipped" and the tracking number when the seller ships', async () => {
    const email = `live-${randomBytes(4).toString('hex')}@example.com`;
    await createKeycloakUser(email);
    const order = await buy(await userToken(email), productId);
    await page.goto(`${base}/account/orders/${order.id}`);
    await page.getByTestId('sign-in').click();
    await signInOnKeycloak(page, email);
    await page.waitForURL(`${base}/account/orders/${order.id}`);
    const status = page.getByTestId('seller-order-status');
    await status.waitFor();
    await page.waitForLoadState('networkidle');
    await graphql(
      upstream,
      `
        mutation Ship($id: ID!) {
          markShipped(id: $id, carrier: "DHL", trackingNumber: "JJD0099") {
            id
            status
          }
        }
      `,
      { id: order.sellerOrders[0].id },
      sellerToken,
    );
    await status.filter({ hasText: /shipped/i }).waitFor({ timeout: 5_000 });
    await page.getByTestId('tracking').filter({ hasText: 'JJD0099' }).waitFor();
    await page.screenshot({ path: join(artifacts, 'order-shipped.png'), fullPage: true });
    await axeScan(page, 'order shipped');
  });
} finally {
  await browser?.close().catch((error) => console.error(`browser close: ${error.message}`));
  if (productId)
    await graphql(
      upstream,
      `
        mutation A($id: ID!) {
          archiveProduct(id: $id) {
            id
          }
        }
      `,
      { id: productId },
      sellerToken,
    ).catch((error) => console.error(`cleanup: ${error.message}`));
  await server.stop();
}

process.exit(summary('live e2e') ? 1 : 0);
