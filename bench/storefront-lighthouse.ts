/**
 * Lighthouse (performance and accessibility, mobile defaults) of the storefront's home, search and product
 * pages, in headless Chromium, with the diagnostics that explain the score (LCP element and its phases,
 * render-blocking requests, unused JavaScript, bytes). Needs the storefront and its API running (`npm start`),
 * or, with BENCH_OWN_PLATFORM=1, starts its own beside them on free ports (lib/storefront-stand.ts: the
 * services through the e2e harness, media included, the built SSR storefront, two sellers' products with
 * pictures) and stops it afterwards.
 *
 *   pnpm --dir bench storefront-lighthouse
 *   eval "$(platform/stack/stack env)"; pnpm --dir storefront build; BENCH_OWN_PLATFORM=1 pnpm --dir bench storefront-lighthouse
 *
 * Env: BENCH_STOREFRONT_URL (default http://127.0.0.1:4200), BENCH_SEARCH_QUERY (default "chair"),
 * BENCH_OWN_PLATFORM, BENCH_RUNS (Lighthouse runs per page, median by performance; default 1), BENCH_LABEL
 * (also keeps this run under `runs.<label>` of the results, beside earlier labelled runs: "before"/"after"
 * compared in one session), BENCH_LHR_DIR (writes each full Lighthouse report there), CHROMIUM_PATH (default
 * /usr/bin/chromium). The product page is the first search result. Writes bench/results/storefront-lighthouse.json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { measureFastifyBaseline, printBaseline } from './lib/baseline';
import { startStorefrontStand } from './lib/storefront-stand';

const SEARCH_QUERY = process.env.BENCH_SEARCH_QUERY ?? 'chair';
const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const RUNS = Math.min(Math.max(Number(process.env.BENCH_RUNS ?? 1), 1), 9);
const RESULTS = join(__dirname, 'results', 'storefront-lighthouse.json');

/** Why a page scores what it does, from Lighthouse's own audits and insights. */
interface Diagnostics {
  firstContentfulPaintMs: number | null;
  totalBlockingTimeMs: number | null;
  speedIndexMs: number | null;
  /** The LCP element as Lighthouse names it (selector and the start of its HTML). */
  lcpElement: string | null;
  /** TTFB, resource load delay, resource load duration, element render delay. */
  lcpPhasesMs: Record<string, number>;
  renderBlocking: string[];
  unusedJavaScriptBytes: number | null;
  totalByteWeight: number | null;
  imageSavingsBytes: number | null;
  /** Main-thread time by kind (script evaluation, parse/compile, style and layout, …), as measured on this machine. */
  mainThreadMs: Record<string, number>;
  /** Script evaluation and parse/compile per script (Lighthouse's bootup-time, 50 ms and more per file). */
  scriptsMs: { url: string; scripting: number; parseCompile: number }[];
}

interface PageResult {
  page: string;
  url: string;
  performance: number | null;
  accessibility: number | null;
  largestContentfulPaintMs: number | null;
  /** Every run's performance score when BENCH_RUNS > 1 (the figures above are the median run's). */
  performanceRuns?: (number | null)[];
  diagnostics: Diagnostics;
  warnings: string[];
}

