import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { ServiceClient, ServiceRejectedError, isOutageError } from './index';

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const fastPolicy = {
  timeoutMs: 500,
  retries: 0,
  backoff: { initialMs: 10, maxMs: 10 },
  breaker: { threshold: 100, halfOpenAfterMs: 1000 },
};

describe('isOutageError', () => {
  it('reads a refused connection as an outage, also wrapped in causes (a query builder around the driver)', async () => {
    const port = await closedPort();
    const refused = await new Promise<Error>((resolve) => {
      connect(port, '127.0.0.1').once('error', resolve);
    });
    expect(isOutageError(refused)).toBe(true);
    expect(isOutageError(new Error('Failed query: insert into …', { cause: refused }))).toBe(true);
    expect(isOutageError(new AggregateError([new Error('other'), refused]))).toBe(true);
  });

  it('reads an unreachable downstream service and a 503/502/504 answer as an outage, not a 500 or a refusal', async () => {
    const port = await closedPort();
    const unreachable = new ServiceClient({
      service: 'down',
      baseUrl: `http://127.0.0.1:${port}`,
      policy: fastPolicy,
    });
    const failure = await unreachable.get('/x').catch((error: unknown) => error);
    expect(isOutageError(failure)).toBe(true);

    let status = 503;
    const server = createHttpServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'no' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new ServiceClient({
        service: 'answering',
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        policy: fastPolicy,
      });
      const outcomes: Record<number, boolean> = {};
      for (status of [502, 503, 504, 500, 409])
        outcomes[status] = isOutageError(await client.get('/x').catch((error: unknown) => error));
      expect(outcomes).toEqual({ 502: true, 503: true, 504: true, 500: false, 409: false });
      expect(await client.get('/x').catch((error: unknown) => error)).toBeInstanceOf(ServiceRejectedError);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reads driver errors of a lost server by code or name, and nothing else', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(isOutageError(coded('PROTOCOL_CONNECTION_LOST'))).toBe(true);
    expect(isOutageError(coded('PLT_KFK_NETWORK'))).toBe(true);
    expect(isOutageError(Object.assign(coded('PLT_KFK_PROTOCOL'), { canRetry: true }))).toBe(true);
    expect(isOutageError(Object.assign(coded('PLT_KFK_PROTOCOL'), { canRetry: false }))).toBe(false);
    expect(isOutageError(Object.assign(new Error('x'), { name: 'MongoServerSelectionError' }))).toBe(true);
    expect(isOutageError(new Error('Connection is closed.'))).toBe(true);

    expect(isOutageError(coded('ER_DUP_ENTRY'))).toBe(false);
    expect(isOutageError(Object.assign(new Error('bad'), { name: 'ValidationError' }))).toBe(false);
    expect(isOutageError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isOutageError('ECONNREFUSED')).toBe(false);
    expect(isOutageError(undefined)).toBe(false);
  });
});
