import { ulid } from 'ulid';
import { createGateway, gatewayConfigSchema, type Gateway } from '../src';
import { loadConfig } from '@marketplace/config';

/**
 * `RATE_LIMIT_BURST_SECONDS` of the default 60 s window: a subject may send its whole limit at once, so suites about
 * who counts against which limit can count requests one by one without waiting for the rate.
 */
export const WHOLE_WINDOW = '60';

export interface RunningGateway {
  gateway: Gateway;
  url: string;
  /** The internal port's base URL (metrics, detailed readiness). */
  internalUrl: string;
  /** Unique per gateway, so rate-limit counters of concurrent runs never meet. */
  keyPrefix: string;
  close(): Promise<void>;
}

/**
 * A gateway on a random port over the given subgraphs, configured from the stack env plus `overrides`. A
 * `NODE_ENV` override sets the gateway's behaviour (CORS, GraphiQL, error masking) after the configuration is
 * read: the local stack is on loopback, which the production guards refuse, and those have their own tests.
 */
export async function startGateway(
  subgraphs: string,
  { NODE_ENV: nodeEnv, ...overrides }: Record<string, string> = {},
): Promise<RunningGateway> {
  const keyPrefix = `test:gateway:${ulid()}`;
  const config = loadConfig(gatewayConfigSchema, {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SUBGRAPHS: subgraphs,
    RATE_LIMIT_KEY_PREFIX: keyPrefix,
    // Tests count what reaches the subgraphs; the response cache has a suite of its own.
    RESPONSE_CACHE_TTL_MS: '0',
    ...overrides,
  });
  const gateway = createGateway(
    nodeEnv ? { ...config, NODE_ENV: gatewayConfigSchema.shape.NODE_ENV.parse(nodeEnv) } : config,
  );
  await gateway.start();
  const address = await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  const internalUrl = await gateway.internalApp.listen({ port: 0, host: '127.0.0.1' });
  return { gateway, url: address, internalUrl, keyPrefix, close: () => gateway.close() };
}

export interface GraphqlAnswer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
  };
}

export async function postGraphql(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<GraphqlAnswer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphqlAnswer['body'],
  };
}
