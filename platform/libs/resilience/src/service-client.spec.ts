import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { runWithContext } from '@marketplace/tenancy';
import {
  CircuitOpenError,
  InvalidResponseError,
  PolicyOptions,
  ServiceClient,
  ServiceFailedError,
  ServiceRejectedError,
  ServiceTimeoutError,
  ServiceUnreachableError,
} from './index';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

type Reply = (req: Received, hit: number) => { status: number; body?: unknown; delayMs?: number };

/** A real HTTP server on loopback whose answers each test scripts. */
class FakeService {
  readonly received: Received[] = [];
  aborted = 0;
  reply: Reply = () => ({ status: 200, body: {} });
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
        this.received.push(received);
        const { status, body, delayMs = 0 } = this.reply(received, this.received.length);
        const timer = setTimeout(() => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
        }, delayMs);
        res.on('close', () => {
          if (!res.writableEnded) {
            this.aborted += 1;
            clearTimeout(timer);
          }
        });
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const policy: PolicyOptions = {
  timeoutMs: 1000,
  retries: 2,
  backoff: { initialMs: 1, maxMs: 10 },
  breaker: { threshold: 50, halfOpenAfterMs: 60_000 },
};

describe('ServiceClient', () => {
  const inventory = new FakeService();
  let baseUrl: string;
  let client: ServiceClient;

  beforeAll(async () => {
    baseUrl = await inventory.start();
  });
  afterAll(() => inventory.stop());
  beforeEach(() => {
    inventory.received.length = 0;
    inventory.aborted = 0;
    client = new ServiceClient({ service: 'inventory', baseUrl: `${baseUrl}/`, policy });
  });

  const stock = z.object({ variantId: z.string(), available: z.number().int() });

  it('sends JSON with the caller identity and trace context, and returns the validated answer', async () => {
    inventory.reply = () => ({ status: 200, body: { variantId: 'v-1', available: 7 } });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const result = await runWithContext({ tenantId: 't-1', traceId }, () =>
      client.post('/reservations', { variantId: 'v-1', quantity: 2 }, {
        schema: stock,
        authorization: 'Bearer caller-token',
        idempotencyKey: 'checkout-1',
        query: { dryRun: false, skip: undefined },
      }),
    );
    expect(result).toEqual({ variantId: 'v-1', available: 7 });
    const [request] = inventory.received;
    expect(request).toMatchObject({ method: 'POST', url: '/reservations?dryRun=false', body: '{"variantId":"v-1","quantity":2}' });
    expect(request?.headers).toMatchObject({
      authorization: 'Bearer caller-token',
      'content-type': 'application/json',
      'idempotency-key': 'checkout-1',
    });
    expect(request?.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  });

  it('uses the client credentials provider when the call passes no authorization', async () => {
    const withServiceToken = new ServiceClient({ service: 'inventory', baseUrl, policy, authorization: async () => 'Bearer service-token' });
    await withServiceToken.get('/stock/v-1');
    expect(inventory.received[0]?.headers.authorization).toBe('Bearer service-token');
    expect(inventory.received[0]?.headers.traceparent).toBeUndefined();
  });

  it('retries 5xx answers and returns the answer that follows', async () => {
    inventory.reply = (_req, hit) => (hit < 3 ? { status: 503 } : { status: 200, body: { variantId: 'v-1', available: 1 } });
    await expect(client.get('/stock/v-1', { schema: stock })).resolves.toEqual({ variantId: 'v-1', available: 1 });
    expect(inventory.received).toHaveLength(3);
  });

  it('gives up after the configured retries with a retryable ServiceFailedError', async () => {
    inventory.reply = () => ({ status: 500, body: { message: 'boom' } });
    const error = await client.get('/stock/v-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceFailedError);
    expect(error).toMatchObject({ status: 500, retryable: true, service: 'inventory' });
    expect(inventory.received).toHaveLength(3);
  });

  it('does not retry 4xx refusals and exposes the refusal body', async () => {
    inventory.reply = () => ({ status: 404, body: { statusCode: 404, message: 'variant v-9 not found' } });
    const error = await client.get('/stock/v-9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceRejectedError);
    expect(error).toMatchObject({ status: 404, retryable: false, body: { message: 'variant v-9 not found' } });
    expect((error as Error).message).toBe('inventory GET /stock/v-9 was refused with 404: variant v-9 not found');
    expect(inventory.received).toHaveLength(1);
  });

  it('does not repeat a POST without an idempotency key', async () => {
    inventory.reply = () => ({ status: 502 });
    await expect(client.post('/reservations', { variantId: 'v-1' })).rejects.toBeInstanceOf(ServiceFailedError);
    expect(inventory.received).toHaveLength(1);
  });

  it('aborts a slow call at the timeout and reports it as a timeout', async () => {
    const slow = new ServiceClient({ service: 'inventory', baseUrl, policy: { ...policy, timeoutMs: 100, retries: 0 } });
    inventory.reply = () => ({ status: 200, body: {}, delayMs: 2000 });
    const error = await slow.get('/stock/v-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceTimeoutError);
    expect((error as Error).message).toBe('inventory GET /stock/v-1 did not answer within 100 ms');
    await sleep(50);
    expect(inventory.aborted).toBe(1);
  });

  it('opens the breaker after consecutive failures, then fails fast without calling the service', async () => {
    const guarded = new ServiceClient({
      service: 'inventory',
      baseUrl,
      policy: { ...policy, retries: 0, breaker: { threshold: 2, halfOpenAfterMs: 150 } },
    });
    inventory.reply = () => ({ status: 503 });
    await expect(guarded.get('/stock/v-1')).rejects.toBeInstanceOf(ServiceFailedError);
    await expect(guarded.get('/stock/v-1')).rejects.toBeInstanceOf(ServiceFailedError);
    expect(guarded.policy.breakerState).toBe('open');

    await expect(guarded.get('/stock/v-1')).rejects.toBeInstanceOf(CircuitOpenError);
    expect(inventory.received).toHaveLength(2);

    inventory.reply = () => ({ status: 200, body: { variantId: 'v-1', available: 3 } });
    await sleep(200);
    await expect(guarded.get('/stock/v-1', { schema: stock })).resolves.toEqual({ variantId: 'v-1', available: 3 });
    expect(guarded.policy.breakerState).toBe('closed');
    expect(inventory.received).toHaveLength(3);
  });

  it('refuses an answer that does not match the schema, without retrying', async () => {
    inventory.reply = () => ({ status: 200, body: { variantId: 'v-1', available: 'many' } });
    const error = await client.get('/stock/v-1', { schema: stock }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('available: ');
    expect(inventory.received).toHaveLength(1);
  });

  it('returns undefined for an empty answer', async () => {
    inventory.reply = () => ({ status: 204 });
    await expect(client.delete('/reservations/r-1')).resolves.toBeUndefined();
  });

  it('reports an unreachable service after retrying', async () => {
    const closed = new FakeService();
    const closedUrl = await closed.start();
    await closed.stop();
    const unreachable = new ServiceClient({ service: 'inventory', baseUrl: closedUrl, policy });
    const events: string[] = [];
    unreachable.policy.onEvent((event) => events.push(event.type));
    await expect(unreachable.get('/stock/v-1')).rejects.toBeInstanceOf(ServiceUnreachableError);
    expect(events).toEqual(['retry', 'retry', 'give-up']);
  });
});
