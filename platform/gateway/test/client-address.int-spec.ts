import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphqlProxy } from '../../../storefront/src/server/graphql-proxy';
import { startFixtureSubgraphs, type FixtureSubgraphs } from './fixture-subgraphs';
import { WHOLE_WINDOW, postGraphql, startGateway, type RunningGateway } from './gateway-harness';

const SECRET = 'client-address-secret-of-this-suite-0123456789';
const QUERY = '{ products { id } }';

async function statuses(count: number, send: (index: number) => Promise<number>): Promise<number[]> {
  const answers: number[] = [];
  for (let index = 0; index < count; index += 1) answers.push(await send(index));
  return answers;
}

/** The storefront's server-side proxy in an Express app like storefront/src/server.ts, on a free port. */
async function startStorefrontProxy(
  gatewayUrl: string,
  trustedHops: number,
  clientAddressSecret?: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.set('trust proxy', trustedHops);
  app.post(
    '/graphql',
    express.text({ type: '*/*' }),
    graphqlProxy(`${gatewayUrl}/graphql`, { clientAddressSecret }),
  );
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('gateway: whose anonymous rate limit a request counts against', () => {
  let fixtures: FixtureSubgraphs;

  beforeAll(async () => {
    fixtures = await startFixtureSubgraphs();
  });
  afterAll(() => fixtures?.close());

  it('ignores X-Forwarded-For without trusted proxies: a caller cannot pick a fresh bucket per request', async () => {
    const gateway = await startGateway(fixtures.subgraphsSetting, {
      RATE_LIMIT_ANONYMOUS: '3',
      RATE_LIMIT_BURST_SECONDS: WHOLE_WINDOW,
    });
    try {
      const answers = await statuses(4, async (index) => {
        const forged = { 'x-forwarded-for': `198.51.100.${index + 1}` };
        return (await postGraphql(gateway.url, QUERY, forged)).status;
      });
      expect(answers).toEqual([200, 200, 200, 429]);
    } finally {
      await gateway.close();
    }
  });

  it('believes only the entry its load balancer appended (one trusted hop), not what the caller prepended', async () => {
    const gateway = await startGateway(fixtures.subgraphsSetting, {
      RATE_LIMIT_ANONYMOUS: '3',
      RATE_LIMIT_BURST_SECONDS: WHOLE_WINDOW,
      TRUSTED_PROXY_HOPS: '1',
    });
    try {
      const forged = await statuses(4, async (index) => {
        const chain = { 'x-forwarded-for': `198.51.100.${index + 1}, 203.0.113.7` };
        return (await postGraphql(gateway.url, QUERY, chain)).status;
      });
      expect(forged).toEqual([200, 200, 200, 429]);
      // Another client behind the same load balancer has a bucket of its own.
      const other = await postGraphql(gateway.url, QUERY, { 'x-forwarded-for': '203.0.113.8' });
      expect(other.status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  describe('through the storefront server-side proxy', () => {
    let gateway: RunningGateway;

    // A gateway per test: each counts the callers of this machine from zero.
    beforeEach(async () => {
      gateway = await startGateway(fixtures.subgraphsSetting, {
        RATE_LIMIT_ANONYMOUS: '2',
        RATE_LIMIT_BURST_SECONDS: WHOLE_WINDOW,
        CLIENT_ADDRESS_SECRET: SECRET,
      });
    });
    afterEach(() => gateway?.close());

    it('counts each shopper the storefront serves separately', async () => {
      const storefront = await startStorefrontProxy(gateway.url, 1, SECRET);
      try {
        const shopper = (address: string) => () =>
          postGraphql(storefront.url, QUERY, { 'x-forwarded-for': address }).then((answer) => answer.status);
        expect(await statuses(3, shopper('203.0.113.21'))).toEqual([200, 200, 429]);
        expect(await statuses(2, shopper('203.0.113.22'))).toEqual([200, 200]);
      } finally {
        await storefront.close();
      }
    });

    it('ignores a client address sent without the shared secret, or with a wrong one', async () => {
      const attempts = await statuses(3, (index) =>
        postGraphql(gateway.url, QUERY, {
          'x-client-address': `198.51.100.${index + 50}`,
          ...(index === 0 ? {} : { 'x-client-address-secret': `${SECRET}-guessed-${index}` }),
        }).then((answer) => answer.status),
      );
      expect(attempts).toEqual([200, 200, 429]);
    });

    it('never forwards a client address the shopper sent to the storefront', async () => {
      const storefront = await startStorefrontProxy(gateway.url, 0, SECRET);
      try {
        const spoofing = await statuses(3, (index) =>
          postGraphql(storefront.url, QUERY, { 'x-client-address': `198.51.100.${index + 80}` }).then(
            (answer) => answer.status,
          ),
        );
        // Without trusted hops the storefront names its own peer (this machine) for every attempt.
        expect(spoofing).toEqual([200, 200, 429]);
      } finally {
        await storefront.close();
      }
    });
  });
});