/** The first product of a search, asked of the storefront's own GraphQL endpoint (the path a browser takes). */
async function firstProductId(storefrontUrl: string): Promise<string> {
  const response = await fetch(`${storefrontUrl}/graphql`, {
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

/** The loose shape of the audit details this bench reads (Lighthouse's own types differ per audit). */
interface Details {
  items?: { url?: string; node?: { selector?: string; snippet?: string }; items?: Details['items'] }[];
  overallSavingsBytes?: number;
  debugData?: unknown;
  [key: string]: unknown;
}
interface Lhr {
  audits: Record<string, { numericValue?: number; details?: Details } | undefined>;
}

function lcpPhases(lhr: Lhr): Record<string, number> {
  const items = lhr.audits['lcp-breakdown-insight']?.details?.items ?? [];
  const phases: Record<string, number> = {};
  for (const table of items as unknown as {
    type?: string;
    items?: { label?: string; subpart?: string; duration?: number }[];
  }[])
    if (table.type === 'table')
      for (const row of table.items ?? [])
        if (typeof row.duration === 'number')
          phases[row.subpart ?? row.label ?? '?'] = Math.round(row.duration);
  return phases;
}

function lcpElement(lhr: Lhr): string | null {
  const items = (lhr.audits['lcp-breakdown-insight']?.details?.items ?? []) as {
    type?: string;
    selector?: string;
    nodeLabel?: string;
  }[];
  const node = items.find((item) => item.type === 'node');
  return node ? `${node.selector ?? '?'} (${node.nodeLabel ?? ''})` : null;
}

function mainThread(lhr: Lhr): Record<string, number> {
  const rows = (lhr.audits['mainthread-work-breakdown']?.details?.items ?? []) as {
    groupLabel?: string;
    group?: string;
    duration?: number;
  }[];
  return Object.fromEntries(
    rows.flatMap((row) =>
      typeof row.duration === 'number'
        ? [[row.groupLabel ?? row.group ?? '?', Math.round(row.duration)]]
        : [],
    ),
  );
}

function scripts(lhr: Lhr): Diagnostics['scriptsMs'] {
  const rows = (lhr.audits['bootup-time']?.details?.items ?? []) as {
    url?: string;
    scripting?: number;
    scriptParseCompile?: number;
  }[];
  return rows.map((row) => ({
    url: (row.url ?? '?').replace(/^https?:\/\/[^/]+/, ''),
    scripting: Math.round(row.scripting ?? 0),
    parseCompile: Math.round(row.scriptParseCompile ?? 0),
  }));
}

function diagnose(lhr: Lhr): Diagnostics {
  const value = (id: string) => {
    const numeric = lhr.audits[id]?.numericValue;
    return typeof numeric === 'number' ? Math.round(numeric) : null;
  };
  const renderBlocking = (lhr.audits['render-blocking-insight']?.details?.items ?? []).flatMap((item) =>
    item.url ? [item.url] : [],
  );
  return {
    firstContentfulPaintMs: value('first-contentful-paint'),
    totalBlockingTimeMs: value('total-blocking-time'),
    speedIndexMs: value('speed-index'),
    lcpElement: lcpElement(lhr),
    lcpPhasesMs: lcpPhases(lhr),
    renderBlocking,
    unusedJavaScriptBytes: lhr.audits['unused-javascript']?.details?.overallSavingsBytes ?? null,
    totalByteWeight: value('total-byte-weight'),
    imageSavingsBytes: lhr.audits['image-delivery-insight']?.details?.overallSavingsBytes ?? null,
    mainThreadMs: mainThread(lhr),
    scriptsMs: scripts(lhr),
  };
}

async function measure(storefrontUrl: string): Promise<PageResult[]> {
  // Both packages are ESM-only; the bench runs as CommonJS.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const productId = await firstProductId(storefrontUrl);
  const pages = [
    { page: 'home', url: `${storefrontUrl}/` },
    { page: 'search', url: `${storefrontUrl}/search?q=${encodeURIComponent(SEARCH_QUERY)}` },
    { page: 'product', url: `${storefrontUrl}/products/${productId}` },
  ];
  const lhrDir = process.env.BENCH_LHR_DIR;
  if (lhrDir) await mkdir(lhrDir, { recursive: true });
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  });
  const results: PageResult[] = [];
  try {
    for (const { page, url } of pages) {
      const runs: PageResult[] = [];
      for (let attempt = 0; attempt < RUNS; attempt++) {
        const run = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        if (!run) throw new Error(`lighthouse returned nothing for ${url}`);
        const { lhr } = run;
        if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        if (lhrDir) await writeFile(join(lhrDir, `${page}-${attempt + 1}.json`), JSON.stringify(lhr));
        runs.push({
          page,
          url,
          performance: score(lhr.categories['performance']?.score),
          accessibility: score(lhr.categories['accessibility']?.score),
          largestContentfulPaintMs: lhr.audits['largest-contentful-paint']?.numericValue ?? null,
          diagnostics: diagnose(lhr as unknown as Lhr),
          warnings: lhr.runWarnings,
        });
      }
      const sorted = [...runs].sort((a, b) => (a.performance ?? -1) - (b.performance ?? -1));
      const result = sorted[Math.floor(sorted.length / 2)]!;
      if (RUNS > 1) result.performanceRuns = runs.map((r) => r.performance);
      results.push(result);
      const d = result.diagnostics;
      console.log(
        `${page.padEnd(8)} performance ${result.performance ?? '-'}${RUNS > 1 ? ` (runs ${result.performanceRuns!.join(', ')})` : ''}  accessibility ${result.accessibility ?? '-'}  LCP ${
          result.largestContentfulPaintMs === null ? '-' : `${Math.round(result.largestContentfulPaintMs)} ms`
        }  FCP ${d.firstContentfulPaintMs ?? '-'} ms  TBT ${d.totalBlockingTimeMs ?? '-'} ms  bytes ${d.totalByteWeight ?? '-'}`,
      );
      console.log(`         LCP element ${d.lcpElement ?? '-'}`);
      console.log(
        `         LCP phases ${JSON.stringify(d.lcpPhasesMs)}  render-blocking ${d.renderBlocking.length}`,
      );
      console.log(`         main thread ${JSON.stringify(d.mainThreadMs)}`);
      for (const script of d.scriptsMs)
        console.log(
          `         ${script.url}: scripting ${script.scripting} ms, parse/compile ${script.parseCompile} ms`,
        );
    }
  } finally {
    chrome.kill();
  }
  return results;
}

async function main(): Promise<void> {
  const own = process.env.BENCH_OWN_PLATFORM === '1';
  const stand = own ? await startStorefrontStand() : undefined;
  const storefrontUrl = (stand?.url ?? process.env.BENCH_STOREFRONT_URL ?? 'http://127.0.0.1:4200').replace(
    /\/$/,
    '',
  );
  try {
    // Lighthouse simulates a throttled phone, yet its CPU-bound audits still follow this machine's speed.
    const baseline = await measureFastifyBaseline({ connections: 50 });
    printBaseline(baseline);
    const load = loadavg().map((value) => Number(value.toFixed(2)));
    console.log(`load average ${load.join(' ')} on ${cpus().length} cores`);
    const pages = await measure(storefrontUrl);
    const previous = await readFile(RESULTS, 'utf8').then(
      (text) => JSON.parse(text) as { runs?: Record<string, unknown> },
      () => ({ runs: undefined }),
    );
    const figures = {
      measuredAt: new Date().toISOString(),
      baseline,
      loadAverage: { oneMinute: load[0], fiveMinutes: load[1], cores: cpus().length },
      storefront: storefrontUrl,
      platform: own
        ? 'own (bench/lib/storefront-stand.ts)'
        : process.env.BENCH_STOREFRONT_URL
          ? 'given by BENCH_STOREFRONT_URL'
          : 'running (npm start)',
      lighthouse: 'mobile defaults (simulated throttling)',
      chromeFlags: CHROME_FLAGS,
      pages,
    };
    const label = process.env.BENCH_LABEL;
    await mkdir(join(__dirname, 'results'), { recursive: true });
    await writeFile(
      RESULTS,
      `${JSON.stringify(
        {
          ...figures,
          ...(label || previous.runs
            ? { runs: { ...previous.runs, ...(label ? { [label]: figures } : {}) } }
            : {}),
        },
        null,
        2,
      )}\n`,
    );
    console.log(`written ${RESULTS}`);
  } finally {
    await stand?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
