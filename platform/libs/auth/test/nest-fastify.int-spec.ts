import 'reflect-metadata';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { currentContext } from '@marketplace/tenancy';
import { createTestAdmin, createTestTenant, passwordToken, type TestTenant } from '@marketplace/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  asSubject,
  AuthModule,
  CheckAbility,
  CurrentAbility,
  CurrentPrincipal,
  ForbiddenError,
  Public,
  Roles,
  type AppAbility,
  type AuthModuleOptions,
  type Principal,
} from '../src';
import {
  API_AUDIENCE,
  idTokenOf,
  realmIssuer,
  resignedWithForeignKey,
  withTamperedSignature,
} from './keycloak';

@Controller()
class ProbeController {
  @Public()
  @Get('health')
  health() {
    return { context: currentContext() ?? null };
  }

  @CheckAbility('read', 'Product')
  @Get('products')
  async products(@CurrentPrincipal() principal: Principal) {
    // Crossing an await shows the request context survives asynchronous continuations.
    await sleep(5);
    return { principal, context: currentContext() };
  }

  @CheckAbility('update', 'Product')
  @Get('tenants/:tenantId/products/edit')
  editProducts(@Param('tenantId') tenantId: string, @CurrentAbility() ability: AppAbility) {
    if (!ability.can('update', asSubject('Product', { tenantId })))
      throw new ForbiddenError('Not allowed to update Product');
    return { editable: true };
  }

  @CheckAbility('read', 'Payout')
  @Get('payouts')
  payouts() {
    return { payouts: [] };
  }

  @Roles('platform-admin')
  @Get('admin/tenants')
  adminTenants() {
    return { context: currentContext() };
  }
}

async function startApp(options: Partial<AuthModuleOptions> = {}): Promise<NestFastifyApplication> {
  @Module({
    imports: [AuthModule.forRoot({ issuer: realmIssuer(), audience: API_AUDIENCE, ...options })],
    controllers: [ProbeController],
  })
  class ProbeModule {}
  const app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), {
    logger: ['error'],
    abortOnError: false,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('AuthModule in a Nest app on Fastify with real Keycloak tokens', () => {
  let app: NestFastifyApplication;
  let tenant: TestTenant;
  let ownerToken: string;
  let staffToken: string;

  beforeAll(async () => {
    app = await startApp();
    tenant = await createTestTenant({ staff: true });
    ownerToken = await passwordToken(tenant.owner.email);
    staffToken = await passwordToken(tenant.staff!.email);
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = (url: string, token?: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'GET',
      url,
      headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });

  it('serves a good token and runs the handler inside the request context', async () => {
    const response = await get('/products', ownerToken, {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.principal).toMatchObject({ userId: tenant.owner.userId, tenantId: tenant.tenantId });
    expect(body.context).toMatchObject({
      tenantId: tenant.tenantId,
      userId: tenant.owner.userId,
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });

  it('serves @Public() routes without a token and without a tenant', async () => {
    const response = await get('/health');
    expect(response.statusCode).toBe(200);
    expect(response.json().context.tenantId).toBeUndefined();
  });

  it('answers 401 without a token and for tampered, foreign-signed or wrong-audience tokens', async () => {
    expect((await get('/products')).statusCode).toBe(401);
    expect((await get('/products', 'not-a-jwt')).statusCode).toBe(401);
    expect((await get('/products', withTamperedSignature(ownerToken))).statusCode).toBe(401);
    expect((await get('/products', await resignedWithForeignKey(ownerToken))).statusCode).toBe(401);
    const wrongAudience = await get('/products', await idTokenOf(tenant.owner.email));
    expect(wrongAudience.statusCode).toBe(401);
    expect(wrongAudience.json().reason).toBe('wrong_audience');
  });

  it('answers 401 for an expired token', async () => {
    const later = await startApp({ clock: () => new Date(Date.now() + 10 * 60_000) });
    try {
      const response = await later.inject({
        method: 'GET',
        url: '/products',
        headers: { authorization: `Bearer ${ownerToken}` },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().reason).toBe('expired_token');
    } finally {
      await later.close();
    }
  });

  it('answers 403 when the ability forbids: staff reading payouts, editing another tenant, non-admins on admin routes', async () => {
    expect((await get('/payouts', ownerToken)).statusCode).toBe(200);
    expect((await get('/payouts', staffToken)).statusCode).toBe(403);
    expect((await get(`/tenants/${tenant.tenantId}/products/edit`, staffToken)).statusCode).toBe(200);
    const other = await createTestTenant();
    expect((await get(`/tenants/${other.tenantId}/products/edit`, staffToken)).statusCode).toBe(403);
    expect((await get('/admin/tenants', ownerToken)).statusCode).toBe(403);
  });

  it('answers 403 for an x-tenant-id that is not the token organization', async () => {
    const other = await createTestTenant();
    expect((await get('/products', ownerToken, { 'x-tenant-id': other.tenantId })).statusCode).toBe(403);
    expect((await get('/products', ownerToken, { 'x-tenant-id': tenant.tenantId })).statusCode).toBe(200);
  });

  it('lets a platform admin in, not cross-tenant until an operation says so', async () => {
    const admin = await createTestAdmin();
    const response = await get('/admin/tenants', admin.token);
    expect(response.statusCode).toBe(200);
    expect(response.json().context).toMatchObject({ userId: admin.userId });
    expect(response.json().context.crossTenant).toBeUndefined();
  });
});
