// Browser test of the seller portal in headless Chromium against the running platform (Keycloak, gateway,
// services, S3): a new user signs up a store and sees it pending; an admin approves it through the API; the seller
// creates a product with two variants and a picture (thumbnail, alt text), sets stock and publishes; a new buyer buys it in the
// storefront; the seller finds the order on the dashboard (figures computed by the orders service) and in the queue
// (filtered by date) and ships it with a tracking number and tracking page; the buyer sees the tracking link; the
// seller decides a refund request, reads statements, sees the team with roles, manages API clients (secret shown
// once, rotated, revoked) and a webhook endpoint (topics picked, secret shown once, listed) and keeps a store profile with logo the storefront shows; a user in two organizations
// switches between them; a staff member invited by e-mail (read from Mailpit) accepts through the link and is refused
// payouts, statements, team and developer settings (UI and API). Every
// page is checked with axe and photographed at 1280 and 390 px; bad input gets a message next to the field.
// Needs the seller portal and the storefront running as `npm start` runs them (SELLER_PORTAL_URL, STOREFRONT_URL).
/* global document, Buffer, fetch, setTimeout */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkAtEveryWidth as checkWidths,
  createKeycloakUser as createUser,
  graphql,
  keycloakAdminHeaders,
  keycloakUrl,
  launchChromium,
  ready,
  realm,
  signInOnKeycloak,
  stepRunner,
  userToken,
} from '@marketplace/browser-testing';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Every page at both widths, failing on any axe violation whatever its impact.
const checkAtEveryWidth = (page, artifacts, name, settled) =>
  checkWidths(page, artifacts, name, settled, { failOn: 'any' });
const artifacts = join(root, 'test-artifacts');
const base = process.env.SELLER_PORTAL_URL ?? 'http://localhost:4300';
const shop = process.env.STOREFRONT_URL ?? 'http://localhost:4200';
const api = process.env.GATEWAY_GRAPHQL_URL ?? 'http://127.0.0.1:4000/graphql';
const run = randomBytes(4).toString('hex');
const sellerEmail = `seller-${run}@example.com`;
const buyerEmail = `buyer-${run}@example.com`;
const staffEmail = `staff-${run}@example.com`;
const mailpit = process.env.MAILPIT_URL ?? 'http://127.0.0.1:18025';
const storeName = `Quill ${run} Supplies`;
const title = `${run} fountain pen`;
const skus = [`PEN-${run}-S`.toUpperCase(), `PEN-${run}-M`.toUpperCase()];
const tracking = `JJD${run.toUpperCase()}01`;
const pictureAlt = `The ${run} fountain pen, cap off, nib up`;
const trackingUrl = `https://www.dhl.de/en/privatkunden/pakete-empfangen/verfolgen.html?piececode=${tracking}`;

let page;
const { step, summary } = stepRunner(artifacts, () => page);

/** A PNG drawn by the browser itself, so the test needs no image files. */
async function drawPng(target) {
  const data = await target.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 800;
    canvas.height = 600;
    const context = canvas.getContext('2d');
    const gradient = context.createLinearGradient(0, 0, 800, 600);
    gradient.addColorStop(0, '#5b3fa5');
    gradient.addColorStop(1, '#f2c14e');
    context.fillStyle = gradient;
    context.fillRect(0, 0, 800, 600);
    return canvas.toDataURL('image/png').split(',')[1];
  });
  return Buffer.from(data, 'base64');
}

/** The accept link of the staff invitation Mailpit caught for `email`, as the invitee reads it in the e-mail. */
async function invitationLinkFor(email) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const search = await fetch(
      `${mailpit}/api/v1/search?query=${encodeURIComponent(`to:"${email}" subject:"Join"`)}`,
    );
    assert.ok(search.ok, `Mailpit search answered ${search.status}`);
    const [latest] = (await search.json()).messages;
    if (latest) {
      const message = await (await fetch(`${mailpit}/api/v1/message/${latest.ID}`)).json();
      const link = /https?:\/\/\S+\/invitations\/accept\?token=[\w.%-]+/.exec(message.Text)?.[0];
      assert.ok(link, `the invitation e-mail carries no accept link: ${message.Text}`);
      return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no invitation e-mail to ${email} within 60 s`);
}

/** A link of the portal's section navigation. */
const nav = (target, name) =>
  target.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

/**
 * Presses Tab (Shift+Tab with `back`) until the element with this test id (or one inside it) has the focus, as a
 * keyboard user moves through the page; fails after `max` presses.
 */
async function tabTo(target, testId, { back = false, max = 80 } = {}) {
  const focused = () =>
    target.evaluate((id) => Boolean(document.activeElement?.closest(`[data-testid="${id}"]`)), testId);
  for (let i = 0; i < max; i += 1) {
    await target.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await focused()) return;
  }
  throw new Error(`${testId} not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** Replaces the focused field's text by typing, as a keyboard user does. */
async function retype(target, text) {
  await target.keyboard.press('ControlOrMeta+A');
  await target.keyboard.press('Backspace');
  await target.keyboard.type(text);
}

/** The cells of one line of the portal's CSV (every cell quoted, no line breaks inside this test's cells). */
function csvCells(line) {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1].replaceAll('""', '"'));
}

/** Picks `value` in the Material select with this test id. */
async function choose(target, testId, value) {
  await target.getByTestId(testId).click();
  await target.getByRole('option', { name: value, exact: true }).click();
}

/** The portal's main heading once the page has loaded. */
const heading = (target, name) => target.getByRole('heading', { level: 1, name });

for (const [name, url] of [
  ['seller portal', `${base}/health/ready`],
  ['storefront', `${shop}/health/ready`],
  ['gateway', api.replace(/\/graphql$/, '/health/ready')],
])
  assert.ok(await ready(url), `the ${name} is not running (${url}); start the platform with npm start`);

