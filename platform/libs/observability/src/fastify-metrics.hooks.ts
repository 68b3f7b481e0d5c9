import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ServiceMetrics } from './metrics';
import { ObservedRequest, tenantOfRequest } from './request-access';
import { traceIdOfRequest } from './trace-context';

interface FastifyRequestShape extends ObservedRequest {
  method: string;
  routeOptions?: { url?: string };
}

interface FastifyReplyShape {
  statusCode: number;
  elapsedTime: number;
  header(name: string, value: string): unknown;
}

type Hook = (request: FastifyRequestShape, reply: FastifyReplyShape, done: () => void) => void;

interface FastifyShape {
  addHook(name: 'onRequest' | 'onResponse', hook: Hook): unknown;
}

/**
 * Fastify hooks around every request, including those refused by guards or matching no route: the trace
 * id is settled (and returned in `x-trace-id`) before anything else runs, and the RED metrics are
 * recorded once the response is sent.
 */
@Injectable()
export class FastifyMetricsHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ServiceMetrics) private readonly metrics: ServiceMetrics,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'fastify') return;
    const fastify = adapter.getInstance<FastifyShape>();

    fastify.addHook('onRequest', (request, reply, done) => {
      reply.header('x-trace-id', traceIdOfRequest(request));
      done();
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      this.metrics.observeRequest({
        // Unmatched URLs share one label value so scanners cannot grow the series count.
        route: request.routeOptions?.url ?? 'unmatched',
        method: request.method,
        status: reply.statusCode,
        tenantId: tenantOfRequest(request),
        durationSeconds: reply.elapsedTime / 1000,
      });
      done();
    });
  }
}
