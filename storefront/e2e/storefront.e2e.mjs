// Browser test of the built storefront in headless Chromium, against the running catalog (through the gateway
// when it is ready, else the catalog subgraph directly). It publishes its own uniquely named product as the demo
// seller, then searches, filters, opens the product, picks a variant, adds to cart, reloads; checks out across two
// sellers (named by their display names); once the seller delivers, reviews a product from the account order page and
// finds the review and stars on the product page and card; scans pages with axe, also at 360 px wide; and checks
// that server rendering alone (no JS) carries the title, price and JSON-LD. The SSR server it starts never outlives it.
/* global process, console, fetch, document, URL, Buffer */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  allowKeycloakRedirects,
  assertNoSidewaysScroll,
  axeScan,
  graphql,
  launchChromium,
  ready,
  signInOnKeycloak,
  startServer,
  stepRunner,
  userToken as sellerToken,
  userToken,
} from '@marketplace/browser-testing';
import { archiveProduct, publishTestProduct } from './catalog-fixtures.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'test-artifacts');

const port = Number(process.env.E2E_PORT ?? 4290);
const base = `http://localhost:${port}`;
const word = `zephyr${randomBytes(4).toString('hex')}`;

let page;
const { step, summary } = stepRunner(artifacts, () => page);

async function pickUpstream() {
  if (process.env.STOREFRONT_GRAPHQL_UPSTREAM) return process.env.STOREFRONT_GRAPHQL_UPSTREAM;
  if (await ready('http://127.0.0.1:4000/health/ready')) return 'http://127.0.0.1:4000/graphql';
  console.log('  (gateway not ready: using the catalog subgraph at 4102 directly)');
  return 'http://127.0.0.1:4102/graphql';
}

/** Uploads a product picture the way the seller portal does: ticket, PUT to storage, complete. */
async function uploadImage(upstream, token, png) {
  const { createUpload } = await graphql(
    upstream,
    `
      mutation Upload($input: CreateUploadInput!) {
        createUpload(input: $input) {
          mediaId
          uploadUrl
          headers {
            name
            value
          }
        }
      }
    `,
    {
      input: {
        purpose: 'PRODUCT_IMAGE',
        contentType: 'image/png',
        sizeBytes: png.length,
        filename: 'shirt.png',
      },
    },
    token,
  );
  const headers = Object.fromEntries(
    createUpload.headers
      .filter((h) => h.name.toLowerCase() !== 'content-length')
      .map((h) => [h.name, h.value]),
  );
  const put = await fetch(createUpload.uploadUrl, { method: 'PUT', body: new Uint8Array(png), headers });
  if (!put.ok) throw new Error(`image upload: ${put.status}`);
  await graphql(
    upstream,
    `
      mutation Complete($id: ID!) {
        completeUpload(mediaId: $id) {
          id
        }
      }
    `,
    { id: createUpload.mediaId },
    token,
  );
  return createUpload.mediaId;
}

/** The display names the tenants service gives the sellers of these products, in the same order. */
async function sellerNamesOf(upstream, productIds) {
  const names = [];
  for (const id of productIds) {
    const { product } = await graphql(
      upstream,
      `
        query Seller($id: ID!) {
          product(id: $id) {
            seller {
              name
            }
          }
        }
      `,
      {
        id,
      },
    );
    names.push(product.seller.name);
  }
  return names;
}

async function clearCart(page) {
  await page.goto(`${base}/cart`);
  await page.getByTestId('cart-total').or(page.getByTestId('cart-empty')).first().waitFor();
  while ((await page.getByRole('button', { name: /^Remove / }).count()) > 0) {
    const count = await page.getByTestId('cart-line').count();
    await page
      .getByRole('button', { name: /^Remove / })
      .first()
      .click();
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="cart-line"]').length < n,
      count,
    );
  }
}

