// Helpers for the Angular apps' browser tests (storefront, seller portal, admin portal): the system Chromium
// through playwright-core, axe scans, screenshots at desktop and phone widths, a step runner that records
// failures with a screenshot, real Keycloak tokens for the demo users and a server process that never
// outlives its test.
/* global fetch, document, window, URLSearchParams, AbortSignal */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The widths every page is checked and photographed at: a laptop and a phone. */
export const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

export const keycloakUrl = process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:18080';
export const realm = process.env.KEYCLOAK_REALM ?? 'marketplace';

/** Debian's Chromium, headless. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** True when `url` answers 2xx within three seconds. */
export async function ready(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Runs named steps, printing ✓/✗ and continuing after a failure (with a full-page screenshot of the page
 * `currentPage()` returns). `summary()` prints the "N passed, M failed" line the test scripts count.
 */
export function stepRunner(artifacts, currentPage) {
  mkdirSync(artifacts, { recursive: true });
  const results = [];
  return {
    async step(name, fn) {
      try {
        await fn();
        results.push({ name, ok: true });
        console.log(`  ✓ ${name}`);
      } catch (error) {
        results.push({ name, ok: false });
        await currentPage()
          ?.screenshot({ path: join(artifacts, `failed-${results.length}.png`), fullPage: true })
          .catch(() => {});
        console.log(
          `  ✗ ${name}\n    ${String(error?.stack ?? error)
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}`,
        );
      }
    },
    failed: () => results.filter((r) => !r.ok).length,
    summary(label) {
      const failed = results.filter((r) => !r.ok).length;
      console.log(
        `${label}: ${results.length - failed} passed, ${failed} failed; screenshots in ${artifacts}`,
      );
      return failed;
    },
  };
}

/** Waits until no finite animation runs (Material's enter/leave transitions, a drawer sliding away). */
export async function animationsDone(page) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}

/**
 * Fails with serious or critical axe violations (`failOn: 'serious'`, the default) or with any violation whatever
 * its impact (`failOn: 'any'`); colours are judged after animations end. Every violation is logged either way.
 */
export async function axeScan(page, label, { failOn = 'serious' } = {}) {
  // A message still fading in (Material's enter animation) reads as low contrast.
  await animationsDone(page);
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  const failing =
    failOn === 'any'
      ? violations
      : violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations)
    console.log(`    axe ${label}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target ?? ''}`);
  assert.deepEqual(
    failing.map((v) => `${v.id}: ${v.nodes[0]?.target}`),
    [],
    `${label} has ${failOn === 'any' ? '' : 'serious/critical '}axe violations`,
  );
}

/** Fails when the page is wider than the screen (the user would have to scroll sideways). */
export async function assertNoSidewaysScroll(page, label) {
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
  }));
  assert.ok(overflow.page <= overflow.screen + 1, `${label} scrolls sideways: ${JSON.stringify(overflow)}`);
}

/**
 * Checks the page as it is now at every width of VIEWPORTS: waits for `settled` (a locator or function) after
 * each resize, fails on sideways scrolling or axe violations, and saves `<name>-<width>.png` in `artifacts`.
 * The viewport is left at the first (desktop) size. `axe` holds axeScan's options (`{ failOn: 'any' }`).
 */
export async function checkAtEveryWidth(page, artifacts, name, settled, axe = {}) {
  for (const viewport of [...VIEWPORTS.slice(1), VIEWPORTS[0]]) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    if (typeof settled === 'function') await settled();
    else if (settled) await settled.first().waitFor();
    await animationsDone(page);
    // Charts and other canvas content redraw for the new width on a throttled resize observer.
    await delay(400);
    await assertNoSidewaysScroll(page, `${name} at ${viewport.width} px`);
    await page.screenshot({ path: join(artifacts, `${name}-${viewport.width}.png`), fullPage: true });
    await axeScan(page, `${name} at ${viewport.width} px`, axe);
  }
}

/** POSTs a GraphQL operation; GraphQL errors become one thrown Error with every message. */
export async function graphql(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

/** A real access token of a demo (or test-created) user, through the local-only password-grant client. */
export async function userToken(username, password = 'password') {
  const response = await fetch(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'marketplace-tests',
      username,
      password,
      scope: 'openid organization',
    }),
  });
  if (!response.ok) throw new Error(`token: ${response.status} ${await response.text()}`);
  return (await response.json()).access_token;
}

