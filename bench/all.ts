/**
 * Runs every bench in sequence (each can still run alone: `pnpm --dir bench <name>`), then prints one table:
 * figure, target, before (the first measurement, issue #12) and now (bench/results/ of this run; a bench that
 * could not run keeps its previous file and is marked as such). Throughput is shown beside the share of the
 * same-run bare Fastify figure each bench measures first.
 *
 *   npm start   # in another terminal: gateway-products and storefront-lighthouse measure the running platform
 *   eval "$(platform/stack/stack env)"; pnpm --dir bench all
 *
 * Env: BENCH_ONLY (comma-separated bench names), and every bench's own variables.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BENCHES = [
  'add-to-cart',
  'checkout',
  'gateway-products',
  'catalog-search',
  'storefront-lighthouse',
  'live-events',
  'webhook-delivery',
  'tenancy-scale',
  'noisy-neighbour',
];

interface Load {
  requestsPerSecond: number;
  cpuMsPerRequest?: Record<string, number>;
  latencyMs: { p95?: number; p99?: number };
  peakRssMiB?: Record<string, number>;
}
/** The parts of the benches' result files the table reads. */
interface Results {
  baseline?: { requestsPerSecond: number };
  requestsPerSecond: number;
  latencyMs: { p50?: number; p95?: number; p99?: number };
  cpuMsPerRequest?: Record<string, number>;
  levels?: {
    concurrentBuyers: number;
    ordersPerSecond: number;
    failed: number;
    latencyMs: { p95?: number };
  }[];
  runs?: Record<string, Load>;
  /** webhook-delivery: a burst delivered as fast as it goes, then a steady stream's event → delivery latency. */
  burst?: { deliveriesPerSecond: number };
  steady?: { eventsPerSecond: number; latencyMs: { p50?: number; p99?: number } };
  lost?: number;
  rssMiB?: { afterEvents?: Record<string, number> };
  pages?: { page: string; performance: number; largestContentfulPaintMs: number }[];
  /** tenancy-scale: the figures at 100 tenants and at N, and N's as a share of 100's. */
  settings?: { tenants: number };
  phases?: Record<string, TenancyPhase>;
  ratiosAtNPercentOf100?: Record<string, number>;
  /** noisy-neighbour: the victims' p95 alone and beside the noisy tenant, and the refused flood's gateway CPU. */
  victimsAlone?: { latencyMs: { p95: number } };
  victimsBesideNoisy?: { latencyMs: { p95: number } };
  p95RaisedPercent?: number;
  refusedFlood?: { gatewayCpuMsPerRequest: number };
}

interface TenancyPhase {
  signUpToUsable: { latencyMs: { p95: number } };
  noisyNeighbour: { without: { latencyMs: { p95: number } }; p95RaisedPercent: number };
}

interface Row {
  figure: string;
  target: string;
  before: string;
  now: (results: Record<string, Results | undefined>) => string;
}

const share = (rps: number, result: Results | undefined) =>
  result?.baseline?.requestsPerSecond
    ? ` (${((100 * rps) / result.baseline.requestsPerSecond).toFixed(1)} %)`
    : '';
const cacheOff = (result: Results | undefined): Load | undefined => result?.runs?.['response cache off'];
const lighthouse = (result: Results | undefined, page: string) =>
  result?.pages?.find((entry) => entry.page === page);
/** "gateway 1.9, cart 2.7" from a CPU-ms-per-request record, in the order named. */
const cpu = (figures: Record<string, number> | undefined, names: string[]) =>
  figures ? names.map((name) => `${name} ${figures[name] ?? '?'}`).join(', ') : '—';
const ms = (value: number | undefined) => (value === undefined ? '?' : `${Math.round(value)} ms`);

