import 'reflect-metadata';
import { Body, CanActivate, Controller, ExecutionContext, Get, Injectable, Module, NotFoundException, Param, Post } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { currentContext } from '@marketplace/tenancy';
import { InjectLogger, ObservabilityModule } from './index';

const NewProduct = z.object({ name: z.string().min(1), priceMinor: z.number().int().positive() });

@Controller('products')
class ProductsController {
  constructor(@InjectLogger() private readonly logger: Logger) {}

  @Get(':id')
  get(@Param('id') id: string) {
    this.logger.info({ productId: id }, 'product read');
    return { id, traceId: currentContext()?.traceId };
  }

  @Post()
  create(@Body() body: unknown) {
    return NewProduct.parse(body);
  }

  @Get(':id/reviews')
  reviews(@Param('id') id: string) {
    throw new NotFoundException(`product ${id} has no reviews`);
  }

  @Get(':id/price')
  price() {
    throw new Error('connect ECONNREFUSED 10.0.0.5:3306 user=marketplace password=s3cr3t');
  }
}

/** Stands in for the auth guard: it attaches the verified principal the way `@marketplace/auth` does. */
@Injectable()
class PrincipalFromTestHeader implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string>; principal?: { tenantId: string } }>();
    const tenantId = request.headers['x-test-tenant'];
    if (tenantId) request.principal = { tenantId };
    return true;
  }
}

describe('ObservabilityModule on Fastify', () => {
  const logLines: Record<string, unknown>[] = [];
  let databaseUp = true;
  let searchDegraded = false;
  let brokerUp = true;
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    @Module({
      imports: [
        ObservabilityModule.forRoot({
          service: 'catalog',
          logDestination: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
          readinessChecks: {
            mongodb: async () => {
              if (!databaseUp) throw new Error('connection refused');
            },
          },
          degradedChecks: {
            search: () => {
              if (searchDegraded) throw new Error('search index 90 s behind');
            },
            kafka: () => {
              if (!brokerUp) throw new Error('broker unreachable');
            },
          },
        }),
      ],
      controllers: [ProductsController],
      providers: [{ provide: APP_GUARD, useClass: PrincipalFromTestHeader }],
    })
    class AppModule {}

    app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    if (!address || typeof address === 'string') throw new Error('server did not bind a TCP port');
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(() => app.close());
  beforeEach(() => {
    logLines.length = 0;
    databaseUp = true;
    searchDegraded = false;
    brokerUp = true;
  });

  it('answers liveness with 200', async () => {
    const response = await fetch(`${baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers readiness with 200 when every check passes and 503 naming the failing check otherwise', async () => {
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { mongodb: { status: 'up' } } });

    databaseUp = false;
    const notReady = await fetch(`${baseUrl}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'error', error: { mongodb: { status: 'down' } } });
  });

  it('reports a degraded dependency with 200 and its reason, and a failing one still with 503', async () => {
    searchDegraded = true;
    const degraded = await fetch(`${baseUrl}/health/ready`);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({
      status: 'degraded',
      info: { mongodb: { status: 'up' }, search: { status: 'degraded', message: 'search index 90 s behind' } },
    });

    databaseUp = false;
    const notReady = await fetch(`${baseUrl}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'error', error: { mongodb: { status: 'down' } } });
  });

  it('reports a degraded dependency that is down as degraded, still answering 200', async () => {
    expect(await (await fetch(`${baseUrl}/health/ready`)).json()).toMatchObject({
      status: 'ok',
      info: { kafka: { status: 'up' } },
    });
    brokerUp = false;
    const degraded = await fetch(`${baseUrl}/health/ready`);
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({
      status: 'degraded',
      info: { mongodb: { status: 'up' }, kafka: { status: 'degraded', message: 'broker unreachable' } },
    });

    databaseUp = false;
    const notReady = await fetch(`${baseUrl}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      status: 'error',
      error: { mongodb: { status: 'down' } },
      details: { kafka: { status: 'degraded' } },
    });
  });

  it('continues the caller trace: same traceId in the response header, the request context and log lines', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`${baseUrl}/products/p-1`, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-test-tenant': 'tenant-42' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-trace-id')).toBe(traceId);
    expect(await response.json()).toEqual({ id: 'p-1', traceId });
    expect(logLines).toContainEqual(expect.objectContaining({ msg: 'product read', service: 'catalog', traceId, productId: 'p-1' }));
  });

  it('assigns a new trace id when the caller sends none', async () => {
    const response = await fetch(`${baseUrl}/products/p-2`);
    const traceId = response.headers.get('x-trace-id');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(await response.json()).toEqual({ id: 'p-2', traceId });
  });

  it('exposes RED metrics by route pattern, method, status and tenant in Prometheus text', async () => {
    await fetch(`${baseUrl}/products/p-3`, { headers: { 'x-test-tenant': 'tenant-metrics' } });
    await fetch(`${baseUrl}/products/p-4/reviews`);
    await fetch(`${baseUrl}/no/such/route`);

    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('http_requests_total{route="/products/:id",method="GET",status="200",tenant="tenant-metrics",service="catalog"} 1');
    expect(text).toContain('http_requests_total{route="/products/:id/reviews",method="GET",status="404",tenant="none",service="catalog"} 1');
    expect(text).toContain('route="unmatched",method="GET",status="404"');
    expect(text).not.toContain('/no/such/route');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('answers a validation failure with 400 naming the fields', async () => {
    const response = await fetch(`${baseUrl}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', priceMinor: 12.5 }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string[]; traceId: string };
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', traceId: response.headers.get('x-trace-id') });
    expect(body.message).toEqual([expect.stringMatching(/^name: /), expect.stringMatching(/^priceMinor: /)]);
  });

  it('keeps the message of known client errors', async () => {
    const response = await fetch(`${baseUrl}/products/p-5/reviews`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ statusCode: 404, message: 'product p-5 has no reviews' });
  });

  it('answers an unexpected error with a generic 500 and the traceId, logging the stack but never returning it', async () => {
    const response = await fetch(`${baseUrl}/products/p-6/price`);
    expect(response.status).toBe(500);
    const traceId = response.headers.get('x-trace-id');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error', traceId });
    expect(text).not.toMatch(/ECONNREFUSED|s3cr3t|\.ts:\d+/);

    const logged = logLines.find((line) => line.msg === 'Unhandled error');
    expect(logged).toMatchObject({ level: 'error', service: 'catalog', traceId, method: 'GET', url: '/products/p-6/price' });
    expect((logged?.err as { stack: string }).stack).toContain('ECONNREFUSED');
  });
});