/** Headers for the Keycloak admin REST API (master realm admin of the local stack). */
export async function keycloakAdminHeaders() {
  const admin = await fetch(`${keycloakUrl}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KEYCLOAK_ADMIN_USER ?? 'admin',
      password: process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin',
    }),
  });
  if (!admin.ok) throw new Error(`keycloak admin token: ${admin.status}`);
  return { authorization: `Bearer ${(await admin.json()).access_token}`, 'content-type': 'application/json' };
}

/**
 * Lets a Keycloak client send users back to this test's origin (the realm lists only the app's own port).
 * Idempotent: an origin already listed is not added again.
 */
export async function allowKeycloakRedirects(clientId, origin) {
  const headers = await keycloakAdminHeaders();
  const clients = `${keycloakUrl}/admin/realms/${realm}/clients`;
  const [client] = await (await fetch(`${clients}?clientId=${clientId}`, { headers })).json();
  if (client.redirectUris.includes(`${origin}/*`) && client.webOrigins.includes(origin)) return;
  const update = await fetch(`${clients}/${client.id}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({
      ...client,
      redirectUris: [...new Set([...client.redirectUris, `${origin}/*`])],
      webOrigins: [...new Set([...client.webOrigins, origin])],
    }),
  });
  if (!update.ok) throw new Error(`keycloak client update: ${update.status}`);
}

/** Signs in on Keycloak's login page, which asks for the e-mail first (organizations), then the password. */
export async function signInOnKeycloak(page, email, password = 'password') {
  await page.waitForURL(`${keycloakUrl}/**`);
  await page.locator('#username').fill(email);
  await page.locator('#kc-login').click();
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
}

/**
 * Starts a Node server script on `port` in a process group of its own and waits for `/health/ready`. It is
 * stopped however the test ends: by `stop()` on a normal or failed run, by the exit and signal handlers on a
 * crash or Ctrl-C, and, when the test is killed outright, by the server itself (exit-with-parent.mjs ends it
 * when its stdin pipe from the test closes). `options`: `cwd`, `nodeArgs` (before the script), `readyTimeoutMs`.
 */
export async function startServer(script, port, env = {}, options = {}) {
  const base = `http://localhost:${port}`;
  assert.ok(!(await ready(`${base}/health/ready`)), `port ${port} is taken; set E2E_PORT to a free port`);
  const exitWithParent = fileURLToPath(new URL('./exit-with-parent.mjs', import.meta.url));
  // A CommonJS entry point (a deployable under @marketplace/ts-register) must not go through the ESM loader, which any
  // --import would put it on; require() loads the preload just as well (it has no imports).
  const preload = options.nodeArgs ? ['-r', exitWithParent] : ['--import', exitWithParent];
  const server = spawn(process.execPath, [...(options.nodeArgs ?? []), ...preload, script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['pipe', 'inherit', 'inherit'],
    detached: true,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  const killGroup = (signal) => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    try {
      process.kill(-server.pid, signal);
    } catch {
      server.kill(signal);
    }
  };
  process.once('exit', () => killGroup('SIGKILL'));
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ])
    process.once(signal, () => {
      killGroup('SIGTERM');
      process.exit(code);
    });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    killGroup('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
    if (!stopped) killGroup('SIGKILL');
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (Date.now() < deadline && !(await ready(`${base}/health/ready`))) {
    if (server.exitCode !== null) break;
    await delay(500);
  }
  if (!(await ready(`${base}/health/ready`))) {
    await stop();
    throw new Error(`the server ${script} did not become ready on port ${port}`);
  }
  return { base, stop };
}

/** A free loopback port (the OS picks it; closed again before the server binds it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs a deployable of the repository (`<directory>/src/main.ts`, as its `npm start` does) on a free port, with the
 * same lifetime guarantees as startServer. `portVariable` names the setting the port goes into (the gateway's is
 * GATEWAY_PORT). Returns `{ base, url, stop }`, `url` on 127.0.0.1.
 */
export async function startDeployable(directory, env = {}, portVariable = 'PORT') {
  const port = await freePort();
  const server = await startServer(
    'src/main.ts',
    port,
    { ...env, [portVariable]: String(port) },
    { cwd: directory, nodeArgs: ['-r', '@marketplace/ts-register'], readyTimeoutMs: 180_000 },
  );
  return { ...server, url: `http://127.0.0.1:${port}` };
}

/** A new Keycloak user with the realm's default roles (buyer), e-mail verified, signing in with `password`. */
export async function createKeycloakUser(email, password = 'password') {
  const response = await fetch(`${keycloakUrl}/admin/realms/${realm}/users`, {
    method: 'POST',
    headers: await keycloakAdminHeaders(),
    body: JSON.stringify({
      username: email,
      email,
      emailVerified: true,
      enabled: true,
      firstName: email.split('@')[0],
      lastName: 'Test',
      credentials: [{ type: 'password', value: password, temporary: false }],
    }),
  });
  if (response.status !== 201)
    throw new Error(`creating ${email}: ${response.status} ${await response.text()}`);
}
