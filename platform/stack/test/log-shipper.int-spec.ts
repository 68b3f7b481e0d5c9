import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { LogShipper, normalize } from '../log-shipper/log-shipper';
import { stackEnv } from './stack-env';

/** `npm start`'s log shipper against the stack's OpenSearch node, on an index prefix of this run alone. */
describe('log shipper (local OpenSearch)', () => {
  const openSearchUrl = stackEnv('OPENSEARCH_URL');
  const prefix = `logs-test-${randomUUID().slice(0, 8)}`;
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'log-shipper-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  afterAll(async () => {
    await fetch(`${openSearchUrl}/${prefix}-*`, { method: 'DELETE' });
    await fetch(`${openSearchUrl}/_index_template/${prefix}`, { method: 'DELETE' });
  });

  function shipper(): LogShipper {
    return new LogShipper({
      directory,
      openSearchUrl,
      stateFile: join(directory, 'offsets.json'),
      indexPrefix: prefix,
      pollMs: 50,
    });
  }

  async function search(query: string): Promise<Record<string, unknown>[]> {
    await fetch(`${openSearchUrl}/${prefix}-*/_refresh`, { method: 'POST' });
    const answer = await fetch(
      `${openSearchUrl}/${prefix}-*/_search?size=100&sort=@timestamp:asc&q=${encodeURIComponent(query)}`,
    );
    const body = (await answer.json()) as { hits: { hits: { _source: Record<string, unknown> }[] } };
    return body.hits.hits.map((hit) => hit._source);
  }

  it('indexes each line of each service once, normalized, and finds one trace across services', async () => {
    const traceId = randomUUID().replaceAll('-', '');
    const tenantId = randomUUID();
    await writeFile(
      join(directory, 'app-cart.log'),
      `${JSON.stringify({ level: 30, time: Date.parse('2026-12-02T10:00:00.000Z'), msg: 'line added', traceId, tenantId })}\n`,
    );
    await writeFile(
      join(directory, 'app-orders.log'),
      [
        JSON.stringify({
          level: 'error',
          time: '2026-12-02T10:00:01.000Z',
          service: 'orders',
          msg: 'checkout failed',
          traceId,
        }),
        ' ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL  not json',
        // The last line is still being written: it waits for its newline.
        '{"level":"info","msg":"half',
      ].join('\n'),
    );
    await writeFile(join(directory, 'kafka.log'), 'a server of the stack, not a deployable\n');
    const logs = shipper();
    await logs.start({ fromEnd: false });
    await logs.stop();
    expect(await logs.shipOnce()).toEqual({ files: 2, lines: 0 });

    const trace = await search(`traceId:${traceId}`);
    expect(trace).toEqual([
      {
        '@timestamp': '2026-12-02T10:00:00.000Z',
        level: 'info',
        msg: 'line added',
        traceId,
        tenantId,
        service: 'cart',
      },
      {
        '@timestamp': '2026-12-02T10:00:01.000Z',
        level: 'error',
        msg: 'checkout failed',
        traceId,
        service: 'orders',
        tenantId: '-',
      },
    ]);
    expect(await search(`tenantId:"${tenantId}"`)).toHaveLength(1);
    expect(await search('service:orders')).toEqual([
      expect.objectContaining({ msg: 'checkout failed' }),
      expect.objectContaining({
        msg: ' ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL  not json',
        level: 'info',
        tenantId: '-',
      }),
    ]);

    // The half-written line completes; a restarted shipper resumes from its stored offsets.
    await appendFile(join(directory, 'app-orders.log'), ' done"}\n');
    const again = shipper();
    await again.start();
    await again.stop();
    const orders = await search('service:orders');
    expect(orders.map((record) => record.msg)).toEqual([
      'checkout failed',
      ' ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL  not json',
      'half done',
    ]);
  });

  it('starts new files from their end by default, and a truncated file from its start', async () => {
    const marker = randomUUID();
    await writeFile(
      join(directory, 'app-media.log'),
      `${JSON.stringify({ msg: `old ${marker}`, detail: 'from an earlier run' })}\n`,
    );
    const logs = shipper();
    await logs.start();
    await logs.stop();
    await writeFile(join(directory, 'app-media.log'), `${JSON.stringify({ msg: `new ${marker}` })}\n`);
    await logs.shipOnce();
    expect((await search(`msg:${marker}`)).map((record) => record.msg)).toEqual([`new ${marker}`]);
  });

  it('keeps the offsets where they were while OpenSearch cannot be reached, and ships once it can', async () => {
    await writeFile(join(directory, 'app-tenants.log'), `${JSON.stringify({ msg: 'kept' })}\n`);
    const unreachable = new LogShipper({
      directory,
      openSearchUrl: 'http://127.0.0.1:9',
      stateFile: join(directory, 'offsets.json'),
      indexPrefix: prefix,
    });
    await expect(unreachable.shipOnce()).rejects.toThrow();
    const marker = randomUUID();
    await appendFile(join(directory, 'app-tenants.log'), `${JSON.stringify({ msg: `then ${marker}` })}\n`);
    const logs = shipper();
    await logs.start({ fromEnd: false });
    await logs.stop();
    expect((await search('service:tenants')).map((record) => record.msg)).toEqual(['kept', `then ${marker}`]);
  });
});

describe('normalize', () => {
  it('names numeric levels, turns epoch times into @timestamp and keeps the service a line names', () => {
    expect(normalize('{"level":50,"time":0,"service":"gateway","msg":"x"}', 'cart')).toEqual({
      level: 'error',
      '@timestamp': '1970-01-01T00:00:00.000Z',
      service: 'gateway',
      tenantId: '-',
      msg: 'x',
    });
  });
});
