import { createTestTenant, type TestTenant } from '@marketplace/testing';
import { startFixtureSubgraphs, type FixtureSubgraphs } from './fixture-subgraphs';
import { postGraphql, startGateway, type GraphqlAnswer, type RunningGateway } from './gateway-harness';

const QUERY = '{ products { id } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bearer = (tenant: TestTenant) => ({ authorization: `Bearer ${tenant.owner.token}` });
const statusesOf = (answers: GraphqlAnswer[]) => answers.map((answer) => answer.status).sort();

/** A tenant's limit is a rate with a burst (token bucket, ADR 0069): it holds over a second as over the window. */
describe('gateway: a tenant sends at most its burst at once, then its rate', () => {
  let fixtures: FixtureSubgraphs;
  let noisy: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    [fixtures, noisy, other] = await Promise.all([
      startFixtureSubgraphs(),
      createTestTenant(),
      createTestTenant(),
    ]);
  });
  afterAll(() => fixtures?.close());

  describe('at one request a minute with bursts of 5', () => {
    let gateway: RunningGateway;

    beforeAll(async () => {
      // 60 per hour, 300 s of it at once: bursts of 5, and the next request a minute later.
      gateway = await startGateway(fixtures.subgraphsSetting, {
        RATE_LIMIT_TENANT: '60',
        RATE_LIMIT_WINDOW_SECONDS: '3600',
        RATE_LIMIT_BURST_SECONDS: '300',
      });
    });
    afterAll(() => gateway?.close());

    it('refuses at once what a burst sends beyond the burst size, though far within the hourly limit', async () => {
      const burst = await Promise.all(
        Array.from({ length: 8 }, () => postGraphql(gateway.url, QUERY, bearer(noisy))),
      );
      expect(statusesOf(burst)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      for (const refused of burst.filter((answer) => answer.status === 429)) {
        expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
        expect(refused.body.errors?.[0]?.message).toMatch(/60 requests per 3600 s \(at most 5 at once\)/);
        expect(refused.headers.get('ratelimit-remaining')).toBe('0');
        const retryAfter = Number(refused.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
      }
    });

    it('refuses before reading the body and calls no subgraph for a refused request', async () => {
      const before = (await fixtures.products.stats()).graphqlRequests;
      expect((await postGraphql(gateway.url, QUERY, bearer(noisy))).status).toBe(429);
      // A body that would be a 400 (not JSON) or a 413 (past MAX_BODY_BYTES) is never read: the limit comes first.
      const unreadable = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(noisy) },
        body: '{ this is not JSON',
      });
      expect(unreadable.status).toBe(429);
      const oversized = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(noisy) },
        body: JSON.stringify({ query: `${QUERY} # ${'x'.repeat(200 * 1024)}` }),
      });
      expect(oversized.status).toBe(429);
      expect((await fixtures.products.stats()).graphqlRequests).toBe(before);
    });

    it('leaves another tenant its whole burst', async () => {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => postGraphql(gateway.url, QUERY, bearer(other))),
      );
      expect(statusesOf(answers)).toEqual([200, 200, 200, 200, 200]);
      expect(answers.map((answer) => answer.headers.get('ratelimit-remaining')).sort()).toEqual([
        '0',
        '1',
        '2',
        '3',
        '4',
      ]);
    });
  });

  describe('at two requests a second with bursts of 2', () => {
    let gateway: RunningGateway;

    beforeAll(async () => {
      gateway = await startGateway(fixtures.subgraphsSetting, {
        RATE_LIMIT_TENANT: '120',
        RATE_LIMIT_WINDOW_SECONDS: '60',
        RATE_LIMIT_BURST_SECONDS: '1',
      });
    });
    afterAll(() => gateway?.close());

    it('admits every request of a tenant keeping to its rate once its burst is spent', async () => {
      const burst = await Promise.all(
        Array.from({ length: 3 }, () => postGraphql(gateway.url, QUERY, bearer(noisy))),
      );
      expect(statusesOf(burst)).toEqual([200, 200, 429]);
      expect(burst.find((answer) => answer.status === 429)?.headers.get('retry-after')).toBe('1');

      // One request per 600 ms, a little under the 500 ms interval of the rate, each after the last answer.
      const steady: number[] = [];
      for (let sent = 0; sent < 6; sent += 1) {
        await sleep(600);
        steady.push((await postGraphql(gateway.url, QUERY, bearer(noisy))).status);
      }
      expect(steady).toEqual([200, 200, 200, 200, 200, 200]);
    });
  });
});