const ROWS: Row[] = [
  {
    figure: 'add-to-cart via gateway, c=50',
    target: '≥ 12 % of Fastify, p99 < 150 ms',
    before: '87 req/s (1.0 %), p99 1.7 s',
    now: ({ 'add-to-cart': r }) =>
      r
        ? `${Math.round(r.requestsPerSecond)} req/s${share(r.requestsPerSecond, r)}, p99 ${ms(r.latencyMs.p99)}`
        : '—',
  },
  {
    figure: 'add-to-cart CPU ms per request (ADR 0053)',
    target: 'printed (the figure that other load does not move)',
    before: 'gateway 3.1, cart 3.26, catalog 1.86',
    now: ({ 'add-to-cart': r }) => cpu(r?.cpuMsPerRequest, ['gateway', 'cart', 'catalog']),
  },
  {
    figure: 'two-seller checkout, 50 buyers',
    target: '≥ 100 orders/s, p95 < 500 ms, 0 failed',
    before: '7.4 orders/s, p95 7.2 s',
    now: ({ checkout: r }) => {
      // The figure is the 50-buyer level; the bench also runs others (its default: 10, 50 and 100).
      const level = r?.levels?.find((candidate) => candidate.concurrentBuyers === 50);
      return level
        ? `${level.ordersPerSecond} orders/s, p95 ${ms(level.latencyMs.p95)}, ${level.failed} failed`
        : '—';
    },
  },
  {
    figure: 'buyer product list, cache off, c=50',
    target: '≥ 15 % of Fastify, p99 < 100 ms',
    before: '105 req/s (1.3 %), p99 1.6 s',
    now: ({ 'gateway-products': r }) => {
      const load = cacheOff(r);
      return load
        ? `${Math.round(load.requestsPerSecond)} req/s${share(load.requestsPerSecond, r)}, p99 ${ms(load.latencyMs.p99)}`
        : '—';
    },
  },
  {
    figure: 'product list CPU ms per request, cache off (ADR 0053)',
    target: 'printed (the figure that other load does not move)',
    before: 'gateway 7.3, catalog 3.9 (issue); 4.71, 3.08',
    now: ({ 'gateway-products': r }) => cpu(cacheOff(r)?.cpuMsPerRequest, ['gateway', 'catalog']),
  },
  {
    figure: 'search with facets, cache off, c=50',
    target: '≥ 10 % of Fastify, p95 < 80 ms',
    before: '67.5 req/s (0.8 %), p95 1.16 s',
    now: ({ 'catalog-search': r }) => {
      const load = cacheOff(r);
      return load
        ? `${Math.round(load.requestsPerSecond)} req/s${share(load.requestsPerSecond, r)}, p95 ${ms(load.latencyMs.p95)}`
        : '—';
    },
  },
  {
    figure: 'gateway / catalog peak RSS',
    target: '< 300 MB / < 500 MB',
    before: '476–565 MB / 270–733 MB',
    now: ({ 'gateway-products': products, 'catalog-search': search }) => {
      const rss = [cacheOff(products)?.peakRssMiB, cacheOff(search)?.peakRssMiB].filter(Boolean) as Record<
        string,
        number
      >[];
      if (rss.length === 0) return '—';
      const max = (name: string) => Math.max(...rss.map((entry) => entry[name] ?? 0));
      return `${max('gateway')} MiB / ${max('catalog')} MiB`;
    },
  },
  {
    figure: 'storefront Lighthouse mobile (home, search, product)',
    target: '≥ 90 each, LCP < 2.5 s',
    before: '91, 44, 55 (LCP 5.0–5.6 s)',
    now: ({ 'storefront-lighthouse': r }) => {
      const pages = ['home', 'search', 'product'].map((page) => lighthouse(r, page));
      const found = pages.filter((page) => page !== undefined);
      if (found.length !== pages.length) return '—';
      const lcp = found.map((page) => page.largestContentfulPaintMs / 1000);
      return `${found.map((page) => page.performance).join(', ')} (LCP ${Math.min(...lcp).toFixed(1)}–${Math.max(...lcp).toFixed(1)} s)`;
    },
  },
  {
    figure: 'live events: 1,000 SSE connections, 1,000 events',
    target: 'p99 < 1 s, 0 lost',
    before: '—',
    now: ({ 'live-events': r }) =>
      r
        ? `p50 ${ms(r.latencyMs.p50)}, p99 ${ms(r.latencyMs.p99)}, ${r.lost} lost, RSS gateway ${r.rssMiB?.afterEvents?.gateway} MiB`
        : '—',
  },
  {
    figure: 'webhook deliveries to a local receiver',
    target: 'printed (burst deliveries/s; steady stream event → delivery p50, p99)',
    before: '—',
    now: ({ 'webhook-delivery': r }) =>
      r?.burst && r.steady
        ? `burst ${r.burst.deliveriesPerSecond}/s; ${r.steady.eventsPerSecond}/s steady: p50 ${ms(r.steady.latencyMs.p50)}, p99 ${ms(r.steady.latencyMs.p99)}`
        : '—',
  },
  {
    figure: 'tenancy: sign-up to usable at N tenants',
    target: 'p95 < 2 s',
    before: '—',
    now: ({ 'tenancy-scale': r }) => {
      const phase = atScale(r);
      return phase ? `p95 ${ms(phase[1].signUpToUsable.latencyMs.p95)} at ${phase[0]}` : '—';
    },
  },
  {
    figure: 'tenancy: login p95, search req/s, checkout orders/s at N as % of 100 tenants',
    target: '90–110 %',
    before: '—',
    now: ({ 'tenancy-scale': r }) => {
      const ratios = r?.ratiosAtNPercentOf100;
      return ratios
        ? `${ratios.loginP95Percent} %, ${ratios.searchRequestsPerSecondPercent} %, ${ratios.checkoutOrdersPerSecondPercent} % at ${atScale(r)?.[0]}`
        : '—';
    },
  },
  {
    figure: "tenancy: other tenants' p95 beside one at 10× its rate limit",
    target: 'raised < 10 %',
    before: '—',
    now: ({ 'tenancy-scale': r }) => {
      const phase = atScale(r);
      return phase ? `+${phase[1].noisyNeighbour.p95RaisedPercent} % at ${phase[0]}` : '—';
    },
  },
  {
    figure: "noisy neighbour (focused): 10 tenants' p95 beside one at 10× its limit; gateway CPU per refusal",
    target: 'raised < 10 %',
    before: '31 → 2,683 ms (+8,528 %); 0.48 ms',
    now: ({ 'noisy-neighbour': r }) =>
      r?.victimsAlone && r.victimsBesideNoisy && r.refusedFlood
        ? `${ms(r.victimsAlone.latencyMs.p95)} → ${ms(r.victimsBesideNoisy.latencyMs.p95)} (${r.p95RaisedPercent! >= 0 ? '+' : ''}${r.p95RaisedPercent} %); ${r.refusedFlood.gatewayCpuMsPerRequest} ms`
        : '—',
  },
];

