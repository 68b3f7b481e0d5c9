// Browser test of the admin portal in headless Chromium against the running platform (Keycloak, gateway, tenants,
// catalog, Kafka): a new user applies as a seller (API); the admin approves the application in the portal with a
// reason; the seller publishes two products (API), the admin flags and approves one with reasons and rejects the
// other back to the seller; the admin suspends the seller (the page shows the catalog's count of hidden products
// and the held payouts; an anonymous buyer stops seeing its products through the gateway) and reactivates it; a
// buyer orders the product (API), the admin finds the order by seller and refunds part of its line, and retries the
// seller's held share on the payouts page; the buyer's bank disputes the order (a signed provider webhook to the
// payments service) and the order page shows the dispute; the admin sets a
// category commission rate and previews what a product pays; a second applicant is rejected with a reason; the order is found by the buyer's e-mail and its page shows
// the payment, the seller's transfer and the refund; the seller page shows its ledger and staff; the admin renames
// and moves a category in the tree editor and is refused deleting it while a product uses it; every one of these
// actions is in the audit log page with its reason, and the CSV export holds them. The
// overview shows the services' sales figures; the applications queue and the seller page show each seller's payout
// account (KYC) state. Offboarding: the admin is refused deleting a seller that is not suspended, exports a
// leaving seller's data and downloads the archive (a gzip tar with manifest.json), suspends it, is refused with a
// wrong store address, then deletes it with a reason and sees every service confirm. Sellers,
// staff and buyers are refused every route (UI) and admin operation (API). Every page is checked with axe (any
// violation fails), used by keyboard where it matters (the overview's period, moderation, payouts, the audit log
// and the search index by keyboard only), and photographed at 1280 and 390 px (test-artifacts/).
// Needs the admin portal and the gateway running as `npm start` runs them (ADMIN_PORTAL_URL, GATEWAY_GRAPHQL_URL).
/* global document, fetch */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  allowKeycloakRedirects,
  checkAtEveryWidth,
  createKeycloakUser,
  graphql,
  launchChromium,
  ready,
  signInOnKeycloak,
  stepRunner,
  userToken,
} from '@marketplace/browser-testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'test-artifacts');
const base = process.env.ADMIN_PORTAL_URL ?? 'http://localhost:4400';
const api = process.env.GATEWAY_GRAPHQL_URL ?? 'http://127.0.0.1:4000/graphql';
// The payments service takes the provider's webhooks itself (not through the gateway); locally it runs without a
// webhook secret of its own, so it verifies with its development default.
const paymentsUrl = process.env.PAYMENTS_URL ?? 'http://127.0.0.1:4108';
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_local_development_only';
const run = randomBytes(4).toString('hex');
const sellerEmail = `applicant-${run}@example.com`;
const rejectedEmail = `rejected-${run}@example.com`;
const rejectedStore = `Dubious ${run} Deals`;
const buyerEmail = `buyer-${run}@example.com`;
const storeName = `Lantern ${run} Works`;
const productTitle = `${run} brass lantern`;
const rejectedTitle = `${run} tin lantern`;
const REASONS = {
  approve: `KYC checked ${run}`,
  flag: `Unverified safety claim ${run}`,
  clear: `Certificate provided ${run}`,
  reject: `Photos show another brand ${run}`,
  suspend: `Counterfeit reports ${run}`,
  reactivate: `Appeal upheld ${run}`,
  refund: `Lantern arrived dented ${run}`,
  retry: `Seller says KYC is done ${run}`,
  rate: `Negotiated volume rate ${run}`,
};
const REVIEW_TITLE = `Dented ${run} lantern`;
const REVIEW_REMOVAL_REASON = `Review shares a phone number ${run}`;
const REJECT_REASON = `Company register entry not found ${run}`;
const CATEGORY_REASONS = {
  rename: `Buyers search for hurricane lanterns ${run}`,
  move: `Lanterns sell with outdoor goods ${run}`,
};
const renamedCategory = `Hurricane lanterns ${run}`;
const outdoorCategory = `Outdoor ${run}`;
const COMMISSION_REASON = `Lantern category rate ${run}`;
const categoryName = `Lanterns ${run}`;
const leavingEmail = `leaving-${run}@example.com`;
const leavingStore = `Closing ${run} Candles`;
const leavingAlias = `closing-${run}-candles`;
const DELETION_REASON = `Seller asked to leave and to be erased ${run}`;

let page;
const { step, summary } = stepRunner(artifacts, () => page);
const heading = (target, name) => target.getByRole('heading', { level: 1, name });
/** A section of the side bar (pages link to each other with similar names). */
const section = (name) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

/**
 * Photographs and scans the page at both widths once `locator` shows and the drawer has finished moving. Any axe
 * violation fails, whatever its impact (the other apps' suites fail on serious and critical ones only).
 */
const checkPage = (target, name, locator) =>
  checkAtEveryWidth(
    target,
    artifacts,
    name,
    async () => {
      await locator.first().waitFor();
      await target.waitForFunction(() =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      );
    },
    { failOn: 'any' },
  );

/**
 * Presses Tab (Shift+Tab with `back`) until the focus is on or inside `locator`: how a keyboard user reaches a
 * control. Fails when `max` presses never get there (the control is not reachable by keyboard).
 */
