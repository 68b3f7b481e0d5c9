/**
 * Lighthouse (performance and accessibility, mobile defaults) of the storefront's home, search and product
 * pages, in headless Chromium. Needs the storefront and its API running (`npm start`).
 *
 *   pnpm --dir bench storefront-lighthouse
 *
 * Env: BENCH_STOREFRONT_URL (default http://127.0.0.1:4200), BENCH_SEARCH_QUERY (default "chair"),
 * CHROMIUM_PATH (default /usr/bin/chromium). The product page is the first search result. Writes
 * bench/results/storefront-lighthouse.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';

const STOREFRONT_URL = (process.env.BENCH_STOREFRONT_URL ?? 'http://127.0.0.1:4200').replace(/\/$/, '');
const SEARCH_QUERY = process.env.BENCH_SEARCH_QUERY ?? 'chair';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

interface PageResult {
  page: string;
  url: string;
  performance: number | null;
  accessibility: number | null;
  largestContentfulPaintMs: number | null;
  warnings: string[];
}

/** The first product of a search, asked of the storefront's own GraphQL endpoint (the path a browser takes). */
async function firstProductId(): Promise<string> {
  const response = await fetch(`${STOREFRONT_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'query ($q: String) { products(search: { text: $q }, first: 1) { nodes { id } } }',
      variables: { q: SEARCH_QUERY },
    }),
  });
  const body = (await response.json()) as {
    data?: { products: { nodes: { id: string }[] } };
    errors?: { message: string }[];
  };
  const id = body.data?.products.nodes[0]?.id;
  if (!id) throw new Error(`no product found for "${SEARCH_QUERY}": ${JSON.stringify(body.errors ?? body)}`);
  return id;
}

const score = (value: number | null | undefined) =>
  typeof value === 'number' ? Math.round(value * 100) : null;

async function main(): Promise<void> {
  // Both packages are ESM-only; the bench runs as CommonJS.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const productId = await firstProductId();
  // Lighthouse simulates a throttled phone, yet its CPU-bound audits still follow this machine's speed.
  const baseline = await measureFastifyBaseline({ connections: 50 });
  printBaseline(baseline);
  const pages = [
    { page: 'home', url: `${STOREFRONT_URL}/` },
    { page: 'search', url: `${STOREFRONT_URL}/search?q=${encodeURIComponent(SEARCH_QUERY)}` },
    { page: 'product', url: `${STOREFRONT_URL}/products/${productId}` },
  ];
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  });
  const results: PageResult[] = [];
  try {
    for (const { page, url } of pages) {
      const run = await lighthouse(url, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      if (!run) throw new Error(`lighthouse returned nothing for ${url}`);
      const { lhr } = run;
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const result: PageResult = {
        page,
        url,
        performance: score(lhr.categories['performance']?.score),
        accessibility: score(lhr.categories['accessibility']?.score),
        largestContentfulPaintMs: lhr.audits['largest-contentful-paint']?.numericValue ?? null,
        warnings: lhr.runWarnings,
      };
      results.push(result);
      console.log(
        `${page.padEnd(8)} performance ${result.performance ?? '-'}  accessibility ${result.accessibility ?? '-'}  LCP ${
          result.largestContentfulPaintMs === null ? '-' : `${Math.round(result.largestContentfulPaintMs)} ms`
        }`,
      );
    }
  } finally {
    chrome.kill();
  }
  const out = join(__dirname, 'results', 'storefront-lighthouse.json');
  await mkdir(join(__dirname, 'results'), { recursive: true });
  await writeFile(
    out,
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        baseline,
        storefront: STOREFRONT_URL,
        lighthouse: 'mobile defaults (simulated throttling)',
        chromeFlags: CHROME_FLAGS,
        pages: results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
