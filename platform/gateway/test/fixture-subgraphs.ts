import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export { FIXTURE_PRODUCTS } from './fixtures/fixture-data';

export interface FixtureStats {
  /** GraphQL requests the subgraph received so far (SDL fetches included). */
  graphqlRequests: number;
  /** `/health/live` requests (the gateway's readiness probes). */
  liveProbes: number;
  lastHeaders: Record<string, string | undefined>;
}

export interface FixtureSubgraph {
  name: string;
  url: string;
  stats(): Promise<FixtureStats>;
}

export interface FixtureSubgraphs {
  products: FixtureSubgraph;
  reviews: FixtureSubgraph;
  /** `SUBGRAPHS` value naming both. */
  subgraphsSetting: string;
  close(): Promise<void>;
}

const GATEWAY_DIR = join(__dirname, '..');

function spawnFixture(
  name: 'products' | 'reviews',
): Promise<{ child: ChildProcess; subgraph: FixtureSubgraph }> {
  const child = spawn(
    process.execPath,
    ['-r', '@marketplace/ts-register', join(__dirname, 'fixtures', 'serve-fixture.ts'), name],
    {
      cwd: GATEWAY_DIR,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Fixture subgraph ${name} did not start:\n${output}`));
    }, 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      const url = match[1]!;
      resolve({
        child,
        subgraph: {
          name,
          url,
          stats: async () => (await (await fetch(`${url}/__fixture/stats`)).json()) as FixtureStats,
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Fixture subgraph ${name} exited with ${code}:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts both fixture subgraphs, each in its own process, on random loopback ports. */
export async function startFixtureSubgraphs(): Promise<FixtureSubgraphs> {
  const [products, reviews] = await Promise.all([spawnFixture('products'), spawnFixture('reviews')]);
  return {
    products: products.subgraph,
    reviews: reviews.subgraph,
    subgraphsSetting: `products=${products.subgraph.url},reviews=${reviews.subgraph.url}`,
    close: async () => {
      await Promise.all([stop(products.child), stop(reviews.child)]);
    },
  };
}
