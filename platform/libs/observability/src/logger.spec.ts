import { runWithContext } from '@marketplace/tenancy';
import { NestPinoLogger, createLogger } from './index';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe('createLogger', () => {
  it('writes JSON lines with service, level, time and message', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'catalog', destination }).info({ productId: 'p-1' }, 'product published');
    expect(lines).toEqual([
      expect.objectContaining({ service: 'catalog', level: 'info', msg: 'product published', productId: 'p-1', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }),
    ]);
    expect(lines[0]).not.toHaveProperty('tenantId');
  });

  it('adds tenantId, userId and traceId of the current request context to every line', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'orders', destination });
    runWithContext({ tenantId: 'tenant-7', userId: 'user-3', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', roles: ['seller-owner'] }, () => {
      logger.info('order confirmed');
      logger.child({ component: 'saga' }).warn('payment slow');
    });
    logger.info('outside any request');
    expect(lines.map(({ tenantId, userId, traceId, msg }) => ({ tenantId, userId, traceId, msg }))).toEqual([
      { tenantId: 'tenant-7', userId: 'user-3', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', msg: 'order confirmed' },
      { tenantId: 'tenant-7', userId: 'user-3', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', msg: 'payment slow' },
      { tenantId: undefined, userId: undefined, traceId: undefined, msg: 'outside any request' },
    ]);
    expect(lines[1]).toMatchObject({ component: 'saga', level: 'warn' });
  });

  it('redacts authorization headers, cookies, passwords, secrets and tokens', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'gateway', destination }).info(
      {
        req: { method: 'GET', headers: { authorization: 'Bearer eyJ.secret', cookie: 'session=abc', 'set-cookie': 'x=1', accept: 'application/json' } },
        headers: { authorization: 'Basic dXNlcjpwYXNz' },
        user: { email: 'a@example.com', password: 'hunter2' },
        secret: 'whsec_123',
        stripe: { apiKey: 'sk_test_123', accountId: 'acct_1' },
        token: 'opaque',
      },
      'incoming',
    );
    const line = JSON.stringify(lines[0]);
    for (const leaked of ['eyJ.secret', 'session=abc', 'x=1', 'dXNlcjpwYXNz', 'hunter2', 'whsec_123', 'sk_test_123', 'opaque']) {
      expect(line).not.toContain(leaked);
    }
    expect(lines[0]).toMatchObject({
      req: { method: 'GET', headers: { authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' } },
      user: { email: 'a@example.com', password: '[redacted]' },
      stripe: { accountId: 'acct_1', apiKey: '[redacted]' },
    });
  });

  it('respects the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'cart', level: 'warn', destination });
    logger.info('hidden');
    logger.error({ err: new Error('redis down') }, 'cart unavailable');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'error', err: { type: 'Error', message: 'redis down', stack: expect.stringContaining('redis down') } });
  });
});

describe('NestPinoLogger', () => {
  it("turns Nest's log calls into JSON lines with the Nest context", () => {
    const { lines, destination } = capture();
    const nest = new NestPinoLogger(createLogger({ service: 'media', level: 'trace', destination }));
    nest.log('Mapped {/uploads, POST} route', 'RouterExplorer');
    nest.error('Unhandled', 'Error: boom\n    at handler (x.ts:1:1)', 'ExceptionsHandler');
    nest.warn({ event: 'slow-start' }, 'InstanceLoader');
    nest.verbose('details');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'Mapped {/uploads, POST} route', context: 'RouterExplorer', service: 'media' }),
      expect.objectContaining({ level: 'error', msg: 'Unhandled', context: 'ExceptionsHandler', stack: 'Error: boom\n    at handler (x.ts:1:1)' }),
      expect.objectContaining({ level: 'warn', event: 'slow-start', context: 'InstanceLoader' }),
      expect.objectContaining({ level: 'trace', msg: 'details' }),
    ]);
  });
});
