import 'reflect-metadata';
import { currentContext, type RequestContext } from '@marketplace/tenancy';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { firstValueFrom, defer } from 'rxjs';
import type { Principal } from '../principal';
import { requestFromContext, type AuthenticatedRequest } from './request-access';
import { RequestContextInterceptor } from './request-context.interceptor';

const principal: Principal = {
  userId: 'u-1',
  roles: ['seller-staff'],
  tenantId: 't-1',
  tenantIds: ['t-1'],
  kind: 'user',
};

function graphqlContext(gqlContext: object) {
  const context = new ExecutionContextHost([{}, {}, gqlContext, {}]);
  context.setType('graphql');
  return context;
}

describe('requestFromContext', () => {
  const request: AuthenticatedRequest = { headers: {} };

  it('reads the HTTP request', () => {
    expect(requestFromContext(new ExecutionContextHost([request, {}]))).toBe(request);
  });

  it('reads the request from a GraphQL context as Apollo (Express or Fastify) and Mercurius provide it', () => {
    expect(requestFromContext(graphqlContext({ req: request }))).toBe(request);
    expect(requestFromContext(graphqlContext({ request }))).toBe(request);
    expect(requestFromContext(graphqlContext({ reply: { request } }))).toBe(request);
  });
});

describe('RequestContextInterceptor', () => {
  const interceptor = new RequestContextInterceptor();
  const handlerSeeingContext = { handle: () => defer(async () => currentContext()) };

  it('runs a GraphQL resolver inside the context of the authenticated principal', async () => {
    const request: AuthenticatedRequest = { headers: { 'x-request-id': 'req-42' }, principal };
    const seen = await firstValueFrom(
      interceptor.intercept(graphqlContext({ req: request }), handlerSeeingContext),
    );
    expect(seen).toEqual({
      tenantId: 't-1',
      userId: 'u-1',
      roles: ['seller-staff'],
      traceId: 'req-42',
    });
  });

  it('never marks a platform admin cross-tenant by role alone, and ignores a malformed request id', async () => {
    const admin: Principal = { userId: 'a-1', roles: ['platform-admin'], tenantIds: [], kind: 'user' };
    const request: AuthenticatedRequest = { headers: { 'x-request-id': 'bad id\n' }, principal: admin };
    const seen = (await firstValueFrom(
      interceptor.intercept(new ExecutionContextHost([request, {}]), handlerSeeingContext),
    )) as RequestContext | undefined;
    expect(seen).toMatchObject({ userId: 'a-1', roles: ['platform-admin'] });
    expect(seen?.crossTenant).toBeUndefined();
    expect(seen?.tenantId).toBeUndefined();
    expect(seen?.traceId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