let browser;
try {
  await createUser(sellerEmail);
  await createUser(buyerEmail);
  browser = await launchChromium();
  const sellerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await sellerContext.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  let tenantId = '';
  let productId = '';
  let orderId = '';
  let sellerOrderId = '';

  console.log(`seller portal e2e (${base}, storefront ${shop}, seller ${sellerEmail})`);

  await step(
    'a new user signs in and is asked to sign up a store; empty fields are refused next to them',
    async () => {
      await page.goto(base);
      await signInOnKeycloak(page, sellerEmail);
      await page.waitForURL(`${base}/signup`);
      await heading(page, 'Become a seller').waitFor();
      await page.getByTestId('sign-up').click();
      await page.getByText('Store name is required.').waitFor();
      await page.getByText('Store address is required.').waitFor();
      await page.getByTestId('store-alias').fill('Not A Slug!');
      await page.getByTestId('store-name').fill('x'.repeat(256));
      await page.getByTestId('sign-up').click();
      await page
        .getByText('Store address may hold only lowercase letters, digits and single dashes.')
        .waitFor();
      await page.getByText('Store name must be at most 255 characters.').waitFor();
      await page.getByTestId('store-name').fill('');
      await checkAtEveryWidth(page, artifacts, 'signup-errors', page.getByText('Store name is required.'));
    },
  );

  await step(
    'signing up creates the organization and the portal says honestly that it awaits approval',
    async () => {
      await page.getByTestId('store-alias').fill('');
      await page.getByTestId('store-name').fill(storeName);
      assert.equal(await page.getByTestId('store-alias').inputValue(), `quill-${run}-supplies`);
      await page.getByTestId('sign-up').click();
      await page.waitForURL(`${base}/dashboard`);
      await page
        .getByTestId('pending-approval')
        .filter({ hasText: `${storeName} is awaiting approval` })
        .waitFor();
      await page.getByTestId('org-name').filter({ hasText: storeName }).waitFor();
      await checkAtEveryWidth(page, artifacts, 'dashboard-pending', page.getByTestId('pending-approval'));
    },
  );

  await step('an admin approves the store through the API; the banner goes away', async () => {
    const sellerToken = await userToken(sellerEmail);
    const { myTenant } = await graphql(api, 'query { myTenant { id status } }', {}, sellerToken);
    assert.equal(myTenant.status, 'PENDING');
    tenantId = myTenant.id;
    const adminToken = await userToken('admin@example.com');
    const { approveTenant } = await graphql(
      api,
      'mutation Approve($id: ID!) { approveTenant(id: $id) { status } }',
      { id: tenantId },
      adminToken,
    );
    assert.equal(approveTenant.status, 'ACTIVE');
    await page.getByRole('button', { name: 'Check again' }).click();
    await page.getByTestId('pending-approval').waitFor({ state: 'detached' });
  });

  await step('the product form refuses empty fields, a negative price and an oversized picture', async () => {
    await nav(page, 'Products').click();
    await page.getByText('No products yet').waitFor();
    await checkAtEveryWidth(page, artifacts, 'products-empty', page.getByText('No products yet'));
    await page.getByTestId('new-product').click();
    await heading(page, 'New product').waitFor();
    await page.getByTestId('variant-price-0').fill('-5');
    // Leaving the field shows its error, which moves the button below it; a click during that move is lost.
    await page.getByTestId('variant-price-0').blur();
    await page.getByText('Price must be a positive amount').waitFor();
    await page.getByTestId('save').click();
    await page.getByText('Title is required.').waitFor();
    await page.getByText('SKU is required.').waitFor();
    await page.getByText('Price must be a positive amount').waitFor();
    await page.getByTestId('title').fill('x'.repeat(201));
    await page.getByTestId('title').blur();
    await page.getByText('Title must be at most 200 characters.').waitFor();
    await page.getByTestId('add-attribute').click();
    await page.getByTestId('attribute-name-0').fill('Nib=size');
    await page.getByTestId('attribute-name-0').blur();
    await page.getByText('Attribute name must not contain "=".').waitFor();
    await page.getByTestId('save').click();
    await page.getByText('Attribute value is required.').waitFor();
    await page.getByTestId('image-input').setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(11 * 1024 * 1024, 1),
    });
    await page.getByTestId('image-error').filter({ hasText: 'pictures may be at most 10 MB' }).waitFor();
    await page.getByTestId('image-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not a picture'),
    });
    await page.getByTestId('image-error').filter({ hasText: 'is not a JPEG, PNG or WebP picture' }).waitFor();
    assert.equal(await page.getByTestId('image').count(), 0, 'a refused file was added');
    await checkAtEveryWidth(page, artifacts, 'product-errors', page.getByText('Title must be at most'));
  });

  await step(
    'the seller creates the product with two variants and a picture uploaded straight to S3',
    async () => {
      // Categories are the platform's: an admin adds one with a parent, the seller picks it from the tree.
      const adminToken = await userToken('admin@example.com');
      const CREATE_CATEGORY =
        'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id } }';
      const { createCategory: parent } = await graphql(
        api,
        CREATE_CATEGORY,
        { input: { name: `Writing ${run}` } },
        adminToken,
      );
      await graphql(
        api,
        CREATE_CATEGORY,
        { input: { name: `Fountain pens ${run}`, parentId: parent.id } },
        adminToken,
      );
      await page.reload();
      await heading(page, 'New product').waitFor();
      await page.getByTestId('category').click();
      await page.getByRole('option', { name: `Writing ${run} › Fountain pens ${run}` }).click();
      await page.getByTestId('add-attribute').click();
      await page.getByTestId('attribute-name-0').fill('Nib material');
      await page.getByTestId('attribute-value-0').fill('Steel');
      await page.getByTestId('title').fill(title);
      await page.getByTestId('description').fill('A smooth-writing fountain pen with a steel nib.');
      await page.getByTestId('add-option').click();
      await page.getByTestId('option-name-0').fill('Nib');
      await page.getByTestId('option-values-0').fill('Fine');
      await page.getByTestId('option-values-0').press('Enter');
      await page.getByTestId('option-values-0').fill('Medium');
      await page.getByTestId('option-values-0').press('Enter');
      await choose(page, 'variant-choice-0-0', 'Fine');
      await page.getByTestId('variant-sku-0').fill(skus[0]);
      await page.getByTestId('variant-price-0').fill('25.00');
      await page.getByTestId('add-variant').click();
      await choose(page, 'variant-choice-1-0', 'Medium');
      await page.getByTestId('variant-sku-1').fill(skus[1]);
      await page.getByTestId('variant-price-1').fill('27.50');
      // The upload runs slowly enough for the progress bar to be seen.
      const cdp = await sellerContext.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 20,
        downloadThroughput: 10_000_000,
        uploadThroughput: 400_000,
      });
      await page.getByTestId('image-input').setInputFiles({
        name: 'pen.png',
        mimeType: 'image/png',
        buffer: await drawPng(page),
      });
      await page.getByTestId('upload-progress').waitFor();
      await page.getByTestId('image-ready').waitFor({ timeout: 60_000 });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      // The picture shows as a thumbnail; its alt text is refused when too long, and kept when fitting.
      await page.getByTestId('image-thumbnail').waitFor();
      await page.getByTestId('image-alt').fill('x'.repeat(251));
      await page.getByTestId('save').click();
      await page.getByTestId('image-alt-error').filter({ hasText: 'at most 250 characters' }).waitFor();
      assert.equal(page.url(), `${base}/products/new`, 'a product was created despite the bad alt text');
      await page.getByTestId('image-alt').fill(pictureAlt);
      await page.getByTestId('save').click();
      await page.getByTestId('saved').filter({ hasText: 'Product created as a draft' }).waitFor();
      await page.waitForURL(/\/products\/[^/]+$/);
      productId = page.url().split('/').at(-1);
      assert.equal(await page.getByTestId('editor-status').textContent(), 'draft');
      assert.equal(await page.getByTestId('variant-row').count(), 2);
      assert.equal(await page.getByTestId('attribute-value-0').inputValue(), 'Steel');
      assert.equal(await page.getByTestId('image-alt').inputValue(), pictureAlt);
      await page
        .getByTestId('category')
        .filter({ hasText: `Writing ${run} › Fountain pens ${run}` })
        .waitFor();
      await checkAtEveryWidth(page, artifacts, 'product-editor', page.getByTestId('image-ready'));
    },
  );

  await step(
    'a SKU another product already uses is refused at its field, and nothing is created',
    async () => {
      await nav(page, 'Products').click();
      await page.getByTestId('new-product').click();
      await heading(page, 'New product').waitFor();
      await page.getByTestId('title').fill(`${title} copy`);
      await page.getByTestId('variant-sku-0').fill(skus[0]);
      await page.getByTestId('variant-price-0').fill('25.00');
      await page.getByTestId('save').click();
      await page.getByText('is already used by another product').waitFor();
      assert.equal(page.url(), `${base}/products/new`, 'a product with a used SKU was created');
      await checkAtEveryWidth(
        page,
        artifacts,
        'product-sku-taken',
        page.getByText('is already used by another'),
      );
    },
  );

  await step(
    'a product with two options (Size, Colour): a missing choice and a repeated combination are refused at the field; it round-trips after reload',
    async () => {
      const notebook = `${run} notebook`;
      const sku = (suffix) => `NB-${run}-${suffix}`.toUpperCase();
      await nav(page, 'Products').click();
      await page.getByTestId('new-product').click();
      await heading(page, 'New product').waitFor();
      await page.getByTestId('title').fill(notebook);
      // Values without a name are refused at the name; a second variant without any option at the options.
      await page.getByTestId('add-variant').click();
      await page.getByTestId('save').click();
      await page
        .getByTestId('options-error')
        .filter({ hasText: 'Add an option (e.g. Size) to tell the variants apart.' })
        .waitFor();
      await page.getByTestId('add-option').click();
      // A comma ends a value as Enter does.
      await page.getByTestId('option-values-0').pressSequentially('A5,A4,');
      await page.getByTestId('save').click();
      await page.getByText('Name option 1 (e.g. Colour): it has values.').waitFor();
      await page.getByTestId('option-name-0').fill('Size');
      await page.getByTestId('add-option').click();
      await page.getByTestId('option-name-1').fill('Colour');
      for (const value of ['Black', 'Red']) {
        await page.getByTestId('option-values-1').fill(value);
        await page.getByTestId('option-values-1').press('Enter');
      }
      await page.getByTestId('add-variant').click();
      const variantsOf = [
        ['A5', 'Black', sku('A5K'), '9.90', '12.00'],
        ['A5', 'Red', sku('A5R'), '9.90', ''],
        ['A5', 'Black', sku('A4K'), '11.50', ''],
      ];
      for (const [i, [size, colour, code, price, compareAt]] of variantsOf.entries()) {
        await choose(page, `variant-choice-${i}-0`, size);
        if (i !== 1) await choose(page, `variant-choice-${i}-1`, colour);
        await page.getByTestId(`variant-sku-${i}`).fill(code);
        await page.getByTestId(`variant-price-${i}`).fill(price);
        await page.getByTestId(`variant-compare-at-${i}`).fill(compareAt);
      }
      await page.getByTestId('save').click();
      await page.getByText('Choose the Colour of variant 2.').waitFor();
      await page
        .getByText('Variant 1 is already Size A5, Colour Black: each variant needs its own combination.')
        .waitFor();
      assert.equal(page.url(), `${base}/products/new`, 'a product with a repeated combination was created');
      await checkAtEveryWidth(
        page,
        artifacts,
        'product-options-errors',
        page.getByText('Variant 1 is already'),
      );
      await choose(page, 'variant-choice-1-1', 'Red');
      await choose(page, 'variant-choice-2-0', 'A4');
      await page.getByTestId('save').click();
      await page.getByTestId('saved').filter({ hasText: 'Product created as a draft' }).waitFor();
      await page.waitForURL(/\/products\/[^/]+$/);
      const notebookId = page.url().split('/').at(-1);

      // After a reload, every option, value, choice and compare-at price is back as saved.
      const expectSaved = async () => {
        await heading(page, notebook).waitFor();
        assert.equal(await page.getByTestId('option-row').count(), 2);
        assert.equal(await page.getByTestId('option-name-0').inputValue(), 'Size');
        assert.equal(await page.getByTestId('option-name-1').inputValue(), 'Colour');
        assert.deepEqual(
          (await page.getByTestId('option-value').allTextContents()).map((text) =>
            text.replace('×', '').trim(),
          ),
          ['A5', 'A4', 'Black', 'Red'],
        );
        assert.equal(await page.getByTestId('variant-row').count(), 3);
        const shown = [];
        for (let i = 0; i < 3; i += 1)
          shown.push([
            (await page.getByTestId(`variant-choice-${i}-0`).textContent()).trim(),
            (await page.getByTestId(`variant-choice-${i}-1`).textContent()).trim(),
            await page.getByTestId(`variant-sku-${i}`).inputValue(),
          ]);
        assert.deepEqual(shown, [
          ['A5', 'Black', sku('A5K')],
          ['A5', 'Red', sku('A5R')],
          ['A4', 'Black', sku('A4K')],
        ]);
        assert.equal(await page.getByTestId('variant-compare-at-0').inputValue(), '12.00');
      };
      await page.reload();
      await expectSaved();
      // Saved again unchanged, nothing is dropped either.
      await page.getByTestId('save').click();
      await page.getByTestId('saved').filter({ hasText: 'Saved.' }).waitFor();
      await page.goto(`${base}/products/${notebookId}`);
      await expectSaved();
      await checkAtEveryWidth(page, artifacts, 'product-two-options', page.getByTestId('option-row').first());

      // Two pictures: the second uploaded is moved before the first; the order is saved and shown after a reload.
      const upload = async (name) => {
        await page.getByTestId('image-input').setInputFiles({
          name,
          mimeType: 'image/png',
          buffer: await drawPng(page),
        });
      };
      await upload('cover.png');
      await page.getByTestId('image-ready').first().waitFor();
      await page.getByTestId('image-alt').first().fill('The notebook closed');
      await upload('pages.png');
      await page.getByTestId('image-ready').nth(1).waitFor({ timeout: 60_000 });
      await page.getByTestId('image-alt').nth(1).fill('The notebook open on dotted pages');
      await page.getByRole('button', { name: 'Move pages.png up' }).click();
      await page.getByTestId('save').click();
      await page.getByTestId('saved').filter({ hasText: 'Saved.' }).waitFor();
      await page.reload();
      await heading(page, notebook).waitFor();
      await page.getByTestId('image-ready').nth(1).waitFor();
      assert.deepEqual(
        [
          await page.getByTestId('image-alt').nth(0).inputValue(),
          await page.getByTestId('image-alt').nth(1).inputValue(),
        ],
        ['The notebook open on dotted pages', 'The notebook closed'],
      );
      await page.getByRole('button', { name: 'Move pages.png down' }).waitFor();
      assert.ok(
        await page.getByRole('button', { name: 'Move pages.png up' }).isDisabled(),
        'the picture moved first is not first after a reload',
      );
      await checkAtEveryWidth(
        page,
        artifacts,
        'product-pictures-reordered',
        page.getByTestId('image-ready').first(),
      );
    },
  );

  await step(
    'keyboard only: a product is filled, given an option and a second variant, and saved without the mouse',
    async () => {
      const cartridges = `${run} ink cartridges`;
      const sku = (colour) => `CART-${run}-${colour}`.toUpperCase();
      await page.goto(`${base}/products/new`);
      await heading(page, 'New product').waitFor();
      await tabTo(page, 'title');
      await page.keyboard.type(cartridges);
      await tabTo(page, 'add-option');
      await page.keyboard.press('Enter');
      await tabTo(page, 'option-name-0', { back: true });
      await page.keyboard.type('Colour');
      await page.keyboard.press('Tab');
      for (const colour of ['Blue', 'Green']) {
        await page.keyboard.type(colour);
        await page.keyboard.press('Enter');
      }
      await tabTo(page, 'variant-choice-0-0');
      await page.keyboard.press('Enter');
      await page.getByRole('option', { name: 'Blue', exact: true }).waitFor();
      await page.keyboard.press('Enter');
      await tabTo(page, 'variant-sku-0');
      await page.keyboard.type(sku('blue'));
      await tabTo(page, 'variant-price-0');
      await page.keyboard.type('6.50');
      await tabTo(page, 'add-variant');
      await page.keyboard.press('Enter');
      await page.getByTestId('variant-row').nth(1).waitFor();
      await tabTo(page, 'variant-choice-1-0', { back: true });
      await page.keyboard.press('Enter');
      await page.getByRole('option', { name: 'Green', exact: true }).waitFor();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.getByTestId('variant-choice-1-0').filter({ hasText: 'Green' }).waitFor();
      await tabTo(page, 'variant-sku-1');
      await page.keyboard.type(sku('green'));
      await tabTo(page, 'variant-price-1');
      await page.keyboard.type('6.50');
      // Enter in a field submits the form, as the save button does.
      await page.keyboard.press('Enter');
      await page.getByTestId('saved').filter({ hasText: 'Product created as a draft' }).waitFor();
      await heading(page, cartridges).waitFor();
      assert.equal(await page.getByTestId('variant-row').count(), 2);
      assert.equal(await page.getByTestId('variant-sku-1').inputValue(), sku('green'));
      assert.equal((await page.getByTestId('variant-choice-1-0').textContent()).trim(), 'Green');
    },
  );

  await step('the seller sets stock with a reason and sees the history', async () => {
    await nav(page, 'Inventory').click();
    await heading(page, 'Inventory').waitFor();
    await page.getByTestId('stock-apply').click();
    await page.getByText('SKU is required.').waitFor();
    await page.getByText('Reason is required.').waitFor();
    await page.getByTestId('stock-units').fill('-3');
    await page.getByTestId('stock-apply').click();
    await page.getByText('Units must be at least 0.').waitFor();
    for (const sku of skus) {
      await page.getByTestId('stock-sku').fill(sku);
      await page.getByTestId('stock-units').fill('12');
      await page.getByTestId('stock-reason').fill('goods received');
      await page.getByTestId('stock-apply').click();
      await page
        .getByTestId('stock-saved')
        .filter({ hasText: `Stock of ${sku} saved.` })
        .waitFor();
    }
    await page.getByTestId('stock-row').filter({ hasText: skus[1] }).waitFor();
    await page.getByTestId('history').filter({ hasText: '0 → 12 (goods received)' }).waitFor();

    // A threshold of 0 is refused next to the field, and the stock it came with is not changed.
    await page.getByRole('radio', { name: 'Add or remove units' }).click();
    await page.getByTestId('stock-sku').fill(skus[0]);
    await page.getByTestId('stock-units').fill('5');
    await page.getByTestId('stock-reason').fill('goods received');
    await page.getByTestId('stock-threshold').fill('0');
    await page.getByTestId('stock-threshold').blur();
    await page
      .getByTestId('stock-threshold-error')
      .filter({ hasText: 'Low-stock threshold must be at least 1.' })
      .waitFor();
    await page.getByTestId('stock-apply').click();
    await checkAtEveryWidth(
      page,
      artifacts,
      'inventory-threshold-refused',
      page.getByTestId('stock-threshold-error'),
    );
    const rowOf = (sku) => page.getByTestId('stock-row').filter({ hasText: sku });
    assert.equal(
      (await rowOf(skus[0]).getByTestId('on-hand').textContent()).trim(),
      '12',
      'a refused threshold changed stock',
    );
    assert.equal(await page.getByTestId('stock-saved').count(), 0, 'a refused threshold was reported saved');

    // A valid threshold is saved with the change; the table shows each SKU's location and threshold.
    await page.getByRole('radio', { name: 'Set units on hand' }).click();
    await page.getByTestId('stock-sku').fill(skus[1]);
    await page.getByTestId('stock-units').fill('12');
    await page.getByTestId('stock-reason').fill('stock count');
    await page.getByTestId('stock-threshold').fill('20');
    await page.getByTestId('stock-apply').click();
    await page
      .getByTestId('stock-saved')
      .filter({ hasText: `Stock of ${skus[1]} saved.` })
      .waitFor();
    await rowOf(skus[1]).getByTestId('stock-row-threshold').filter({ hasText: '20' }).waitFor();
    assert.equal((await rowOf(skus[0]).getByTestId('stock-row-threshold').textContent()).trim(), 'none');
    assert.equal((await rowOf(skus[0]).getByTestId('on-hand').textContent()).trim(), '12');
    await rowOf(skus[0])
      .getByTestId('stock-location')
      .filter({ hasText: 'Default location (default)' })
      .waitFor();
    await checkAtEveryWidth(page, artifacts, 'inventory', page.getByTestId('history'));

    // Keyboard only: the same form, filled and sent without the mouse (a count that keeps 12 on hand).
    await page.reload();
    await heading(page, 'Inventory').waitFor();
    await tabTo(page, 'stock-sku');
    await page.keyboard.type(skus[0]);
    await tabTo(page, 'stock-units');
    await retype(page, '12');
    await tabTo(page, 'stock-reason');
    await page.keyboard.type('keyboard count');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('stock-saved')
      .filter({ hasText: `Stock of ${skus[0]} saved.` })
      .waitFor();
    await page.getByTestId('history').filter({ hasText: 'keyboard count' }).waitFor();
  });

  await step('the seller publishes the product; the list shows it published', async () => {
    await page.goto(`${base}/products/${productId}`);
    await page.getByTestId('publish').click();
    await page.getByTestId('saved').filter({ hasText: 'Published' }).waitFor();
    assert.equal(await page.getByTestId('editor-status').textContent(), 'published');
    await nav(page, 'Products').click();
    await page.getByTestId('product-row-link').filter({ hasText: title }).waitFor();
    // The pen's own row (newer products, still drafts, are listed above it).
    const penRow = page.getByRole('row').filter({
      has: page.getByTestId('product-row-link').filter({ hasText: title }),
    });
    assert.match(await penRow.getByTestId('product-status').textContent(), /Published/);
    await checkAtEveryWidth(page, artifacts, 'products', page.getByTestId('product-row-link'));
  });

  await step(
    'CSV import: a malformed file is refused before upload; a file with a bad row imports the rest with progress and an error report; export downloads the catalog',
    async () => {
      await nav(page, 'Products').click();
      await page.getByTestId('import-link').click();
      await heading(page, 'Import and export products').waitFor();
      await page.getByTestId('csv-input').setInputFiles({
        name: 'prices.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Pen,EUR,P-1,2500\n'),
      });
      await page.getByTestId('csv-error').filter({ hasText: 'prices.csv is not a product CSV' }).waitFor();
      // The page explains every column, the alt texts of the pictures too.
      await page.getByText('image_alts').first().waitFor();
      const csv = [
        'title,currency,sku,price_minor,image_alts',
        `${run} ink blue,EUR,INK-${run}-B,900,`,
        `${run} ink red,EUR,INK-${run}-R,-5,`,
        `${run} ink black,EUR,INK-${run}-K,950,`,
        `${run} ink green,EUR,INK-${run}-G,950,A green ink bottle`,
      ].join('\n');
      await page
        .getByTestId('csv-input')
        .setInputFiles({ name: 'inks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page
        .getByTestId('import-progress')
        .filter({ hasText: '4 of 4 rows read, 2 products created, 2 rows refused' })
        .waitFor({ timeout: 60_000 });
      // An alt text without its picture is refused on its row, in its column.
      await page.getByText('Row 4, image_alts: one alt text per image: 0 expected, 1 given').waitFor();
      const [report] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('error-report').click(),
      ]);
      const reportText = await (await report.createReadStream()).toArray();
      assert.match(Buffer.concat(reportText).toString(), /"2","price_minor"/);
      await checkAtEveryWidth(page, artifacts, 'product-import', page.getByTestId('error-report'));
      const [exported] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export').click(),
      ]);
      const exportText = Buffer.concat(await (await exported.createReadStream()).toArray()).toString();
      for (const sku of [...skus, `INK-${run}-B`.toUpperCase()])
        assert.ok(exportText.toUpperCase().includes(sku), `the export lacks ${sku}`);
      // Every column the catalog's import reads, and a variant's row with its product's category, attributes,
      // options and its own option value: nothing an import would need is left empty.
      const [header, ...lines] = exportText.split('\r\n').map(csvCells);
      assert.deepEqual(header, [
        'product',
        'title',
        'description',
        'category',
        'currency',
        'sku',
        'price_minor',
        'compare_at_minor',
        'attributes',
        'options',
        'option_values',
        'images',
        'image_alts',
        'status',
      ]);
      const row = Object.fromEntries(
        header.map((column, i) => [column, lines.find((cells) => cells[5] === skus[1])?.[i]]),
      );
      assert.equal(row.product, productId);
      assert.equal(row.title, title);
      assert.match(row.category, /^[0-9A-Z]{26}$/, 'the category is not exported');
      assert.equal(row.price_minor, '2750');
      assert.equal(row.attributes, 'Nib material=Steel');
      assert.equal(row.options, 'Nib=Fine|Medium');
      assert.equal(row.option_values, 'Nib=Medium');
      assert.equal(row.image_alts, pictureAlt);
      assert.equal(row.status, 'published');
      const notebookRow = lines.find((cells) => cells[5] === `NB-${run}-A5K`.toUpperCase());
      assert.ok(notebookRow, 'the two-option product is not exported');
      assert.equal(notebookRow[header.indexOf('compare_at_minor')], '1200');
      assert.equal(notebookRow[header.indexOf('options')], 'Size=A5|A4;Colour=Black|Red');
      assert.equal(notebookRow[header.indexOf('option_values')], 'Size=A5;Colour=Black');
    },
  );

  await step(
    'products: the status filter lists each status; a second product is archived, a third deleted after confirming',
    async () => {
      const rowLink = (text) => page.getByTestId('product-row-link').filter({ hasText: text });
      const filterBy = async (option) => {
        await page.getByTestId('status-filter').click();
        await page.getByRole('option', { name: option, exact: true }).click();
      };
      const [blue, black] = [`${run} ink blue`, `${run} ink black`];
      await nav(page, 'Products').click();
      await rowLink(title).waitFor();
      await filterBy('Draft');
      await rowLink(blue).waitFor();
      await rowLink(title).waitFor({ state: 'detached' });
      await filterBy('Published');
      await rowLink(title).waitFor();
      await rowLink(blue).waitFor({ state: 'detached' });

      await filterBy('Any status');
      await rowLink(blue).click();
      await heading(page, blue).waitFor();
      await page.getByRole('button', { name: 'Archive' }).click();
      await page.getByTestId('saved').filter({ hasText: 'Archived.' }).waitFor();
      assert.equal(await page.getByTestId('editor-status').textContent(), 'archived');
      await nav(page, 'Products').click();
      await rowLink(title).waitFor();
      await filterBy('Archived');
      await rowLink(blue).waitFor();
      await rowLink(title).waitFor({ state: 'detached' });
      assert.match(await page.getByTestId('product-status').first().textContent(), /Archived/);
      await checkAtEveryWidth(page, artifacts, 'products-archived', rowLink(blue));

      await filterBy('Any status');
      await rowLink(black).click();
      await heading(page, black).waitFor();
      // Deleting asks first: dismissed, the product stays; accepted, it is gone.
      page.once('dialog', (dialog) => void dialog.dismiss());
      await page.getByRole('button', { name: 'Delete' }).click();
      await heading(page, black).waitFor();
      assert.match(page.url(), /\/products\/[0-9A-Z]{26}$/);
      page.once('dialog', (dialog) => {
        assert.match(dialog.message(), new RegExp(`Delete ${black}\\?`));
        void dialog.accept();
      });
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.waitForURL(`${base}/products`);
      await rowLink(title).waitFor();
      assert.equal(await rowLink(black).count(), 0, 'the deleted product is still listed');
    },
  );

  const buyerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const buyer = await buyerContext.newPage();
  await step('a new buyer buys it in the storefront', async () => {
    await buyer.goto(`${shop}/products/${productId}`);
    await buyer.getByTestId('product-title').filter({ hasText: title }).waitFor();
    // The picture carries the alt text the seller gave it.
    await buyer.getByRole('img', { name: pictureAlt, exact: true }).waitFor({ timeout: 30_000 });
    await buyer.getByTestId('sign-in').click();
    await signInOnKeycloak(buyer, buyerEmail);
    await buyer.waitForURL(`${shop}/**`);
    await buyer.getByTestId('account-menu').waitFor();
    await buyer
      .getByRole('radio', { name: 'Medium' })
      .or(buyer.getByRole('button', { name: 'Medium' }))
      .first()
      .click();
    await buyer.getByTestId('price').filter({ hasText: '27.50' }).waitFor();
    await buyer.getByTestId('add-to-cart').click();
    await buyer.getByText(`Added ${title} to your cart.`).waitFor();
    await buyer.goto(`${shop}/checkout`);
    await buyer.getByLabel('Full name').fill('Bea Buyer');
    await buyer.getByLabel('Street and number').fill('Hauptstraße 1');
    await buyer.getByLabel('Postal code').fill('10115');
    await buyer.getByLabel('City').fill('Berlin');
    await buyer.getByTestId('address-country').click();
    await buyer.getByRole('option', { name: 'Germany' }).click();
    await buyer.getByTestId('place-order').click();
    await buyer.waitForURL('**/checkout/confirmation/**');
    orderId = (await buyer.getByTestId('order-id').textContent()).trim();
    assert.ok(orderId, 'no order id on the confirmation');
  });

  await step('the seller sees the order on the dashboard and in the queue', async () => {
    await nav(page, 'Dashboard').click();
    await page.getByTestId('waiting-order').filter({ hasText: 'Bea Buyer' }).waitFor();
    assert.equal((await page.getByTestId('kpi-orders').textContent()).trim(), '1');
    assert.equal((await page.getByTestId('kpi-sales').textContent()).trim(), '€27.50');
    await page.locator('[echarts] canvas').first().waitFor();
    // Low stock by the seller's own thresholds: the second SKU (threshold 20) is listed, the first (none) is not.
    await page
      .getByTestId('low-stock-item')
      .filter({ hasText: `${skus[1]}:` })
      .filter({ hasText: '(alert at 20)' })
      .waitFor();
    assert.equal(
      await page
        .getByTestId('low-stock-item')
        .filter({ hasText: `${skus[0]}:` })
        .count(),
      0,
    );
    await checkAtEveryWidth(page, artifacts, 'dashboard', page.locator('[echarts] canvas'));
    await nav(page, 'Orders').click();
    await page.getByTestId('order-row').filter({ hasText: 'Bea Buyer' }).waitFor();
    assert.equal((await page.getByTestId('order-status').first().textContent()).trim(), 'Paid');
    await checkAtEveryWidth(page, artifacts, 'orders', page.getByTestId('order-row'));
  });

  await step(
    'the order queue filters by the date placed on the server; a backwards range is refused',
    async () => {
      const today = new Date().toISOString().slice(0, 10);
      await page.goto(`${base}/orders?from=${today}&to=${today}`);
      await page.getByTestId('order-row').filter({ hasText: 'Bea Buyer' }).waitFor();
      await page.goto(`${base}/orders?from=2020-01-01&to=2020-01-31`);
      await page.getByText('No orders match these filters.').waitFor();
      await checkAtEveryWidth(page, artifacts, 'orders-filtered-empty', page.getByText('No orders match'));
      await page.getByTestId('order-from').fill(today);
      await page.getByTestId('order-from').dispatchEvent('change');
      await page.getByTestId('order-to').fill('2020-01-31');
      await page.getByTestId('order-to').dispatchEvent('change');
      await page
        .getByTestId('order-dates-error')
        .filter({ hasText: 'The last day must not be before the first.' })
        .waitFor();
      await checkAtEveryWidth(page, artifacts, 'orders-date-error', page.getByTestId('order-dates-error'));
      await page.goto(`${base}/orders`);
      await page.getByTestId('order-row').first().waitFor();
    },
  );

  await step(
    'the seller ships it with carrier and tracking number (bad input refused next to the field)',
    async () => {
      await page.getByTestId('order-link').first().click();
      await page.getByTestId('ship-to').filter({ hasText: 'Hauptstraße 1' }).waitFor();
      assert.equal(await page.getByTestId('order-line').count(), 1);
      await page.getByTestId('ship').click();
      await page.getByText('Carrier is required.').waitFor();
      await page.getByTestId('tracking-number').fill('<script>');
      await page.getByTestId('ship').click();
      await page.getByText('Tracking number may hold letters, digits, spaces and . _ - / only.').waitFor();
      await checkAtEveryWidth(page, artifacts, 'order-errors', page.getByText('Carrier is required.'));
      // Packed first: the queue's "waiting" order moves on, shipping stays possible.
      await page.getByTestId('fulfil').click();
      await page.getByTestId('order-saved').filter({ hasText: 'Marked packed.' }).waitFor();
      await page.getByTestId('order-detail-status').filter({ hasText: 'Fulfilled' }).waitFor();
      assert.equal(await page.getByTestId('fulfil').count(), 0, 'an order can be packed twice');
      // The ship form, keyboard only: fields reached with Tab, sent with Enter.
      await page.getByRole('heading', { name: 'Ship it' }).waitFor();
      await tabTo(page, 'carrier');
      await retype(page, 'DHL');
      await page.keyboard.press('Tab');
      await retype(page, tracking);
      await page.keyboard.press('Tab');
      await retype(page, 'http://www.dhl.de/track');
      await page.keyboard.press('Enter');
      await page.getByText('Tracking page must start with https://.').waitFor();
      assert.equal(await page.getByTestId('order-detail-status').textContent(), 'Fulfilled');
      await retype(page, trackingUrl);
      await page.keyboard.press('Enter');
      await page.getByTestId('order-detail-status').filter({ hasText: 'Shipped' }).waitFor();
      assert.equal(await page.getByTestId('order-tracking').textContent(), tracking);
      assert.equal(await page.getByTestId('order-tracking-link').getAttribute('href'), trackingUrl);
      sellerOrderId = page.url().split('/').at(-1);
      await checkAtEveryWidth(page, artifacts, 'order-shipped', page.getByTestId('order-tracking'));
    },
  );

  await step(
    "printed, the order page is a packing slip: store, order number and date, ship-to, this seller's lines; no navigation or buttons",
    async () => {
      await page.getByTestId('print-slip').waitFor();
      assert.ok(await page.getByTestId('packing-slip').isHidden(), 'the packing slip shows on screen');
      await page.emulateMedia({ media: 'print' });
      try {
        const slip = page.getByTestId('packing-slip');
        await slip.waitFor();
        assert.equal((await slip.getByTestId('slip-store').textContent()).trim(), storeName);
        assert.equal(
          (await slip.getByTestId('slip-order').textContent()).trim(),
          sellerOrderId.slice(-8).toUpperCase(),
        );
        assert.match(await slip.getByTestId('slip-date').textContent(), /\b20\d\d\b/);
        const shipTo = await slip.getByTestId('slip-ship-to').textContent();
        for (const part of ['Bea Buyer', 'Hauptstraße 1', '10115 Berlin'])
          assert.ok(shipTo.includes(part), `the slip's address lacks ${part}`);
        const lines = slip.getByTestId('slip-line');
        assert.equal(await lines.count(), 1);
        assert.deepEqual(
          (await lines.first().locator('td').allTextContents()).map((cell) => cell.trim()),
          [skus[1], title, '1'],
        );
        // Nothing but the slip: no toolbar, navigation, banners, fulfilment form or buttons.
        for (const hidden of [
          page.locator('mat-toolbar'),
          page.locator('mat-sidenav'),
          page.getByTestId('sign-out'),
          page.getByTestId('print-slip'),
          page.getByTestId('order-detail-status'),
          page.getByRole('link', { name: '← Order queue' }),
        ])
          assert.ok(await hidden.isHidden(), `${hidden} is printed`);
        assert.equal(await page.locator('button:visible').count(), 0, 'a button is printed');
        await page.screenshot({ path: join(artifacts, 'packing-slip-print.png'), fullPage: true });
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
      await page.getByTestId('packing-slip').waitFor({ state: 'hidden' });
      await page.getByTestId('print-slip').waitFor();
    },
  );

  await step('the buyer sees the carrier, tracking number and tracking link on the order', async () => {
    await buyer.goto(`${shop}/account/orders/${orderId}`);
    await buyer
      .getByTestId('tracking')
      .filter({ hasText: `DHL ${tracking}` })
      .waitFor();
    assert.equal(await buyer.getByTestId('tracking-link').getAttribute('href'), trackingUrl);
  });

  await step('the seller marks the shipped order delivered', async () => {
    await page.goto(`${base}/orders/${sellerOrderId}`);
    await page.getByTestId('order-detail-status').filter({ hasText: 'Shipped' }).waitFor();
    await page.getByTestId('deliver').click();
    await page.getByTestId('order-saved').filter({ hasText: 'Marked delivered.' }).waitFor();
    await page.getByTestId('order-detail-status').filter({ hasText: 'Delivered' }).waitFor();
    assert.equal(await page.getByTestId('deliver').count(), 0);
    assert.equal(await page.getByTestId('ship').count(), 0, 'a delivered order can be shipped again');
    await checkAtEveryWidth(page, artifacts, 'order-delivered', page.getByTestId('order-detail-status'));
  });

  await step(
    "returns: the seller refuses a bad decision, then refunds part of the buyer's request",
    async () => {
      await nav(page, 'Returns').click();
      await heading(page, 'Returns and refunds').waitFor();
      await page.getByTestId('refunds-empty').waitFor();
      await checkAtEveryWidth(page, artifacts, 'refunds-empty', page.getByTestId('refunds-empty'));
      const buyerToken = await userToken(buyerEmail);
      await graphql(
        api,
        `
          mutation ($input: RequestRefundInput!) {
            requestRefund(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            sellerOrderId,
            lines: [{ sku: skus[1], quantity: 1 }],
            reason: 'The nib scratches',
            idempotencyKey: `return-${run}`,
          },
        },
        buyerToken,
      );
      await page.reload();
      await page.getByTestId('refund-row').filter({ hasText: 'The nib scratches' }).waitFor();
      await checkAtEveryWidth(page, artifacts, 'refunds', page.getByTestId('refund-row'));
      await page.getByTestId('refund-review').first().click();
      await page.getByRole('radio', { name: 'Refund part of it' }).check();
      await page.getByTestId('refund-amount').fill('30.00');
      await page.getByTestId('refund-submit').click();
      await page.getByText('Amount must not be more than the buyer asked for.').waitFor();
      await page.getByRole('radio', { name: 'Decline' }).check();
      await page.getByTestId('refund-submit').click();
      await page.getByText('Reason is required.').waitFor();
      await checkAtEveryWidth(
        page,
        artifacts,
        'refund-decision-errors',
        page.getByText('Reason is required.'),
      );
      await page.getByRole('radio', { name: 'Refund part of it' }).check();
      await page.getByTestId('refund-amount').fill('10.00');
      await page.getByTestId('refund-submit').click();
      await page.getByTestId('refund-done').filter({ hasText: 'Refund of €10.00 started' }).waitFor();
      await page.getByTestId('refund-status-filter').click();
      await page.getByRole('option', { name: 'Any status' }).click();
      await page
        .getByTestId('refund-row')
        .filter({ hasText: 'The nib scratches' })
        .filter({ hasText: '€10.00' })
        .waitFor();
    },
  );

  await step(
    'dashboard: today, 7 and 30 days each show the sale, one order, its average and the partial refund',
    async () => {
      const kpi = (id, text) =>
        page.getByTestId(id).filter({ hasText: new RegExp(`^\\s*${text.replace(/[.$]/g, '\\$&')}\\s*$`) });
      await nav(page, 'Dashboard').click();
      await heading(page, 'Dashboard').waitFor();
      // The refund reaches the orders service once payments has made it: the page is read again until it shows.
      const deadline = Date.now() + 60_000;
      while ((await kpi('kpi-refunds', '€10.00').count()) === 0) {
        assert.ok(Date.now() < deadline, 'the partial refund is not on the dashboard after 60 s');
        await page.waitForTimeout(2_000);
        await page.reload();
        await heading(page, 'Dashboard').waitFor();
        await page.getByRole('progressbar', { name: 'Loading the figures' }).waitFor({ state: 'detached' });
      }
      for (const period of ['Today', '30 days', '7 days']) {
        await page
          .getByTestId('range')
          .getByRole('radio', { name: period })
          .or(page.getByTestId('range').getByRole('button', { name: period }))
          .click();
        await page.locator('.mat-button-toggle-checked').filter({ hasText: period }).waitFor();
        await page.getByRole('progressbar', { name: 'Loading the figures' }).waitFor({ state: 'detached' });
        await kpi('kpi-orders', '1').waitFor();
        await kpi('kpi-sales', '€27.50').waitFor();
        await kpi('kpi-aov', '€27.50').waitFor();
        await kpi('kpi-refunds', '€10.00').waitFor();
        await page
          .locator('.kpi-note')
          .filter({ hasText: /^\s*1 order\s*$/ })
          .waitFor();
      }
      await checkAtEveryWidth(page, artifacts, 'dashboard-refund', kpi('kpi-refunds', '€10.00'));
    },
  );

  await step(
    'the owner sees payouts, statements, team (roles, invitations checked) and the store profile',
    async () => {
      await nav(page, 'Payouts').click();
      await heading(page, 'Payouts').waitFor();
      // The seller has no payout account: its share of the buyer's order is owed but held, and the page says why.
      await page.getByTestId('no-payout-account').waitFor();
      // In the seller's words (the payments service's reason code mapped), not the operators' text.
      await page
        .getByTestId('held-reason')
        .filter({ hasText: 'You have not set up a payout account yet' })
        .waitFor();
      assert.equal(await page.getByText('The seller has no payout account yet').count(), 0);
      const held = (await page.getByTestId('balance-held').textContent()).trim();
      assert.match(held, /^€\d+\.\d\d$/, 'the held amount is not shown');
      assert.notEqual(held, '€0.00', 'nothing is held for the buyer order');
      assert.match((await page.getByTestId('balance-owed').textContent()).trim(), /^€\d+\.\d\d$/);
      assert.match(
        await page.getByTestId('held-reason').first().textContent(),
        new RegExp(held.replace('.', '\\.')),
      );
      await checkAtEveryWidth(page, artifacts, 'payouts', page.getByTestId('balance'));
      await nav(page, 'Statements').click();
      await heading(page, 'Statements').waitFor();
      // The buyer's order made this month's statement: its CSV downloads with a header and the sale.
      const statement = page.getByTestId('statement-row');
      await statement.first().waitFor();
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('statement-csv').first().click(),
      ]);
      const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString();
      const [header, ...entries] = text.split(/\r?\n/).filter(Boolean);
      assert.match(header, /kind/i, 'the statement CSV has no header');
      assert.ok(
        entries.some((line) => /sale/i.test(line)),
        `the statement CSV has no sale: ${text.slice(0, 400)}`,
      );
      await checkAtEveryWidth(page, artifacts, 'statements', statement);
      await nav(page, 'Team').click();
      await page
        .getByTestId('member')
        .filter({ hasText: sellerEmail })
        .filter({ hasText: 'Owner' })
        .waitFor();
      await page.getByTestId('invite-email').fill('not an address');
      await page.getByTestId('invite').click();
      await page.getByText('E-mail address must be an e-mail address.').waitFor();
      // Invited keyboard only: the field reached with Tab, the invitation sent from the button with Enter.
      await tabTo(page, 'invite-email', { back: true });
      await retype(page, staffEmail);
      await tabTo(page, 'invite');
      await page.keyboard.press('Enter');
      await page.getByTestId('invitation').filter({ hasText: staffEmail }).waitFor();
      // A second invitation to the same address is refused by the server, at the field, and adds nothing.
      await page.getByTestId('invite-email').fill(staffEmail);
      await page.getByTestId('invite').click();
      await page.getByText('already has an open invitation').waitFor();
      assert.equal(await page.getByTestId('invitation').filter({ hasText: staffEmail }).count(), 1);
      await page.getByTestId('invite-email').fill('');
      await checkAtEveryWidth(page, artifacts, 'team', page.getByTestId('invitation'));
      await nav(page, 'Store profile').click();
      await page.getByTestId('profile-name').fill('');
      await page.getByTestId('profile-currency').fill('eu');
      await page.getByTestId('profile-save').click();
      await page.getByText('Store name is required.').waitFor();
      await page.getByText('Default currency must be a three-letter ISO code').waitFor();
      await checkAtEveryWidth(page, artifacts, 'store-errors', page.getByText('Store name is required.'));
      await page.getByTestId('profile-name').fill(`${storeName} & Co`);
      await page.getByTestId('profile-currency').fill('EUR');
      await page.getByTestId('profile-save').click();
      await page.getByTestId('profile-saved').waitFor();
      await page
        .getByTestId('org-name')
        .filter({ hasText: `${storeName} & Co` })
        .waitFor();
    },
  );

  await step(
    'the store profile takes a description, a return policy and a logo; the storefront shows them',
    async () => {
      await nav(page, 'Store profile').click();
      await page.getByTestId('profile-description').fill('x'.repeat(2001));
      await page.getByTestId('profile-save').click();
      await page.getByText('Description must be at most 2000 characters.').waitFor();
      await page.getByTestId('logo-input').setInputFiles({
        name: 'logo.gif',
        mimeType: 'image/gif',
        buffer: Buffer.from('GIF89a'),
      });
      await page
        .getByTestId('logo-error')
        .filter({ hasText: 'is not a JPEG, PNG or WebP picture' })
        .waitFor();
      await page.getByTestId('logo-input').setInputFiles({
        name: 'huge-logo.png',
        mimeType: 'image/png',
        buffer: Buffer.alloc(11 * 1024 * 1024, 1),
      });
      await page.getByTestId('logo-error').filter({ hasText: 'pictures may be at most 10 MB' }).waitFor();
      assert.equal(await page.getByTestId('logo-preview').count(), 0, 'a refused logo was shown');
      await checkAtEveryWidth(page, artifacts, 'store-profile-errors', page.getByTestId('logo-error'));
      await page
        .getByTestId('profile-description')
        .fill('Fountain pens and inks, tested by hand in our shop.');
      await page
        .getByTestId('profile-return-policy')
        .fill('Return unused items within 30 days for a full refund.');
      await page
        .getByTestId('logo-input')
        .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await drawPng(page) });
      await page.getByTestId('logo-preview').waitFor({ timeout: 60_000 });
      await page.getByTestId('profile-save').click();
      await page.getByTestId('profile-saved').waitFor();
      await checkAtEveryWidth(page, artifacts, 'store-profile', page.getByTestId('logo-preview'));
      await buyer.goto(`${shop}/sellers/${tenantId}`);
      await buyer.getByTestId('seller-description').filter({ hasText: 'tested by hand' }).waitFor();
      await buyer.getByTestId('seller-return-policy').filter({ hasText: 'within 30 days' }).waitFor();
      await buyer.getByTestId('seller-logo').waitFor();
    },
  );

  await step("developers: an API client's secret is shown once, rotated and revoked", async () => {
    await nav(page, 'Developers').click();
    await heading(page, 'Developers').waitFor();
    await page.getByTestId('clients-empty').waitFor();
    await page.getByTestId('webhooks-empty').waitFor();
    await page.getByTestId('create-client').click();
    await page.getByText('Client name is required.').waitFor();
    await checkAtEveryWidth(page, artifacts, 'developers-errors', page.getByText('Client name is required.'));
    await page.getByTestId('client-name').fill('ERP sync');
    await page.getByTestId('create-client').click();
    const first = (await page.getByTestId('client-secret').textContent()).trim();
    assert.ok(first.length >= 16, 'no secret shown');
    await page.getByTestId('api-client').filter({ hasText: 'ERP sync' }).waitFor();
    await checkAtEveryWidth(page, artifacts, 'developers-secret', page.getByTestId('client-secret'));
    await page.getByTestId('client-secret-done').click();
    // The portal renders after the click's task: wait for the panel to leave rather than count at once.
    await page.getByTestId('client-secret-panel').waitFor({ state: 'detached', timeout: 5_000 });
    await page.reload();
    await page.getByTestId('api-client').filter({ hasText: 'ERP sync' }).waitFor();
    assert.ok(!(await page.content()).includes(first), 'the secret is shown again');
    await page.getByTestId('rotate-client').click();
    const second = (await page.getByTestId('client-secret').textContent()).trim();
    assert.notEqual(second, first);
    await page.getByTestId('revoke-client').click();
    await page.getByTestId('confirm-revoke').click();
    await page.getByTestId('clients-empty').waitFor();
    await checkAtEveryWidth(page, artifacts, 'developers', page.getByTestId('clients-empty'));
  });

  await step(
    'developers: a webhook endpoint is created with its topics, its secret shown once, and listed',
    async () => {
      const url = `http://127.0.0.1:9/hooks-${run}`;
      await page.getByTestId('create-webhook').click();
      await page.getByText('Choose at least one topic.').waitFor();
      await page.getByText('Endpoint URL is required.').waitFor();
      await page.getByTestId('webhook-url').fill('ftp://127.0.0.1/hooks');
      await page.getByTestId('webhook-url').blur();
      await page.getByText('Endpoint URL must be an https:// address').waitFor();
      await page.getByTestId('webhooks-empty').waitFor();
      await page.getByTestId('webhook-url').fill(url);
      await page.getByTestId('webhook-description').fill('ERP orders');
      const topics = page.getByTestId('webhook-topics');
      await topics.getByRole('checkbox', { name: 'order.paid', exact: true }).check();
      await topics.getByRole('checkbox', { name: 'refund.succeeded', exact: true }).check();
      await page.getByTestId('create-webhook').click();
      const secret = (await page.getByTestId('webhook-secret').textContent()).trim();
      assert.match(secret, /^whsec_/);
      const row = page.getByTestId('webhook-endpoint').filter({ hasText: url });
      await row.waitFor();
      assert.match(await row.textContent(), /order\.paid, refund\.succeeded/);
      await checkAtEveryWidth(
        page,
        artifacts,
        'developers-webhook-secret',
        page.getByTestId('webhook-secret'),
      );
      await page.getByTestId('webhook-log').click();
      await page.getByTestId('webhook-log-empty').waitFor();
      await checkAtEveryWidth(page, artifacts, 'developers-webhooks', row);
      await page.reload();
      await row.waitFor();
      assert.ok(!(await page.content()).includes(secret), 'the webhook secret is shown again');
    },
  );

  await step('keyboard only: skip link, then the section links, reach the orders page', async () => {
    await page.goto(`${base}/dashboard`);
    await heading(page, 'Dashboard').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to content');
    const visited = [];
    for (let i = 0; i < 15 && visited.at(-1) !== 'Orders'; i++) {
      await page.keyboard.press('Tab');
      visited.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    assert.equal(visited.at(-1), 'Orders', `Tab went through ${JSON.stringify(visited)}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/orders`);
    await page.getByTestId('order-row').first().waitFor();
  });

  await step(
    'staff invitation e-mail: the link opens the accept page; another account is told the invited address; the invitee accepts and lands on the dashboard as staff; the used link is refused',
    async () => {
      await createUser(staffEmail);
      const link = await invitationLinkFor(staffEmail);
      assert.ok(link.startsWith(`${base}/invitations/accept?token=`), `the e-mail links to ${link}`);

      const wrongContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const wrong = await wrongContext.newPage();
      const invitedContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const invited = await invitedContext.newPage();
      for (const target of [wrong, invited])
        target.on('pageerror', (error) => pageErrors.push(error.message));
      try {
        await wrong.goto(link);
        await signInOnKeycloak(wrong, buyerEmail);
        await heading(wrong, 'Staff invitation').waitFor();
        await wrong.getByTestId('signed-in-email').filter({ hasText: buyerEmail }).waitFor();
        await wrong.getByTestId('accept-invitation').click();
        await wrong.getByTestId('invited-email').filter({ hasText: staffEmail }).waitFor();
        await wrong
          .getByTestId('invitation-error')
          .filter({ hasText: `signed in as ${buyerEmail}` })
          .waitFor();
        await checkAtEveryWidth(
          wrong,
          artifacts,
          'invitation-wrong-account',
          wrong.getByTestId('invited-email'),
        );

        // A link without its token explains itself instead of failing.
        await invited.goto(`${base}/invitations/accept`);
        await signInOnKeycloak(invited, staffEmail);
        await invited.getByTestId('invitation-missing').waitFor();
        await checkAtEveryWidth(
          invited,
          artifacts,
          'invitation-missing',
          invited.getByTestId('invitation-missing'),
        );

        // Keyboard only: Tab to the accept button and press Enter.
        await invited.goto(link);
        await invited.getByTestId('signed-in-email').filter({ hasText: staffEmail }).waitFor();
        await checkAtEveryWidth(
          invited,
          artifacts,
          'invitation-accept',
          invited.getByTestId('accept-invitation'),
        );
        const visited = [];
        for (let i = 0; i < 15 && visited.at(-1) !== 'Accept the invitation'; i++) {
          await invited.keyboard.press('Tab');
          visited.push(await invited.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
        }
        assert.equal(visited.at(-1), 'Accept the invitation', `Tab went through ${JSON.stringify(visited)}`);
        await invited.keyboard.press('Enter');
        await invited.getByTestId('invitation-joined').filter({ hasText: storeName }).waitFor();
        await checkAtEveryWidth(
          invited,
          artifacts,
          'invitation-joined',
          invited.getByTestId('invitation-joined'),
        );
        await invited.getByTestId('open-dashboard').click();
        await invited.waitForURL(`${base}/dashboard`);
        await heading(invited, 'Dashboard').waitFor();
        await invited.getByTestId('org-name').filter({ hasText: storeName }).waitFor();
        await nav(invited, 'Orders').waitFor();
        for (const section of ['Payouts', 'Team'])
          assert.equal(await nav(invited, section).count(), 0, `the new staff member sees ${section}`);

        // The link worked once: opened again, it says so.
        await wrong.goto(link);
        await wrong.getByTestId('accept-invitation').click();
        await wrong.getByTestId('invitation-error').filter({ hasText: 'already used' }).waitFor();
        await checkAtEveryWidth(wrong, artifacts, 'invitation-used', wrong.getByTestId('invitation-error'));
      } finally {
        await wrongContext.close();
        await invitedContext.close();
      }
    },
  );

  await step(
    'staff sign in: payouts, statements, team and developers are hidden, refused by the portal and by the API',
    async () => {
      const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const staff = await staffContext.newPage();
      try {
        await staff.goto(`${base}/dashboard`);
        await signInOnKeycloak(staff, staffEmail);
        await staff.waitForURL(`${base}/dashboard`);
        await nav(staff, 'Orders').waitFor();
        for (const section of ['Payouts', 'Statements', 'Team', 'Developers'])
          assert.equal(await nav(staff, section).count(), 0, `staff see ${section}`);
        await nav(staff, 'Returns').waitFor();
        for (const path of ['/payouts', '/statements', '/team', '/developers']) {
          await staff.goto(`${base}${path}`);
          await staff.getByTestId('not-allowed').filter({ hasText: path }).waitFor();
        }
        await checkAtEveryWidth(staff, artifacts, 'staff-not-allowed', staff.getByTestId('not-allowed'));
        const token = await userToken(staffEmail);
        await assert.rejects(
          graphql(api, 'query { payoutAccount { accountId } }', {}, token),
          /not allowed|forbidden/i,
        );
        await assert.rejects(
          graphql(api, 'query { staffInvitations { id } }', {}, token),
          /not allowed|forbidden/i,
        );
        for (const query of [
          'query { teamMembers { userId } }',
          'query { apiClients { id } }',
          'query { sellerStatements(month: "2026-01") { month } }',
        ])
          await assert.rejects(graphql(api, query, {}, token), /not allowed|forbidden/i, query);
      } finally {
        await staffContext.close();
      }
    },
  );

  await step(
    'the owner removes the staff member after confirming; a new token of theirs is refused',
    async () => {
      const before = await userToken(staffEmail);
      await graphql(api, 'query { sellerOrders(first: 1) { nodes { id } } }', {}, before);
      await nav(page, 'Team').click();
      const member = page.getByTestId('member').filter({ hasText: staffEmail });
      await member.getByTestId('remove-member').click();
      // Nothing happens before the owner confirms; "Keep" cancels.
      await page.getByTestId('remove-confirmation').filter({ hasText: staffEmail }).waitFor();
      await page.getByRole('button', { name: 'Keep' }).click();
      await page.getByTestId('remove-confirmation').waitFor({ state: 'detached' });
      assert.equal(await member.count(), 1, 'cancelling removed the member');
      await member.getByTestId('remove-member').click();
      await checkAtEveryWidth(
        page,
        artifacts,
        'team-remove-confirm',
        page.getByTestId('confirm-remove-member'),
      );
      await page.getByTestId('confirm-remove-member').click();
      await page.getByTestId('member-removed').filter({ hasText: staffEmail }).waitFor();
      await page.getByTestId('member').filter({ hasText: staffEmail }).waitFor({ state: 'detached' });
      await page
        .getByTestId('member')
        .filter({ hasText: sellerEmail })
        .filter({ hasText: 'Owner' })
        .waitFor();
      assert.equal(await page.getByTestId('remove-member').count(), 0, 'the owner can be removed');
      await checkAtEveryWidth(page, artifacts, 'team-member-removed', page.getByTestId('member-removed'));
      const after = await userToken(staffEmail);
      await assert.rejects(
        graphql(api, 'query { sellerOrders(first: 1) { nodes { id } } }', {}, after),
        /not allowed|forbidden|organization|seller/i,
      );
    },
  );

  await step(
    'a user in two organizations switches between them; each call names the chosen one, the role is the one held there',
    async () => {
      const headers = await keycloakAdminHeaders();
      const orgs = await (
        await fetch(`${keycloakUrl}/admin/realms/${realm}/organizations?search=acme`, { headers })
      ).json();
      const acme = orgs.find((org) => org.alias === 'acme-outfitters');
      assert.ok(acme, 'the demo organization acme is missing');
      const [user] = await (
        await fetch(
          `${keycloakUrl}/admin/realms/${realm}/users?email=${encodeURIComponent(sellerEmail)}&exact=true`,
          { headers },
        )
      ).json();
      const added = await fetch(`${keycloakUrl}/admin/realms/${realm}/organizations/${acme.id}/members`, {
        method: 'POST',
        headers,
        body: JSON.stringify(user.id),
      });
      assert.equal(added.status, 201, `adding the seller to acme: ${added.status}`);
      // Staff in acme only (ADR 0036): the group the tenants service puts an invited member in.
      const staffGroup = await (
        await fetch(
          `${keycloakUrl}/admin/realms/${realm}/group-by-path/organization-roles/${acme.id}/seller-staff`,
          { headers },
        )
      ).json();
      const joined = await fetch(
        `${keycloakUrl}/admin/realms/${realm}/users/${user.id}/groups/${staffGroup.id}`,
        {
          method: 'PUT',
          headers,
        },
      );
      assert.equal(joined.status, 204, `making the seller staff in acme: ${joined.status}`);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const second = await context.newPage();
      second.on('pageerror', (error) => pageErrors.push(error.message));
      try {
        await second.goto(`${base}/dashboard`);
        await signInOnKeycloak(second, sellerEmail);
        await second.getByTestId('organization-switcher').waitFor();
        await second
          .getByTestId('org-name')
          .filter({ hasText: `${storeName} & Co` })
          .or(second.getByTestId('org-name').filter({ hasText: 'Acme' }))
          .first()
          .waitFor();
        await checkAtEveryWidth(
          second,
          artifacts,
          'organization-switcher',
          second.getByTestId('organization-switcher'),
        );
        // The current organization is listed by its name, the others by their alias (the token names no more).
        const current = (await second.getByTestId('org-name').textContent()).trim();
        const inOwnStore = current.startsWith(storeName);
        await second.getByTestId('organization-switcher').click();
        await second
          .getByRole('option', {
            name: inOwnStore ? 'acme-outfitters' : `quill-${run}-supplies`,
            exact: true,
          })
          .click();
        await second.waitForURL(`${base}/dashboard`);
        await second
          .getByTestId('org-name')
          .filter({ hasText: inOwnStore ? /acme/i : storeName })
          .waitFor();
        await nav(second, 'Orders').waitFor();
        // Owner in the own store, staff in acme: the owner's sections follow the organization acted for.
        assert.equal(await nav(second, 'Payouts').count(), inOwnStore ? 0 : 1, 'payouts in the nav');
        assert.equal(await nav(second, 'Team').count(), inOwnStore ? 0 : 1, 'team in the nav');
        if (inOwnStore) {
          await second.goto(`${base}/team`);
          await second.getByTestId('not-allowed').filter({ hasText: '/team' }).waitFor();
          await second.goto(`${base}/dashboard`);
        }
        await nav(second, 'Orders').click();
        await heading(second, 'Orders').waitFor();
        // The queue follows the chosen organization: this seller's order only in its own store.
        if (inOwnStore) {
          await second.getByTestId('order-row').or(second.getByText('No orders yet.')).first().waitFor();
          assert.equal(await second.getByTestId('order-row').filter({ hasText: 'Bea Buyer' }).count(), 0);
        } else {
          await second.getByTestId('order-row').filter({ hasText: 'Bea Buyer' }).waitFor();
        }
      } finally {
        await context.close();
        await fetch(`${keycloakUrl}/admin/realms/${realm}/organizations/${acme.id}/members/${user.id}`, {
          method: 'DELETE',
          headers,
        });
        await fetch(`${keycloakUrl}/admin/realms/${realm}/users/${user.id}/groups/${staffGroup.id}`, {
          method: 'DELETE',
          headers,
        });
      }
    },
  );

  await step('an unknown address shows the not-found page with a way back', async () => {
    await page.goto(`${base}/no-such-page-${run}`);
    await heading(page, 'Page not found').waitFor();
    await page.getByRole('link', { name: 'Go to the dashboard' }).waitFor();
    await checkAtEveryWidth(page, artifacts, 'not-found', heading(page, 'Page not found'));
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.waitForURL(`${base}/dashboard`);
  });

  await step('no uncaught errors in the portal', async () => {
    assert.deepEqual(pageErrors, []);
  });
} finally {
  await browser?.close().catch((e) => console.error(`browser close: ${e.message}`));
}

process.exit(summary('e2e') ? 1 : 0);
