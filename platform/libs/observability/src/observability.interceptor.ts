import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { currentContext, runWithContext } from '@marketplace/tenancy';
import { errorResponseOf } from './error-response';
import { ServiceMetrics } from './metrics';
import { graphqlFieldOf, rememberTenant, requestOf } from './request-access';
import { newTraceId, traceIdOfRequest } from './trace-context';

/**
 * Puts the request's traceId into the request context for everything the handler does, notes the tenant
 * for the HTTP metrics hook, and records RED metrics per GraphQL root field (HTTP requests are recorded by
 * the Fastify hook, which also sees requests refused before any interceptor runs).
 */
@Injectable()
export class ObservabilityInterceptor implements NestInterceptor {
  constructor(@Inject(ServiceMetrics) private readonly metrics: ServiceMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = requestOf(context);
    const started = process.hrtime.bigint();
    const isGraphql = context.getType<string>() === 'graphql';

    const finish = (error?: unknown) => {
      const tenantId = currentContext()?.tenantId;
      if (request) rememberTenant(request, tenantId);
      if (!isGraphql) return;
      const { route, method } = graphqlFieldOf(context);
      const status = error === undefined ? 200 : errorResponseOf(error).status;
      this.metrics.observeRequest({ route, method, status, tenantId, durationSeconds: Number(process.hrtime.bigint() - started) / 1e9 });
    };
    const observed = () => next.handle().pipe(tap({ complete: () => finish(), error: (error: unknown) => finish(error) }));

    const existing = currentContext();
    if (existing?.traceId) return observed();
    const traceId = request ? traceIdOfRequest(request) : newTraceId();
    // The handler runs on subscription, so subscribing inside runWithContext scopes all of its work.
    return new Observable((subscriber) => runWithContext({ ...existing, traceId }, () => observed().subscribe(subscriber)));
  }
}