async function tabTo(locator, { back = false, max = 150 } = {}) {
  const target = locator.first();
  await target.waitFor();
  for (let presses = 0; presses <= max; presses++) {
    const focused = await target
      .evaluate((element) => element === document.activeElement || element.contains(document.activeElement))
      .catch(() => false);
    if (focused) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} never reached ${locator}`);
}

/**
 * Picks `name` in the focused (closed) select with the arrow keys, as in a native select: each ArrowDown selects
 * the next option and the select shows it once the portal has rendered. Escape closes whatever opened if the
 * option is never reached.
 */
async function chooseByKeyboard(select, name) {
  for (let presses = 0; presses < 20; presses++) {
    if (((await select.textContent()) ?? '').includes(name)) return;
    await page.keyboard.press('ArrowDown');
    await delay(250);
  }
  await page.keyboard.press('Escape');
  throw new Error(`no option "${name}" reached with the arrow keys`);
}

async function eventually(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(500);
  }
}

/** The files of a tar archive by name (ustar headers: name at 0, octal size at 124, prefix at 345; 512-byte blocks). */
function untar(tar) {
  const files = new Map();
  for (let offset = 0; offset + 512 <= tar.length;) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    files.set(
      prefix ? `${prefix}/${field(0, 100)}` : field(0, 100),
      tar.subarray(offset + 512, offset + 512 + size),
    );
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Photographs the offboarding section alone at both widths (the full page is long). */
async function photographOffboarding(name) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await delay(400);
    await page
      .getByTestId('offboarding')
      .screenshot({ path: join(artifacts, `${name}-section-${width}.png`) });
  }
}

/** What an anonymous buyer finds of the seller through the gateway. */
async function buyerSees(sellerId) {
  const { products } = await graphql(
    api,
    'query($s: ProductSearchInput) { products(search: $s) { nodes { id } } }',
    { s: { sellerId } },
  );
  return products.nodes.map((product) => product.id);
}

/**
 * Posts a provider event to the payments service as Stripe does: the JSON event, and its Stripe-Signature (`t=`
 * seconds, `v1=` HMAC-SHA256 of "t.payload" with the webhook secret), which the service verifies with Stripe's SDK.
 */
async function providerWebhook(type, object) {
  const payload = JSON.stringify({ id: `evt_${run}_${Date.now()}`, object: 'event', type, data: { object } });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', webhookSecret).update(`${t}.${payload}`).digest('hex');
  const response = await fetch(`${paymentsUrl}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` },
    body: payload,
  });
  const answer = await response.json();
  assert.deepEqual(
    [response.status, answer.outcome],
    [200, 'processed'],
    `webhook ${type}: ${JSON.stringify(answer)}`,
  );
}

for (const [name, url] of [
  ['admin portal', `${base}/health/ready`],
  ['gateway', api.replace(/\/graphql$/, '/health/ready')],
])
  assert.ok(await ready(url), `the ${name} is not running (${url}); start the platform with npm start`);

let browser;
try {
  await allowKeycloakRedirects('admin-portal', new URL(base).origin);
  await createKeycloakUser(sellerEmail);
  await createKeycloakUser(buyerEmail);
  await createKeycloakUser(rejectedEmail);
  await createKeycloakUser(leavingEmail);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let tenantId = '';
  let productId = '';
  let rejectedProductId = '';
  let sellerToken = '';
  let rejectedId = '';
  let buyerOrderId = '';
  let leavingId = '';

  console.log(`admin portal e2e (${base}, gateway ${api}, applicant ${sellerEmail})`);

  await step('a new user applies as a seller through the API; the store awaits approval', async () => {
    const { signUpSeller } = await graphql(
      api,
      'mutation($input: SignUpSellerInput!) { signUpSeller(input: $input) { tenant { id status } } }',
      { input: { name: storeName, alias: `lantern-${run}-works` } },
      await userToken(sellerEmail),
    );
    assert.equal(signUpSeller.tenant.status, 'PENDING');
    tenantId = signUpSeller.tenant.id;
  });

  await step(
    'the admin signs in to the overview (service-computed seller figures, chart) and finds the application in the queue',
    async () => {
      await page.goto(base);
      await signInOnKeycloak(page, 'admin@example.com');
      await page.waitForURL(`${base}/overview`);
      await heading(page, 'Overview').waitFor();
      assert.ok(
        Number(await page.getByTestId('kpi-pending').textContent()) >= 1,
        'no seller awaits approval',
      );
      // Sales figures come from the orders service; the cards show whatever the marketplace sold in 30 days.
      await page.getByTestId('kpi-gmv').filter({ hasText: /\d/ }).waitFor();
      await page.getByTestId('kpi-take-rate').filter({ hasText: '%' }).waitFor();
      await page.getByTestId('sales-chart').locator('canvas').waitFor();
      await page.getByTestId('top-sellers').or(page.getByTestId('top-empty')).waitFor();
      await checkPage(page, 'overview', page.getByTestId('signups-chart').locator('canvas'));
      // The period switch by keyboard: Tab to the chosen period, the arrow keys pick another.
      await tabTo(page.getByRole('radiogroup', { name: 'Period' }));
      await page.keyboard.press('ArrowRight');
      await page.getByRole('radio', { name: '90 days', checked: true }).waitFor();
      await page.getByTestId('kpi-gmv').filter({ hasText: /\d/ }).waitFor();
      await page.keyboard.press('ArrowLeft');
      await page.getByRole('radio', { name: '30 days', checked: true }).waitFor();
      await page.getByRole('link', { name: 'Sellers' }).click();
      await heading(page, 'Sellers').waitFor();
      await page.getByTestId('seller-link').filter({ hasText: storeName }).waitFor();
      // The applicant has not started payout onboarding: its KYC state says so in words.
      await page
        .getByRole('row')
        .filter({ hasText: storeName })
        .getByTestId('kyc-state')
        .filter({ hasText: 'No payout account yet' })
        .waitFor();
      await checkPage(page, 'sellers-applications', page.getByTestId('kyc-state'));
    },
  );

  await step('the admin opens the application by keyboard and approves it with a reason', async () => {
    const link = page.getByTestId('seller-link').filter({ hasText: storeName });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/sellers/${tenantId}`);
    await heading(page, storeName).waitFor();
    await page.getByTestId('seller-status').filter({ hasText: 'Awaiting approval' }).waitFor();
    await page.getByTestId('seller-kyc').filter({ hasText: 'No payout account yet' }).waitFor();
    await checkPage(page, 'seller-pending', page.getByTestId('approve'));
    await page.getByTestId('reason').fill(REASONS.approve);
    await page.getByTestId('approve').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('seller-status').filter({ hasText: 'Active' }).waitFor();
    await page.getByTestId('done').filter({ hasText: 'approved' }).waitFor();
  });

  await step('another applicant is rejected with a reason (required, said next to the field)', async () => {
    const { signUpSeller } = await graphql(
      api,
      'mutation($input: SignUpSellerInput!) { signUpSeller(input: $input) { tenant { id status } } }',
      { input: { name: rejectedStore, alias: `dubious-${run}-deals` } },
      await userToken(rejectedEmail),
    );
    rejectedId = signUpSeller.tenant.id;
    await page.goto(`${base}/sellers/${rejectedId}`);
    await heading(page, rejectedStore).waitFor();
    await page.getByTestId('reject').click();
    await page.getByText('A reason of at least 3 characters is required for this action.').waitFor();
    await page.getByTestId('reason').fill(REJECT_REASON);
    await page.getByTestId('reject').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('seller-status').filter({ hasText: 'Rejected' }).waitFor();
    await page.getByTestId('rejection-reason').filter({ hasText: REJECT_REASON }).waitFor();
    assert.equal(await page.getByTestId('approve').count(), 0, 'a rejected application offers approval');
    await checkPage(page, 'seller-rejected', page.getByTestId('rejection-reason'));
    // The rejected seller sees why, and has no powers left.
    const rejectedToken = await userToken(rejectedEmail);
    const { myTenant } = await graphql(api, '{ myTenant { status rejectionReason } }', {}, rejectedToken);
    assert.deepEqual(myTenant, { status: 'REJECTED', rejectionReason: REJECT_REASON });
    await assert.rejects(
      graphql(
        api,
        'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        {
          input: {
            title: `${run} dubious watch`,
            currency: 'EUR',
            variants: [{ sku: `DUB-${run}`.toUpperCase(), priceMinor: 1000 }],
          },
        },
        rejectedToken,
      ),
      /rejected/,
    );
    await page.goto(`${base}/sellers`);
    await page.getByTestId('status-filter').getByText('Rejected', { exact: true }).click();
    await page.getByTestId('seller-link').filter({ hasText: rejectedStore }).waitFor();
    await page.goto(`${base}/sellers/${tenantId}`);
    await heading(page, storeName).waitFor();
  });

  await step('the approved seller publishes two products (API); buyers see them', async () => {
    sellerToken = await userToken(sellerEmail);
    const { createProduct } = await graphql(
      api,
      `
        mutation ($input: CreateProductInput!) {
          createProduct(input: $input) {
            id
          }
        }
      `,
      {
        input: {
          title: productTitle,
          description: 'A hand-finished brass lantern.',
          currency: 'EUR',
          variants: [{ sku: `LAN-${run}`.toUpperCase(), priceMinor: 4900 }],
        },
      },
      sellerToken,
    );
    productId = createProduct.id;
    // A second product, which the admin rejects later.
    const second = await graphql(
      api,
      'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      {
        input: {
          title: rejectedTitle,
          description: 'A tin lantern with another brand on its photos.',
          currency: 'EUR',
          variants: [{ sku: `TIN-${run}`.toUpperCase(), priceMinor: 1900 }],
        },
      },
      sellerToken,
    );
    rejectedProductId = second.createProduct.id;
    for (const id of [productId, rejectedProductId])
      await graphql(api, 'mutation($id: ID!) { publishProduct(id: $id) { id } }', { id }, sellerToken);
    await eventually('the products visible to buyers', async () => {
      const seen = await buyerSees(tenantId);
      return seen.includes(productId) && seen.includes(rejectedProductId);
    });
  });

  await step(
    'flagging needs a policy reason (said next to the field); the admin flags the product on the seller page',
    async () => {
      await page.reload();
      const row = page.getByTestId('moderated-product').filter({ hasText: productTitle });
      await row.waitFor();
      await page.getByRole('button', { name: `Flag ${productTitle}` }).click();
      await page
        .getByText('A policy reason of at least 3 characters is required to flag, reject or remove.')
        .waitFor();
      await checkPage(page, 'seller-reason-required', page.getByText('A policy reason of at least'));
      await page.getByTestId('policy-reason').fill(REASONS.flag);
      await page.getByRole('button', { name: `Flag ${productTitle}` }).click();
      await row.getByTestId('moderation').filter({ hasText: 'flagged' }).waitFor();
      await row.getByTestId('moderation-reason').filter({ hasText: REASONS.flag }).waitFor();
    },
  );

  await step(
    'the moderation queue lists the flagged product with its reason; the admin approves it there with a note',
    async () => {
      await section('Moderation').click();
      await heading(page, 'Moderation').waitFor();
      const row = page.getByTestId('moderated-product').filter({ hasText: productTitle });
      await row.getByTestId('moderation-reason').filter({ hasText: REASONS.flag }).waitFor();
      await row.getByRole('link', { name: storeName }).waitFor();
      await checkPage(page, 'moderation', row);
      // Keyboard only: Tab to the reason, type it, Tab on to the row's Approve and press Enter.
      await tabTo(page.getByTestId('policy-reason'));
      await page.keyboard.type(REASONS.clear);
      await tabTo(row.getByRole('button', { name: `Approve ${productTitle}` }));
      await page.keyboard.press('Enter');
      await page
        .getByTestId('moderation-done')
        .filter({ hasText: `Approved “${productTitle}”` })
        .waitFor();
      await eventually('the product out of the flagged queue', async () => (await row.count()) === 0);
      // The seller reads the decision's note on its own product.
      const { myProduct } = await graphql(
        api,
        'query($id: ID!) { myProduct(id: $id) { moderation moderationReason } }',
        { id: productId },
        sellerToken,
      );
      assert.deepEqual(myProduct, { moderation: 'NONE', moderationReason: REASONS.clear });
      // The filter by keyboard: back to the chosen state with Shift+Tab, the arrow keys move to "All".
      await tabTo(page.getByRole('radio', { name: 'Flagged', exact: true, checked: true }), { back: true });
      for (const name of ['Removed', 'Not flagged', 'All']) {
        await page.keyboard.press('ArrowRight');
        await page.getByRole('radio', { name, exact: true, checked: true }).waitFor();
      }
      await page.getByTestId('moderated-product').first().waitFor();
      await page.goto(`${base}/sellers/${tenantId}`);
      await heading(page, storeName).waitFor();
    },
  );

  await step(
    'the admin rejects the other product with a policy reason on the seller page: back to the seller as a draft, out of buyers’ sight',
    async () => {
      const row = page.getByTestId('moderated-product').filter({ hasText: rejectedTitle });
      await row.waitFor();
      await row.getByRole('button', { name: `Reject ${rejectedTitle}` }).click();
      await page
        .getByText('A policy reason of at least 3 characters is required to flag, reject or remove.')
        .waitFor();
      await page.getByTestId('policy-reason').fill(REASONS.reject);
      await row.getByRole('button', { name: `Reject ${rejectedTitle}` }).click();
      await page
        .getByTestId('moderation-done')
        .filter({ hasText: `Rejected “${rejectedTitle}”` })
        .waitFor();
      await row.getByTestId('moderation').filter({ hasText: 'flagged' }).waitFor();
      await row.getByTestId('moderation-reason').filter({ hasText: REASONS.reject }).waitFor();
      await row.getByText('draft', { exact: true }).waitFor();
      // A draft cannot be rejected again; the admin may still approve or remove it.
      assert.equal(await row.getByRole('button', { name: `Reject ${rejectedTitle}` }).count(), 0);
      await checkPage(page, 'seller-product-rejected', row);
      await eventually('the rejected product hidden from buyers', async () => {
        const seen = await buyerSees(tenantId);
        return seen.includes(productId) && !seen.includes(rejectedProductId);
      });
      // The seller reads why on its product, which it may change and publish again.
      const { myProduct } = await graphql(
        api,
        'query($id: ID!) { myProduct(id: $id) { status moderation moderationReason } }',
        { id: rejectedProductId },
        sellerToken,
      );
      assert.deepEqual(myProduct, {
        status: 'DRAFT',
        moderation: 'FLAGGED',
        moderationReason: REASONS.reject,
      });
    },
  );

  await step('the admin suspends the seller with a reason: buyers stop seeing its products', async () => {
    await page.getByTestId('suspend').click();
    await page.getByText('A reason of at least 3 characters is required for this action.').waitFor();
    await page.getByTestId('reason').fill(REASONS.suspend);
    await page.getByTestId('suspend').click();
    await page.getByTestId('seller-status').filter({ hasText: 'Suspended' }).waitFor();
    await page.getByTestId('suspension-reason').filter({ hasText: REASONS.suspend }).waitFor();
    await eventually(
      'the products hidden from an anonymous buyer',
      async () => (await buyerSees(tenantId)).length === 0,
    );
    await page.reload();
    // The admin still sees (and can moderate) the suspended seller's products.
    await page.getByTestId('moderated-product').filter({ hasText: productTitle }).waitFor();
    // The page says concretely what the suspension does: its one published product hidden (the catalog's count:
    // the rejected one is a draft), the payouts held (the payments service's held totals for this seller, as the
    // API answers them).
    await page
      .getByTestId('hidden-products')
      .filter({ hasText: /^\s*1 published product hidden from buyers/ })
      .waitFor();
    const { heldFunds } = await graphql(
      api,
      'query($id: ID!) { heldFunds(sellerId: $id) { currency amount transfers } }',
      { id: tenantId },
      await userToken('admin@example.com'),
    );
    const money = (minor, currency) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
    const heldText = heldFunds.length
      ? heldFunds.map((h) => money(h.amount, h.currency)).join(' + ')
      : money(0, 'EUR');
    const heldTransfers = heldFunds.reduce((n, h) => n + h.transfers, 0);
    await page
      .getByTestId('held-payouts')
      .filter({ hasText: `${heldText} held for this seller in ${heldTransfers} transfer` })
      .waitFor();
    await checkPage(page, 'seller-suspended', page.getByTestId('held-payouts').getByRole('link'));
  });

  await step('the admin reactivates the seller: buyers see the product again', async () => {
    await page.getByTestId('reason').fill(REASONS.reactivate);
    await page.getByTestId('reactivate').click();
    await page.getByTestId('seller-status').filter({ hasText: 'Active' }).waitFor();
    await eventually('the product visible again', async () =>
      (await buyerSees(tenantId)).includes(productId),
    );
  });

  await step(
    'a buyer orders the lantern (API); the admin finds it by seller and refunds part of it',
    async () => {
      await graphql(
        api,
        'mutation($input: SetStockInput!) { setStock(input: $input) { sku } }',
        { input: { sku: `LAN-${run}`.toUpperCase(), onHand: 5, reason: 'e2e stock' } },
        sellerToken,
      );
      const buyerToken = await userToken(buyerEmail);
      await graphql(
        api,
        'mutation($v: CartVariantInput!) { addToCart(variant: $v, quantity: 1) { itemCount } }',
        { v: { productId, sku: `LAN-${run}`.toUpperCase() } },
        buyerToken,
      );
      const { checkout } = await graphql(
        api,
        'mutation($input: CheckoutInput!) { checkout(input: $input) { id status } }',
        {
          input: {
            idempotencyKey: `e2e-${run}`,
            shippingAddress: {
              name: 'Bea Buyer',
              line1: 'Hauptstraße 1',
              postalCode: '10115',
              city: 'Berlin',
              country: 'DE',
            },
          },
        },
        buyerToken,
      );
      await section('Orders').click();
      await heading(page, 'Orders').waitFor();
      await page.getByTestId('find-seller').click();
      await page.getByRole('option', { name: storeName }).click();
      await page.getByTestId('find').click();
      // The unfiltered list shows first; the seller's search answers its one order.
      await eventually(
        'only the seller’s order listed',
        async () =>
          (await page.getByTestId('order-link').count()) === 1 &&
          (await page.getByTestId('order-link').filter({ hasText: checkout.id }).count()) === 1,
      );
      await checkPage(page, 'orders', page.getByTestId('order-link'));
      buyerOrderId = checkout.id;
      await page.getByTestId('order-link').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/orders/${checkout.id}`);
      await page.getByTestId('seller-order').filter({ hasText: storeName }).waitFor();
      await page.getByTestId('refund').click();
      await page.getByText('A reason of at least 3 characters is required.').waitFor();
      await page.getByTestId('refund-seller-order').click();
      await page.getByRole('option', { name: new RegExp(storeName) }).click();
      // The admin picks the line: the amount follows its quantity and may be lowered for a partial refund.
      await page.getByTestId('refund-line').click();
      await page.getByRole('option', { name: new RegExp(productTitle) }).click();
      assert.equal(await page.getByTestId('refund-quantity').inputValue(), '1');
      assert.equal(await page.getByTestId('refund-amount').inputValue(), '49.00');
      await page.getByTestId('refund-line-cost').filter({ hasText: '€49.00' }).waitFor();
      await page.getByTestId('refund-amount').fill('60.00');
      await page.getByTestId('refund-reason').click();
      await page.getByText('At most €49.00, what the chosen quantity costs.').waitFor();
      await checkPage(page, 'order-refund-line', page.getByText('At most €49.00'));
      await page.getByTestId('refund-amount').fill('10.00');
      await page.getByTestId('refund-reason').fill(REASONS.refund);
      await page.getByTestId('refund').click();
      await page.getByTestId('refund-done').filter({ hasText: 'Refunded €10.00' }).waitFor();
      await eventually('the refund on the seller order', async () => {
        await page.reload();
        await page.getByTestId('seller-order').first().waitFor();
        return (await page.getByTestId('refunded').first().textContent()).includes('10.00');
      });
      // The payment section: provider and state, the seller's transfer (held: no payout account), the refund.
      await page.getByTestId('payment-provider').waitFor();
      await page
        .getByTestId('transfer-row')
        .filter({ hasText: storeName })
        .filter({ hasText: 'held' })
        .waitFor();
      await page.getByTestId('payment-refund').filter({ hasText: '€10.00' }).waitFor();
      await page.getByTestId('payment-refunded').filter({ hasText: '€10.00' }).waitFor();
      await page.getByTestId('no-disputes').waitFor();
      await checkPage(page, 'order', page.getByTestId('transfer-row'));
      // The seller's page sums its sales (orders service) and shows its held share (payments service).
      await page.getByTestId('seller-order').getByRole('link', { name: storeName }).click();
      await heading(page, storeName).waitFor();
      await page.getByTestId('seller-gmv').filter({ hasText: '€49.00' }).waitFor();
      await checkPage(page, 'seller-sales', page.getByTestId('seller-sales-chart').locator('canvas'));
      // Its ledger (payments service) holds the sale, and its staff (tenants service) is its owner.
      await page.getByTestId('ledger-row').filter({ hasText: 'sale' }).waitFor();
      await page.getByTestId('ledger-held').filter({ hasText: 'in 1 transfer' }).waitFor();
      await page
        .getByTestId('staff-member')
        .filter({ hasText: sellerEmail })
        .filter({ hasText: 'Owner' })
        .waitFor();
      await checkPage(page, 'seller-ledger-staff', page.getByTestId('staff-member'));
    },
  );

  await step(
    'the admin finds the order by the buyer’s e-mail (any case); an unknown address says so',
    async () => {
      await section('Orders').click();
      await heading(page, 'Orders').waitFor();
      await page.getByTestId('find-buyer-email').fill(`nobody-${run}@example.com`);
      await page.getByTestId('find').click();
      await page.getByTestId('unknown-buyer').waitFor();
      await page.getByTestId('find-buyer-email').fill(buyerEmail.toUpperCase());
      await page.getByTestId('find-buyer-email').press('Enter');
      await page.getByTestId('buyer-found').filter({ hasText: buyerEmail }).waitFor();
      await eventually(
        'only the buyer’s order listed',
        async () =>
          (await page.getByTestId('order-link').count()) === 1 &&
          (await page.getByTestId('order-link').filter({ hasText: buyerOrderId }).count()) === 1,
      );
      await checkPage(page, 'orders-by-email', page.getByTestId('buyer-found'));
    },
  );

  await step('the admin finds the order by its id (any case)', async () => {
    await page.getByTestId('find-buyer-email').fill('');
    await page.getByTestId('find-order-id').fill(buyerOrderId.toLowerCase());
    await page.getByTestId('find').click();
    await eventually(
      'only the order listed',
      async () =>
        (await page.getByTestId('order-link').count()) === 1 &&
        (await page.getByTestId('order-link').filter({ hasText: buyerOrderId }).count()) === 1,
    );
    await checkPage(page, 'orders-by-id', page.getByTestId('order-link'));
  });

  await step(
    'the buyer reviews the delivered lantern and the seller reports the review (API); the admin removes it under a policy in the moderation queue',
    async () => {
      const buyerToken = await userToken(buyerEmail);
      const { myOrder } = await graphql(
        api,
        'query($id: ID!) { myOrder(id: $id) { sellerOrders { id } } }',
        { id: buyerOrderId },
        buyerToken,
      );
      const sellerOrderId = myOrder.sellerOrders[0].id;
      for (const move of [
        'mutation($id: ID!) { markFulfilled(id: $id) { id } }',
        'mutation($id: ID!) { markShipped(id: $id, carrier: "DHL", trackingNumber: "00340434161094042557") { id } }',
        'mutation($id: ID!) { markDelivered(id: $id) { id } }',
      ])
        await graphql(api, move, { id: sellerOrderId }, sellerToken);
      let reviewId = null;
      // The reviews service learns of the delivery from the orders service's events.
      await eventually('the review accepted after the delivery', async () => {
        try {
          const { createReview } = await graphql(
            api,
            'mutation($input: CreateReviewInput!) { createReview(input: $input) { id } }',
            {
              input: {
                sellerOrderId,
                productId,
                rating: 2,
                title: REVIEW_TITLE,
                text: 'Call me on +49 30 1234567 for a better lantern.',
              },
            },
            buyerToken,
          );
          reviewId = createReview.id;
          return true;
        } catch {
          return false;
        }
      });
      await graphql(
        api,
        'mutation($id: ID!, $reason: String!) { reportReview(id: $id, reason: $reason) }',
        { id: reviewId, reason: 'Contains a phone number' },
        sellerToken,
      );
      await section('Moderation').click();
      await heading(page, 'Moderation').waitFor();
      // Keyboard only: Tab to the selected tab, the arrow key to the next one, Enter opens it.
      await tabTo(page.getByRole('tab', { name: 'Products', selected: true }));
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.getByRole('tab', { name: 'Reported reviews', selected: true }).waitFor();
      const row = page.getByTestId('reported-review').filter({ hasText: REVIEW_TITLE });
      await row.waitFor();
      await row.getByText('Contains a phone number').waitFor();
      await tabTo(row.getByRole('button', { name: `Remove the review ${REVIEW_TITLE}` }));
      await page.keyboard.press('Enter');
      await page.getByText('Choose the policy the review breaks.').waitFor();
      await page.getByText('A reason of at least 3 characters is required to remove a review.').waitFor();
      await checkPage(page, 'moderation-reviews', row);
      await tabTo(page.getByTestId('review-policy'), { back: true });
      await chooseByKeyboard(page.getByTestId('review-policy'), 'Personal data');
      await tabTo(page.getByTestId('review-reason'));
      await page.keyboard.type(REVIEW_REMOVAL_REASON);
      await tabTo(row.getByRole('button', { name: `Remove the review ${REVIEW_TITLE}` }));
      await page.keyboard.press('Space');
      await page.getByTestId('review-done').filter({ hasText: REVIEW_TITLE }).waitFor();
      await eventually('the review out of the queue', async () => (await row.count()) === 0);
    },
  );

  await step(
    'the seller has no payout account: its share is held; the admin retries it with a reason',
    async () => {
      await section('Payouts').click();
      await heading(page, 'Payouts').waitFor();
      await page.getByTestId('held-amount').first().waitFor();
      const row = page.getByRole('row').filter({ hasText: storeName });
      await row.waitFor();
      await checkPage(page, 'payouts', row);
      // Keyboard only: the reason, then Tab to the seller's Retry and Enter.
      await tabTo(page.getByTestId('retry-reason'));
      await page.keyboard.type(REASONS.retry);
      await tabTo(row.getByRole('button', { name: /^Retry the transfer to/ }));
      await page.keyboard.press('Enter');
      await page.getByTestId('retry-done').filter({ hasText: `Still held` }).waitFor();
      // The failed transfers tab (Shift+Tab back to the switch, the arrow key): the provider's refusals, or a
      // clear empty state.
      await tabTo(page.getByRole('radiogroup', { name: 'Show transfers' }), { back: true });
      await page.keyboard.press('ArrowRight');
      await page.getByRole('radio', { name: 'Failed', checked: true }).waitFor();
      await page.getByTestId('issues').or(page.getByTestId('no-issues')).first().waitFor();
      await checkPage(page, 'payouts-failed', page.getByTestId('issues').or(page.getByTestId('no-issues')));
    },
  );

  await step(
    'the buyer’s bank disputes the order (the provider’s signed webhook to payments): the order page shows the dispute',
    async () => {
      const { orderPayment } = await graphql(
        api,
        'query($id: ID!) { orderPayment(buyerOrderId: $id) { intentId currency } }',
        { id: buyerOrderId },
        await userToken('admin@example.com'),
      );
      // What Stripe sends when a buyer's bank opens a chargeback on the order's payment.
      await providerWebhook('charge.dispute.created', {
        id: `dp_${run}`,
        object: 'dispute',
        amount: 1500,
        currency: orderPayment.currency.toLowerCase(),
        payment_intent: orderPayment.intentId,
        reason: 'product_not_received',
        status: 'needs_response',
      });
      await page.goto(`${base}/orders/${buyerOrderId}`);
      const dispute = page.getByTestId('payment-dispute').filter({ hasText: `dp_${run}` });
      await dispute.filter({ hasText: '€15.00' }).waitFor();
      await dispute.getByTestId('dispute-reason').filter({ hasText: 'Product not received' }).waitFor();
      await dispute
        .getByTestId('dispute-status')
        .filter({ hasText: /^\s*open\b/ })
        .waitFor();
      // The seller's share of it is taken from its (held) transfer while the dispute is open.
      await dispute
        .getByTestId('dispute-shares')
        .filter({ hasText: storeName })
        .filter({ hasText: 'kept from its transfer, held' })
        .waitFor();
      assert.equal(await page.getByTestId('no-disputes').count(), 0);
      await checkPage(page, 'order-dispute', dispute);
    },
  );

  await step(
    'the admin sets a category rate with a reason on the commission rules page and previews what a product pays',
    async () => {
      const admin = await userToken('admin@example.com');
      await graphql(
        api,
        'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }',
        { input: { name: categoryName } },
        admin,
      );
      await section('Commission rules').click();
      await heading(page, 'Commission rules').waitFor();
      await page.getByTestId('save-rule').waitFor();
      await checkPage(page, 'commissions', page.getByTestId('save-rule'));
      await page.getByTestId('rule-kind').click();
      await page.getByRole('option', { name: 'A category', exact: true }).click();
      await page.getByTestId('rule-category').click();
      await page.getByRole('option', { name: categoryName }).click();
      await page.getByTestId('rule-rate-input').fill('12.5');
      await page.getByTestId('rule-reason').fill(COMMISSION_REASON);
      await page.getByTestId('rule-reason').press('Enter');
      await page.getByTestId('rule-done').filter({ hasText: 'Rule saved' }).waitFor();
      await page
        .getByTestId('rule-scope')
        .filter({ hasText: `Category ${categoryName}` })
        .waitFor();
      await page.getByTestId('preview-seller').click();
      await page.getByRole('option', { name: storeName }).click();
      await page.getByTestId('preview-category').click();
      await page.getByRole('option', { name: categoryName }).click();
      await page.getByTestId('preview-price').fill('40.00');
      await page.getByTestId('run-preview').click();
      // 12.5 % of €40.00 is €5.00 unless this seller has a rule of its own, which it has not.
      await page.getByTestId('preview-result').filter({ hasText: '€5.00' }).waitFor();
      await checkPage(page, 'commissions-preview', page.getByTestId('preview-result'));
      const rule = page.getByRole('row').filter({ hasText: `Category ${categoryName}` });
      await rule.getByRole('button', { name: `Remove the rule of Category ${categoryName}` }).click();
      await page.getByTestId('rule-done').filter({ hasText: 'removed' }).waitFor();
    },
  );

  await step(
    'in the category tree (keyboard) the admin renames and moves a category; deleting it is refused while a product uses it',
    async () => {
      const { categories } = await graphql(api, '{ categories { id name } }');
      const categoryId = categories.find((category) => category.name === categoryName).id;
      await graphql(
        api,
        'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        {
          input: {
            title: `${run} storm lantern`,
            currency: 'EUR',
            categoryId,
            variants: [{ sku: `STORM-${run}`.toUpperCase(), priceMinor: 5900 }],
          },
        },
        sellerToken,
      );
      await section('Categories').click();
      await heading(page, 'Categories').waitFor();
      await page.getByTestId('pick').waitFor();
      // A new top-level category, added in the page.
      await page.getByTestId('create-name').fill(outdoorCategory);
      await page.getByTestId('create').click();
      await page
        .getByTestId('done')
        .filter({ hasText: `added “${outdoorCategory}”` })
        .waitFor();
      await checkPage(page, 'categories', page.getByRole('treeitem').first());
      // Keyboard: into the tree, arrow down to the category, Enter picks it.
      const node = page.getByRole('treeitem', { name: categoryName });
      await page.getByRole('treeitem').first().focus();
      for (
        let presses = 0;
        !(await node.evaluate((element) => element === document.activeElement));
        presses++
      ) {
        assert.ok(presses < 1000, `${categoryName} not reached with the arrow keys`);
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: `Edit “${categoryName}”` }).waitFor();
      await page.getByTestId('category-reason').fill(CATEGORY_REASONS.rename);
      await page.getByTestId('rename-name').fill(renamedCategory);
      await page.getByTestId('rename-name').press('Enter');
      await page
        .getByTestId('done')
        .filter({ hasText: `to “${renamedCategory}”` })
        .waitFor();
      await page.getByRole('treeitem', { name: renamedCategory }).waitFor();

      await page.getByTestId('category-reason').fill(CATEGORY_REASONS.move);
      await page.getByTestId('move-parent').click();
      await page.getByRole('option', { name: outdoorCategory, exact: true }).click();
      await page.getByTestId('move').click();
      await page
        .getByTestId('done')
        .filter({ hasText: `under “${outdoorCategory}”` })
        .waitFor();
      await page.getByRole('heading', { name: `Edit “${outdoorCategory} › ${renamedCategory}”` }).waitFor();
      const moved = (await graphql(api, '{ categories { id parentId path } }')).categories.find(
        (category) => category.id === categoryId,
      );
      const outdoor = (await graphql(api, '{ categories { id name } }')).categories.find(
        (category) => category.name === outdoorCategory,
      );
      assert.deepEqual(moved.path, [outdoor.id]);

      await page.getByTestId('delete').click();
      await page
        .getByTestId('error')
        .filter({
          hasText: `'${renamedCategory}' is used by 1 product; file them under another category first`,
        })
        .waitFor();
      await page.getByRole('treeitem', { name: renamedCategory }).waitFor();
      await checkPage(page, 'categories-in-use', page.getByTestId('error'));
    },
  );

  await step('every action is in the audit log with its reason; the CSV export holds them', async () => {
    await page.goto(`${base}/sellers/${tenantId}`);
    await heading(page, storeName).waitFor();
    // The seller's own rate changes with a reason (said next to the field when missing).
    await page.getByTestId('rate-percent').fill('11');
    await page.getByTestId('save-rate').click();
    await page.getByText('A reason of at least 3 characters is required.').waitFor();
    await checkPage(page, 'seller-rate-reason', page.getByText('A reason of at least 3 characters'));
    await page.getByTestId('rate-reason').fill(REASONS.rate);
    await page.getByTestId('save-rate').click();
    await page.getByTestId('rate-done').filter({ hasText: '11 %' }).waitFor();
    await page.getByRole('link', { name: 'Audit log of this seller' }).click();
    await page.waitForURL(/\/audit\?tenantId=/);
    await heading(page, 'Audit log').waitFor();
    await page.getByRole('checkbox', { name: 'Changes only (no reads)' }).check();
    await page.getByTestId('apply').click();
    for (const reason of Object.values(REASONS))
      await eventually(`the audit record "${reason}"`, async () => {
        if (await page.getByTestId('reason-cell').filter({ hasText: reason }).count()) return true;
        await page.getByTestId('apply').click();
        return false;
      });
    const rows = page.getByTestId('audit-row');
    const actions = await rows.locator('code').allTextContents();
    for (const action of [
      'tenant.set-commission',
      'tenant.approve',
      'product.moderate',
      'product.reject',
      'tenant.suspend',
      'tenant.reactivate',
      'order.refund',
      'transfer.retry',
    ])
      assert.ok(actions.includes(action), `${action} is not in the audit log (${actions.join(', ')})`);
    await checkPage(page, 'audit-log', page.getByTestId('audit-row'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv.split('\r\n')[0], /^id,occurred_at,actor_id,service,action,tenant_id/);
    for (const reason of Object.values(REASONS)) assert.ok(csv.includes(reason), `CSV lacks "${reason}"`);
    // Commission rules are platform records (no tenant): found by their action.
    await page.getByTestId('filter-tenant').fill('');
    await page.getByTestId('filter-action').fill('commission-rule.set');
    await eventually(`the audit record "${COMMISSION_REASON}"`, async () => {
      await page.getByTestId('apply').click();
      return (await page.getByTestId('reason-cell').filter({ hasText: COMMISSION_REASON }).count()) > 0;
    });
    // Category changes (platform records) and the rejection, each with its reason.
    for (const [action, reason] of [
      ['category.rename', CATEGORY_REASONS.rename],
      ['category.move', CATEGORY_REASONS.move],
      ['tenant.reject', REJECT_REASON],
    ]) {
      await page.getByTestId('filter-action').fill(action);
      await eventually(`the audit record "${reason}"`, async () => {
        await page.getByTestId('apply').click();
        return (await page.getByTestId('reason-cell').filter({ hasText: reason }).count()) > 0;
      });
    }
    // The refused deletion changed nothing and left no record; the e-mail search is an audited read.
    await page.getByTestId('filter-action').fill('category.delete');
    await page.getByTestId('apply').click();
    await page.getByTestId('empty').or(page.getByTestId('audit-row')).first().waitFor();
    assert.equal(
      await page.getByTestId('audit-row').filter({ hasText: renamedCategory }).count(),
      0,
      'a refused deletion is in the audit log',
    );
    await page.getByRole('checkbox', { name: 'Changes only (no reads)' }).uncheck();
    await page.getByTestId('filter-action').fill('user.lookup');
    await eventually('the e-mail look-up recorded', async () => {
      await page.getByTestId('apply').click();
      return (await page.getByTestId('audit-row').count()) > 0;
    });
    // At 390 px the records stack instead of scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    // The layout settles once the side bar has finished moving out of the way.
    const measure = () =>
      page.evaluate(() => {
        const region = document.querySelector('[aria-label="Audit records, scrollable"]');
        if (!region) return { by: 0, widest: '' };
        const right = region.getBoundingClientRect().right;
        const widest = [...region.querySelectorAll('*')]
          .filter((element) => element.getBoundingClientRect().right > right + 1)
          .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`)
          .slice(-3)
          .join(', ');
        return { by: region.scrollWidth - region.clientWidth, widest };
      });
    let overflow = await measure();
    await eventually(
      'the audit table to fit 390 px',
      async () => (overflow = await measure()).by <= 1,
      10_000,
    ).catch(() => undefined);
    assert.ok(
      overflow.by <= 1,
      `the audit table scrolls sideways at 390 px by ${overflow.by} px (${overflow.widest})`,
    );
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step('the audit log by keyboard only: the side bar, filters, the next page, the CSV', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await tabTo(section('Audit log'), { back: true });
    await page.keyboard.press('Enter');
    await heading(page, 'Audit log').waitFor();
    await tabTo(page.getByTestId('filter-tenant'));
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await tabTo(page.getByTestId('filter-action'));
    await page.keyboard.press('Control+a');
    await page.keyboard.type('tenant.');
    await tabTo(page.getByTestId('changes-only'));
    const changesOnly = page.getByRole('checkbox', { name: 'Changes only (no reads)' });
    if (!(await changesOnly.isChecked())) await page.keyboard.press('Space');
    assert.ok(await changesOnly.isChecked(), 'Space did not check "Changes only"');
    // Enter in a field applies the filters (the form's submit).
    await tabTo(page.getByTestId('filter-action'), { back: true });
    await page.keyboard.press('Enter');
    const rows = page.getByTestId('audit-row');
    await eventually('the filtered records', async () => {
      // A record's action is its first code (before and after follow as code too).
      const actions = await rows.evaluateAll((all) =>
        all.map((row) => row.querySelector('code')?.textContent?.trim() ?? ''),
      );
      return actions.length > 0 && actions.every((action) => action.startsWith('tenant.'));
    });
    // The next page: every run of this suite records tenant changes, so the shared log holds more than a page.
    if (await page.getByTestId('more').count()) {
      const before = await rows.count();
      await tabTo(page.getByTestId('more'));
      await page.keyboard.press('Enter');
      await eventually('the next page appended', async () => (await rows.count()) > before);
    }
    await tabTo(page.getByTestId('export'), { back: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv.split('\r\n')[0], /^id,occurred_at,actor_id,service,action,tenant_id/);
    assert.ok(csv.includes('tenant.'), 'the CSV holds none of the filtered records');
  });

  await step('the search index page shows the status and starts a rebuild', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Search index' }).click();
    await heading(page, 'Search index').waitFor();
    await page.getByTestId('index-state').waitFor();
    await checkPage(page, 'search-index', page.getByTestId('index-state'));
    // Keyboard only: Tab to the reason, type it, Tab to Rebuild and press Space.
    await tabTo(page.getByTestId('rebuild-reason'));
    await page.keyboard.type(`Imported products ${run}`);
    await tabTo(page.getByTestId('rebuild'));
    await page.keyboard.press('Space');
    await page.getByTestId('rebuild-message').filter({ hasText: 'Rebuild started.' }).waitFor();
  });

  await step('deletion is refused while the seller is not suspended (portal and API)', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const { signUpSeller } = await graphql(
      api,
      'mutation($input: SignUpSellerInput!) { signUpSeller(input: $input) { tenant { id } } }',
      { input: { name: leavingStore, alias: leavingAlias } },
      await userToken(leavingEmail),
    );
    leavingId = signUpSeller.tenant.id;
    const admin = await userToken('admin@example.com');
    await graphql(api, 'mutation($id: ID!) { approveTenant(id: $id) { id } }', { id: leavingId }, admin);
    await page.goto(`${base}/sellers/${leavingId}`);
    await heading(page, leavingStore).waitFor();
    await page.getByTestId('seller-status').filter({ hasText: 'Active' }).waitFor();
    await page
      .getByTestId('deletion-needs-suspension')
      .filter({ hasText: 'refused while the seller is active' })
      .waitFor();
    assert.equal(await page.getByTestId('request-deletion').count(), 0, 'an active seller can be deleted');
    await assert.rejects(
      graphql(
        api,
        'mutation($id: ID!) { requestTenantDeletion(tenantId: $id, reason: "not suspended") { id } }',
        { id: leavingId },
        admin,
      ),
      /Suspend the seller before deleting it/,
    );
  });

  await step(
    "the admin exports the leaving seller's data and downloads the archive (gzip tar with manifest.json)",
    async () => {
      await page.getByTestId('request-export').click();
      await page.getByTestId('export-progress').or(page.getByTestId('export-ready')).first().waitFor();
      await page.getByTestId('export-ready').waitFor({ timeout: 120_000 });
      await page
        .getByTestId('export-expiry')
        .filter({ hasText: /works until .+ \(for \d+ minutes/ })
        .waitFor();
      await checkPage(page, 'seller-offboarding-export', page.getByTestId('export-download'));
      await photographOffboarding('seller-offboarding-export');
      await page.setViewportSize({ width: 1280, height: 900 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-download').click(),
      ]);
      const archive = await readFile(await download.path());
      assert.deepEqual([...archive.subarray(0, 2)], [0x1f, 0x8b], 'the archive is not gzip');
      const files = untar(gunzipSync(archive));
      assert.ok(
        files.has('manifest.json'),
        `no manifest.json in ${[...files.keys()].slice(0, 10).join(', ')}`,
      );
      const manifest = JSON.parse(files.get('manifest.json').toString('utf8'));
      const nested = [...files.keys()].filter((name) => name.startsWith('tenants/objects/'));
      assert.deepEqual(nested, [], 'the archive carries export parts or archives of its own');
      assert.equal(manifest.tenantId, leavingId, 'the manifest is not of the leaving seller');
      // A second export: once it is ready, the first one is listed among the earlier exports.
      await page.getByTestId('request-export').click();
      await page.getByTestId('export-history').waitFor({ timeout: 120_000 });
    },
  );

  await step(
    'the admin suspends the seller, is refused with a wrong store address, then deletes it with a reason and sees every service confirm',
    async () => {
      await page.getByTestId('reason').fill(`Leaving the marketplace ${run}`);
      await page.getByTestId('suspend').click();
      await page.getByTestId('seller-status').filter({ hasText: 'Suspended' }).waitFor();
      await page.getByTestId('deletion-reason').fill(DELETION_REASON);
      await page.getByTestId('deletion-confirmation').fill(`${leavingAlias}-typo`);
      await page.getByTestId('request-deletion').click();
      await page
        .getByTestId('deletion-confirmation-error')
        .filter({ hasText: 'nothing was deleted' })
        .waitFor();
      assert.equal(
        await page.getByTestId('deletion-status').count(),
        0,
        'a wrong store address started a deletion',
      );
      const admin = await userToken('admin@example.com');
      const before = await graphql(
        api,
        'query($id: ID!) { tenantDeletion(tenantId: $id) { id } }',
        { id: leavingId },
        admin,
      );
      assert.equal(before.tenantDeletion, null, 'a wrong store address started a deletion');
      await checkPage(page, 'seller-offboarding-confirm', page.getByTestId('deletion-confirmation-error'));
      await photographOffboarding('seller-offboarding-confirm');
      await page.setViewportSize({ width: 1280, height: 900 });

      await page.getByTestId('deletion-confirmation').fill(leavingAlias);
      await page.getByTestId('request-deletion').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('deletion-status').waitFor();
      await page
        .getByTestId('deletion-status')
        .filter({ hasText: 'Deleted on' })
        .waitFor({ timeout: 180_000 });
      const services = page.getByTestId('deletion-service');
      const rows = await services.allTextContents();
      assert.ok(rows.length >= 9, `only ${rows.length} services listed`);
      for (const row of rows) assert.match(row, /confirmed/, `not confirmed: ${row}`);
      await page.getByTestId('export-deleted').waitFor();
      await page.getByTestId('seller-deleted').waitFor();
      assert.equal(await page.getByTestId('reactivate').count(), 0, 'a deleted seller offers reactivation');
      assert.equal(await page.getByTestId('request-export').count(), 0, 'a deleted seller offers an export');
      await checkPage(page, 'seller-offboarding-deleted', page.getByTestId('deletion-status'));
      await photographOffboarding('seller-offboarding-deleted');
      await page.setViewportSize({ width: 1280, height: 900 });
      const { tenantDeletion } = await graphql(
        api,
        'query($id: ID!) { tenantDeletion(tenantId: $id) { reason completedAt } }',
        { id: leavingId },
        admin,
      );
      assert.equal(tenantDeletion.reason, DELETION_REASON);
      assert.ok(tenantDeletion.completedAt, 'the deletion is not complete');
    },
  );

  await step('an unknown address shows the not-found page with a way back', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/no-such-page-${run}`);
    await heading(page, 'Page not found').waitFor();
    await checkPage(page, 'not-found', page.getByRole('link', { name: 'Go to the sellers' }));
  });

  await step('sellers, staff and buyers are refused every page and every admin operation', async () => {
    const operations = [
      ['query { tenants { pageInfo { hasNextPage } } }', {}],
      [`query($id: ID!) { tenantAccount(id: $id) { id } }`, { id: tenantId }],
      ['query { auditLog { nodes { id } } }', {}],
      ['query { auditLogCsv }', {}],
      ['mutation($id: ID!) { approveTenant(id: $id) { id } }', { id: tenantId }],
      ['mutation($id: ID!) { suspendTenant(id: $id, reason: "not mine") { id } }', { id: tenantId }],
      ['mutation($id: ID!) { reactivateTenant(id: $id) { id } }', { id: tenantId }],
      [
        'mutation($id: ID!) { moderateProduct(id: $id, moderation: REMOVED, reason: "not mine") { id } }',
        { id: productId },
      ],
      ['mutation($id: ID!) { rejectProduct(id: $id, reason: "not mine") { id } }', { id: productId }],
      ['query($id: ID!) { adminProductCounts(sellerId: $id) { listed } }', { id: tenantId }],
      ['query { sellerOverview { active } }', {}],
      ['query { salesOverview { gmv } }', {}],
      [`query($s: ID) { orders(sellerId: $s) { nodes { id } } }`, { s: tenantId }],
      ['query { payoutIssues(kind: HELD) { nodes { id } } }', {}],
      ['query { heldFunds { amount } }', {}],
      ['mutation { retryTransfer(id: "01JAAAAAAAAAAAAAAAAAAAAAAA") { id } }', {}],
      ['query { commissionRules { id } }', {}],
      ['mutation { setCommissionRule(input: { rateBps: 1 }) { id } }', {}],
      [
        'query($t: ID!) { commissionPreview(input: { tenantId: $t, unitPrice: 100, currency: "EUR" }) { commission } }',
        { t: tenantId },
      ],
      ['query { searchIndexStatus { products } }', {}],
      ['mutation { rebuildSearchIndex { products } }', {}],
      ['mutation($id: ID!) { rejectTenant(id: $id, reason: "not mine") { id } }', { id: rejectedId }],
      ['query($id: ID!) { sellerStaff(sellerId: $id) { userId } }', { id: tenantId }],
      ['query($id: ID!) { sellerLedgerOverview(sellerId: $id) { balances { balance } } }', { id: tenantId }],
      ['query($e: String!) { userByEmail(email: $e) { id } }', { e: buyerEmail }],
      ['query($id: ID!) { orderPayment(buyerOrderId: $id) { status } }', { id: buyerOrderId }],
      ['query($ids: [ID!]!) { sellerPayoutAccounts(sellerIds: $ids) { state } }', { ids: [tenantId] }],
      ['query($id: ID!) { tenantExports(tenantId: $id) { id } }', { id: tenantId }],
      ['mutation($id: ID!) { requestTenantExport(tenantId: $id) { id } }', { id: tenantId }],
      ['mutation { createCategory(input: { name: "Sneaky" }) { id } }', {}],
      [
        'mutation($id: ID!) { renameCategory(input: { id: $id, name: "Taken over" }) { id } }',
        { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
      ],
      [
        'mutation($id: ID!) { moveCategory(id: $id, parentId: null) { id } }',
        { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
      ],
      ['mutation($id: ID!) { deleteCategory(id: $id) { id } }', { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }],
      [
        'mutation($input: AdminRefundInput!) { refundSellerOrder(input: $input) { id } }',
        {
          input: {
            sellerOrderId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
            amount: 1,
            reason: 'not mine',
            idempotencyKey: `refused-${run}`,
          },
        },
      ],
      [
        'mutation($id: ID!) { requestTenantDeletion(tenantId: $id, reason: "not mine to delete") { __typename } }',
        { id: tenantId },
      ],
      ['query($id: ID!) { tenantDeletion(tenantId: $id) { __typename } }', { id: tenantId }],
      ['mutation($id: ID!) { removeCommissionRule(id: $id) { id } }', { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }],
      [
        'mutation($id: ID!) { setCommissionRate(id: $id, commissionBps: 1, reason: "not mine") { id } }',
        { id: tenantId },
      ],
      [
        'mutation($id: ID!) { retryCheckout(id: $id, reason: "not mine") { __typename } }',
        { id: buyerOrderId },
      ],
      ['query { checkoutsNeedingAttention { pageInfo { hasNextPage } } }', {}],
      ['query { disputes { pageInfo { hasNextPage } } }', {}],
      ['query { reportedReviews { pageInfo { hasNextPage } } }', {}],
      [
        'mutation($id: ID!) { removeReview(id: $id, policy: PERSONAL_DATA, reason: "not mine") { id } }',
        { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' },
      ],
      ['mutation($id: ID!) { dismissReviewReports(id: $id) { id } }', { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }],
      ['query($id: ID) { adminProducts(sellerId: $id) { pageInfo { hasNextPage } } }', { id: tenantId }],
    ];
    for (const email of [sellerEmail, 'staff@acme.example.com', buyerEmail]) {
      const token = await userToken(email);
      for (const [query, variables] of operations)
        await assert.rejects(
          graphql(api, query, variables, token),
          /requires one of the roles|not allowed|forbidden|unauthori/i,
          `${email}: ${query}`,
        );
      const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const visitor = await other.newPage();
      try {
        await visitor.goto(`${base}/sellers`);
        await signInOnKeycloak(visitor, email);
        await visitor.getByTestId('not-allowed').filter({ hasText: '/sellers' }).waitFor();
        for (const path of [
          '/overview',
          '/orders',
          '/payouts',
          '/moderation',
          '/commissions',
          '/audit',
          '/categories',
          `/sellers/${tenantId}`,
          `/orders/${buyerOrderId}`,
          '/search-index',
        ]) {
          await visitor.goto(`${base}${path}`);
          await visitor.getByTestId('not-allowed').filter({ hasText: path }).waitFor();
        }
        assert.equal(await visitor.getByRole('link', { name: 'Audit log' }).count(), 0);
        if (email === buyerEmail) await checkPage(visitor, 'not-allowed', visitor.getByTestId('not-allowed'));
      } finally {
        await other.close();
      }
    }
    // The seller is unchanged by all those attempts.
    const admin = await userToken('admin@example.com');
    const { tenantAccount } = await graphql(
      api,
      'query($id: ID!) { tenantAccount(id: $id) { status } }',
      { id: tenantId },
      admin,
    );
    assert.equal(tenantAccount.status, 'ACTIVE');
  });

  await step('no uncaught errors in the portal', async () => {
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser?.close().catch((e) => console.error(`browser close: ${e.message}`));
}

process.exit(summary('e2e') ? 1 : 0);