/** The tenancy-scale phase at N tenants (the larger one). */
const atScale = (result: Results | undefined): [string, TenancyPhase] | undefined => {
  const phases = Object.entries(result?.phases ?? {}).sort(([a], [b]) => Number(a) - Number(b));
  return phases.at(-1);
};

function main(): void {
  const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
  const outcome: Record<string, string> = {};
  for (const name of BENCHES) {
    if (only && !only.includes(name)) continue;
    console.log(`\n=== ${name} ===`);
    const started = Date.now();
    const run = spawnSync('pnpm', ['run', '--silent', name], { cwd: __dirname, stdio: 'inherit' });
    const seconds = Math.round((Date.now() - started) / 1000);
    outcome[name] =
      run.status === 0 ? `ran in ${seconds} s` : `did not run (exit ${run.status ?? run.signal})`;
  }
  const results: Record<string, Results | undefined> = {};
  for (const name of BENCHES) {
    const file = join(__dirname, 'results', `${name}.json`);
    if (!existsSync(file)) continue;
    results[name] = JSON.parse(readFileSync(file, 'utf8')) as Results;
    outcome[name] ??= `not run now; file of ${statSync(file).mtime.toISOString().slice(0, 16)}Z`;
  }
  const table = [
    ['figure', 'target', 'before', 'now'],
    ...ROWS.map((row) => [row.figure, row.target, row.before, row.now(results)]),
  ];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  console.log('');
  for (const [index, line] of table.entries()) {
    console.log(line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  }
  console.log('');
  for (const [name, text] of Object.entries(outcome)) console.log(`${name}: ${text}`);
  if (Object.values(outcome).some((text) => text.startsWith('did not run'))) process.exitCode = 1;
}

main();