const upstream = await pickUpstream();
const server = await startServer(join(root, 'dist/storefront/server/server.mjs'), port, {
  STOREFRONT_GRAPHQL_UPSTREAM: upstream,
});
let browser;
/** [product id, owner token] of what this run published, archived at the end. */
const published = [];
try {
  const token = await sellerToken('owner@acme.example.com');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // A picture drawn by the browser itself, so the test needs no image files or libraries.
  const png = Buffer.from(
    await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 640;
      canvas.height = 480;
      const context = canvas.getContext('2d');
      const gradient = context.createLinearGradient(0, 0, 640, 480);
      gradient.addColorStop(0, '#3b6ea5');
      gradient.addColorStop(1, '#f2c14e');
      context.fillStyle = gradient;
      context.fillRect(0, 0, 640, 480);
      return canvas.toDataURL('image/png').split(',')[1];
    }),
    'base64',
  );
  const imageId = await uploadImage(upstream, token, png);
  const productId = await publishTestProduct(upstream, token, `${word} linen shirt`, word, [imageId]);
  published.push([productId, token]);
  const nordicToken = await sellerToken('owner@nordic.example.com');
  const lampWord = `quokka${randomBytes(4).toString('hex')}`;
  const lampTitle = `${lampWord} reading lamp`;
  const lampId = await publishTestProduct(upstream, nordicToken, lampTitle, lampWord);
  published.push([lampId, nordicToken]);
  const sellerNames = await sellerNamesOf(upstream, [productId, lampId]);
  await allowKeycloakRedirects('storefront', base);
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(error.message));

  console.log(`storefront e2e (${base}, API ${upstream}, product "${word}")`);

  await step('home shows categories and new arrivals', async () => {
    await page.goto(base);
    await page.getByRole('heading', { name: 'New arrivals' }).waitFor();
    await page.locator('sf-product-card').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'home.png'), fullPage: true });
    await axeScan(page, 'home');
  });

  await step('search from the header finds the product, with facets and the query in the URL', async () => {
    await page.getByLabel('Search products').fill(word);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(`**/search?q=${word}`);
    await page.getByRole('status').filter({ hasText: '1 product' }).waitFor();
    assert.equal(await page.getByTestId('product-link').count(), 1);
    assert.ok((await page.getByRole('group', { name: 'Seller' }).textContent()).includes('(1)'));
    await page.screenshot({ path: join(artifacts, 'search.png'), fullPage: true });
    await axeScan(page, 'search');
  });

  await step(
    'price filter and sort live in the URL, and the back button restores the previous results',
    async () => {
      await page.getByTestId('max-price').fill('20');
      await page.getByRole('button', { name: 'Apply price' }).click();
      await page.waitForURL((url) => new URL(url).searchParams.get('maxPrice') === '20');
      await page.getByTestId('cart-link').waitFor();
      await page.getByText('No products match').waitFor();
      await page.goBack();
      await page.waitForURL((url) => !new URL(url).searchParams.has('maxPrice'));
      await page.getByTestId('product-link').waitFor();
      await page.getByTestId('sort').click();
      await page.getByRole('option', { name: 'Price: low to high' }).click();
      await page.waitForURL((url) => new URL(url).searchParams.get('sort') === 'PRICE_ASC');
      await page.getByTestId('max-price').fill('30');
      await page.getByRole('button', { name: 'Apply price' }).click();
      await page.waitForURL((url) => new URL(url).searchParams.get('maxPrice') === '30');
      await page.getByRole('status').filter({ hasText: '1 product' }).waitFor();
    },
  );

  await step('product page shows price, stock and variants; choosing a size changes the price', async () => {
    await page.getByTestId('product-link').click();
    await page.waitForURL(`**/products/${productId}`);
    await page.getByTestId('product-title').filter({ hasText: word }).waitFor();
    assert.equal((await page.getByTestId('price').textContent()).trim(), '€25.00');
    assert.equal((await page.getByTestId('stock').textContent()).trim(), 'In stock');
    await page
      .getByRole('radio', { name: 'M' })
      .or(page.getByRole('button', { name: 'M', exact: true }))
      .first()
      .click();
    await page.getByTestId('price').filter({ hasText: '€27.50' }).waitFor();
    const picture = page.getByRole('img', { name: `${word} linen shirt, picture 1 of 1` });
    await picture.waitFor();
    assert.ok(
      await picture.evaluate((img) => img.complete && img.naturalWidth > 0),
      'the media variant did not load',
    );
    await page.screenshot({ path: join(artifacts, 'product.png'), fullPage: true });
    await axeScan(page, 'product');
  });

  await step('add to cart, then the cart groups it by seller and survives a reload', async () => {
    await page.getByTestId('add-to-cart').click();
    await page.getByText(`Added ${word} linen shirt to your cart.`).waitFor();
    await page.getByTestId('cart-link').filter({ hasText: '1' }).waitFor();
    await page.getByTestId('cart-link').click();
    await page.waitForURL('**/cart');
    await page
      .getByTestId('cart-line')
      .filter({ hasText: `${word}-M` })
      .waitFor();
    await page.getByTestId('quantity').fill('2');
    await page.getByTestId('quantity').dispatchEvent('change');
    await page.getByTestId('seller-subtotal').filter({ hasText: '€55.00' }).waitFor();
    await page.reload();
    await page.getByTestId('cart-line').filter({ hasText: word }).waitFor();
    assert.equal(await page.getByTestId('quantity').inputValue(), '2');
    await page.screenshot({ path: join(artifacts, 'cart.png'), fullPage: true });
  });

  await step(
    'signing in through the Keycloak login page keeps the cart (merged into the buyer cart)',
    async () => {
      await page.getByTestId('sign-in').click();
      await page.locator('#username').waitFor();
      await page.screenshot({ path: join(artifacts, 'sign-in.png'), fullPage: true });
      await signInOnKeycloak(page, 'buyer@example.com');
      await page.waitForURL(`${base}/**`);
      await page.getByTestId('account-menu').waitFor();
      await page.getByTestId('cart-line').filter({ hasText: word }).waitFor();
    },
  );

  await step(
    'a signed-in buyer adds products of two sellers; the cart groups them with subtotals',
    async () => {
      await clearCart(page);
      for (const [id, title] of [
        [productId, `${word} linen shirt`],
        [lampId, lampTitle],
      ]) {
        await page.goto(`${base}/products/${id}`);
        await page.getByTestId('add-to-cart').click();
        await page.getByText(`Added ${title} to your cart.`).waitFor();
      }
      await page.goto(`${base}/cart`);
      await page.getByTestId('seller-group').nth(1).waitFor();
      assert.equal(await page.getByTestId('seller-group').count(), 2);
      await page.getByTestId('seller-name').filter({ hasText: sellerNames[1] }).waitFor();
      assert.deepEqual(
        (await page.getByTestId('seller-group').locator('h2').allTextContents()).map((t) => t.trim()).sort(),
        sellerNames.map((name) => `From ${name}`).sort(),
      );
      await page.getByTestId('cart-total').filter({ hasText: '€50.00' }).waitFor();
      await page.screenshot({ path: join(artifacts, 'cart-two-sellers.png'), fullPage: true });
      await axeScan(page, 'cart');
    },
  );

  let orderId = '';
  await step(
    'checkout: the address form announces errors, then the order is placed and confirmed',
    async () => {
      await page.getByTestId('checkout-link').click();
      await page.waitForURL('**/checkout');
      await page.getByTestId('review-seller').nth(1).waitFor();
      for (const name of sellerNames)
        await page
          .getByTestId('review-seller')
          .getByTestId('seller-name')
          .filter({ hasText: name })
          .waitFor();
      await page.getByTestId('place-order').click();
      await page.getByRole('alert').filter({ hasText: 'Please correct 5 fields' }).waitFor();
      await page.getByText('Full name is required.').waitFor();
      await page.screenshot({ path: join(artifacts, 'checkout-errors.png'), fullPage: true });
      await axeScan(page, 'checkout');
      await page.getByLabel('Full name').fill('Bea Buyer');
      await page.getByLabel('Street and number').fill('Hauptstraße 1');
      await page.getByLabel('Postal code').fill('10115');
      await page.getByLabel('City').fill('Berlin');
      await page.getByTestId('address-country').click();
      await page.getByRole('option', { name: 'Germany' }).click();
      await page.screenshot({ path: join(artifacts, 'checkout.png'), fullPage: true });
      // A double click must not place two orders: the button is disabled while submitting, and the key is shared.
      await page.getByTestId('place-order').dblclick();
      await page.waitForURL('**/checkout/confirmation/**');
      await page.getByTestId('confirmation-heading').waitFor();
      orderId = (await page.getByTestId('order-id').textContent()).trim();
      assert.equal(await page.getByTestId('seller-order').count(), 2);
      await page.screenshot({ path: join(artifacts, 'confirmation.png'), fullPage: true });
    },
  );

  await step('the account lists the order once, with two seller orders and their status', async () => {
    await page.getByRole('link', { name: 'your orders' }).click();
    await page.waitForURL('**/account/orders');
    await page.getByTestId('order-row').first().waitFor();
    await page.screenshot({ path: join(artifacts, 'orders.png'), fullPage: true });
    await page.goto(`${base}/account/orders/${orderId}`);
    await page.getByTestId('seller-order').nth(1).waitFor();
    assert.deepEqual(await page.getByTestId('seller-order-status').allTextContents(), ['Paid', 'Paid']);
    for (const name of sellerNames)
      await page.getByTestId('seller-order').getByTestId('seller-name').filter({ hasText: name }).waitFor();
    await page.screenshot({ path: join(artifacts, 'order.png'), fullPage: true });
    await axeScan(page, 'order');
  });

  await step('without a delivered seller order the order page offers no review', async () => {
    await page.getByTestId('seller-order').nth(1).waitFor();
    assert.equal(await page.getByTestId('write-review').count(), 0);
    assert.equal(await page.getByTestId('write-reviews').count(), 0);
  });

  const reviewTitle = `Soft ${word}`;
  await step(
    'once the seller delivered, the buyer reviews the product from the order page by keyboard',
    async () => {
      const buyerToken = await userToken('buyer@example.com');
      const { myOrder } = await graphql(
        upstream,
        `
          query Mine($id: ID!) {
            myOrder(id: $id) {
              sellerOrders {
                id
                lines {
                  productId
                }
              }
            }
          }
        `,
        { id: orderId },
        buyerToken,
      );
      const shirtOrder = myOrder.sellerOrders.find((so) =>
        so.lines.some((line) => line.productId === productId),
      );
      for (const move of [
        `mutation M($id: ID!) { markFulfilled(id: $id) { id } }`,
        `mutation M($id: ID!) { markShipped(id: $id, carrier: "DHL", trackingNumber: "00340434161094042557") { id } }`,
        `mutation M($id: ID!) { markDelivered(id: $id) { id } }`,
      ])
        await graphql(upstream, move, { id: shirtOrder.id }, token);
      // The reviews service learns the delivery from the orders service's events (well under a second).
      for (let attempt = 0; ; attempt += 1) {
        await page.goto(`${base}/account/orders/${orderId}`);
        await page.getByTestId('seller-order').nth(1).waitFor();
        if (await page.getByTestId('write-review').count()) break;
        if (attempt === 20) throw new Error('no "Write a review" after the delivery');
        await page.waitForTimeout(500);
      }
      assert.equal(
        await page.getByTestId('write-review').count(),
        1,
        'only the delivered product is offered',
      );
      await page.getByTestId('write-review').focus();
      await page.keyboard.press('Enter');
      await page.getByRole('radio', { name: '1 star', exact: true }).focus();
      await page.keyboard.press('Space');
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowRight');
      assert.ok(await page.getByRole('radio', { name: '4 stars' }).isChecked());
      await page.getByLabel('Title').fill(reviewTitle);
      await page.getByLabel('Your review').fill('Soft linen, true to size, washed well.');
      await page.screenshot({ path: join(artifacts, 'order-review-form.png'), fullPage: true });
      await axeScan(page, 'order review form');
      await page.getByTestId('submit-review').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('review-status').filter({ hasText: 'is published' }).waitFor();
      await page.getByTestId('reviewed').waitFor();
      await page.screenshot({ path: join(artifacts, 'order-reviewed.png'), fullPage: true });
    },
  );

  await step(
    'the product page shows the stars, the seller rating and the review; sorting keeps it',
    async () => {
      await page.goto(`${base}/products/${productId}`);
      await page.getByTestId('review').filter({ hasText: reviewTitle }).waitFor();
      await page
        .getByRole('img', { name: /^Rated 4\.0 out of 5 from 1 review$/ })
        .first()
        .waitFor();
      await page.getByTestId('seller-rating').waitFor();
      await page.getByTestId('review-sort').selectOption('LOWEST_RATING');
      await page.getByTestId('review').filter({ hasText: reviewTitle }).waitFor();
      await page.screenshot({ path: join(artifacts, 'product-reviews.png'), fullPage: true });
      await axeScan(page, 'product reviews');
      const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
      try {
        await phone.goto(`${base}/products/${productId}`);
        await phone.getByTestId('review').filter({ hasText: reviewTitle }).waitFor();
        await assertNoSidewaysScroll(phone, 'product reviews');
        await phone.screenshot({ path: join(artifacts, 'product-reviews-phone.png'), fullPage: true });
        await axeScan(phone, 'product reviews 390px');
      } finally {
        await phone.close();
      }
    },
  );

  await step(
    'the product card in search carries the stars (the catalog follows the reviews events)',
    async () => {
      for (let attempt = 0; ; attempt += 1) {
        await page.goto(`${base}/search?q=${word}`);
        await page.getByTestId('product-link').waitFor();
        if (await page.locator('sf-product-card').getByTestId('rating-stars').count()) break;
        if (attempt === 20) throw new Error('no stars on the product card');
        await page.waitForTimeout(500);
      }
      await page.screenshot({ path: join(artifacts, 'search-rated.png'), fullPage: true });
    },
  );

  await step('on a 360 px screen search, product and cart fit the width and pass axe', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    try {
      await phone.goto(`${base}/search?q=${word}`);
      await phone.getByTestId('product-link').waitFor();
      await phone.getByRole('group', { name: 'Seller' }).getByText(sellerNames[0]).waitFor();
      await assertNoSidewaysScroll(phone, 'search');
      await phone.screenshot({ path: join(artifacts, 'search-phone.png'), fullPage: true });
      await axeScan(phone, 'search 360px');
      await phone.getByTestId('product-link').click();
      await phone.getByTestId('add-to-cart').waitFor();
      await assertNoSidewaysScroll(phone, 'product');
      await phone.screenshot({ path: join(artifacts, 'product-phone.png'), fullPage: true });
      await axeScan(phone, 'product 360px');
      await phone.getByTestId('add-to-cart').click();
      await phone.getByTestId('cart-link').filter({ hasText: '1' }).waitFor();
      await phone.goto(`${base}/cart`);
      await phone.getByTestId('cart-line').filter({ hasText: word }).waitFor();
      await phone.getByTestId('seller-name').filter({ hasText: sellerNames[0] }).waitFor();
      await assertNoSidewaysScroll(phone, 'cart');
      await phone.screenshot({ path: join(artifacts, 'cart-phone.png'), fullPage: true });
      await axeScan(phone, 'cart 360px');
    } finally {
      await phone.close();
    }
  });

  await step('server rendering alone carries title, price and JSON-LD', async () => {
    const html = await (await fetch(`${base}/products/${productId}`)).text();
    assert.match(html, new RegExp(`<title>${word} linen shirt · Marketplace</title>`));
    assert.match(html, /€25\.00/);
    const ld = /<script id="product-jsonld" type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
    assert.ok(ld, 'no JSON-LD script');
    const data = JSON.parse(ld[1]);
    assert.equal(data['@type'], 'Product');
    assert.deepEqual(
      data.offers.map((o) => [o.sku, o.price, o.priceCurrency]),
      [
        [`${word}-S`, '25.00', 'EUR'],
        [`${word}-M`, '27.50', 'EUR'],
      ],
    );
  });

  await step('an API failure is shown to the buyer, not swallowed', async () => {
    await page.goto(`${base}/search?q=x&minPrice=50&maxPrice=10`);
    await page.getByRole('alert').filter({ hasText: 'minPrice must not exceed maxPrice' }).waitFor();
  });

  await step('no uncaught errors in the page', async () => {
    assert.deepEqual(consoleErrors, []);
  });
} finally {
  await browser?.close().catch((e) => console.error(`browser close: ${e.message}`));
  for (const [id, owner] of published)
    await archiveProduct(upstream, owner, id).catch((e) => console.error(`cleanup: ${e.message}`));
  await server.stop();
}

process.exit(summary('e2e') ? 1 : 0);
