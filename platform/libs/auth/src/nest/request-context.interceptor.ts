import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { runWithContext, type RequestContext } from '@marketplace/tenancy';
import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import { headerValue, requestFromContext, type AuthenticatedRequest } from './request-access';

const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;
const REQUEST_ID = /^[\w.-]{1,128}$/;

/**
 * Runs the handler inside the AsyncLocalStorage request context built from the principal the AuthGuard
 * attached, so repositories and loggers see tenantId/userId/roles/traceId without parameters.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const requestContext = contextOf(requestFromContext(context));
    // next.handle() runs the handler on subscription, so subscribing inside runWithContext scopes it.
    return new Observable((subscriber) =>
      runWithContext(requestContext, () => next.handle().subscribe(subscriber)),
    );
  }
}

export function contextOf(request: AuthenticatedRequest | undefined): RequestContext {
  const principal = request?.principal;
  const context: RequestContext = { traceId: traceIdOf(request) };
  if (!principal) return context;
  context.userId = principal.userId;
  context.roles = principal.roles;
  if (principal.tenantId !== undefined) context.tenantId = principal.tenantId;
  return context;
}

function traceIdOf(request: AuthenticatedRequest | undefined): string {
  const traceparent = request ? headerValue(request, 'traceparent') : undefined;
  const fromTraceparent = traceparent ? TRACEPARENT.exec(traceparent)?.[1] : undefined;
  if (fromTraceparent) return fromTraceparent;
  const requestId = request ? headerValue(request, 'x-request-id') : undefined;
  return requestId && REQUEST_ID.test(requestId) ? requestId : randomUUID();
}
