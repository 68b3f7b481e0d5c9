import { Controller, Delete, HttpCode, Module, NotFoundException, Param } from '@nestjs/common';
import { Directive, Field, ID, ObjectType, Query, ResolveField, ResolveReference, Resolver } from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CurrentPrincipal, Public, Roles, type Principal } from '@marketplace/auth';
import { createTestBuyer, createTestTenant } from '@marketplace/testing';
import { createServiceApp, ServicePlatformModule, SubgraphModule } from '../src';

@ObjectType()
class Whoami {
  @Field() userId!: string;
  @Field({ nullable: true }) tenantId?: string;
}

@Resolver()
class ProbeResolver {
  @Public()
  @Query(() => String)
  ping(): string {
    return 'pong';
  }

  @Query(() => Whoami)
  whoami(@CurrentPrincipal() principal: Principal): Whoami {
    return { userId: principal.userId, ...(principal.tenantId ? { tenantId: principal.tenantId } : {}) };
  }

  @Roles('seller-owner')
  @Query(() => String)
  ownerOnly(): string {
    return 'owner';
  }
}

/** What an unexpected fault could carry to a caller if nothing masked it. */
const INTERNALS = 'connect ECONNREFUSED mongodb://catalog:s3cret@10.0.4.7/catalog';

@ObjectType()
@Directive('@key(fields: "id")')
class Gadget {
  @Field(() => ID) id!: string;
}

@Resolver(() => Gadget)
class GadgetResolver {
  @Public()
  @Query(() => Gadget)
  gadget(): Gadget {
    return { id: 'g-1' };
  }

  @ResolveField(() => String, { nullable: true })
  fragile(): string {
    throw new RangeError(INTERNALS);
  }

  @ResolveField(() => String, { nullable: true })
  retired(): string {
    throw new NotFoundException('This gadget was retired');
  }

  @ResolveReference()
  resolveReference(reference: { id: string }): Gadget {
    if (reference.id === 'broken') throw new TypeError(INTERNALS);
    return { id: reference.id };
  }
}

/** A REST route of the integrators' API (`/api/v1`). */
@Controller('api/v1/gadgets')
class GadgetsController {
  @Public()
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id') id: string): void {
    if (id !== 'g-1') throw new NotFoundException(`No gadget ${id}`);
  }
}

@Module({
  controllers: [GadgetsController],
  imports: [
    ServicePlatformModule.forRoot({
      service: 'kit-probe',
      logLevel: 'silent',
      keycloak: { url: process.env.KEYCLOAK_URL!, realm: process.env.KEYCLOAK_REALM!, audience: 'marketplace-api' },
    }),
    SubgraphModule.forRoot(),
  ],
  providers: [ProbeResolver, GadgetResolver],
})
class ProbeModule {}

describe('service kit: a subgraph with the platform module', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    app = await createServiceApp(ProbeModule);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  const gql = async (query: string, token?: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: Record<string, unknown>;
        errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
      },
    };
  };

  it('serves health and metrics without a token', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('http_requests_total');
  });

  it('exposes a federation v2 subgraph schema', async () => {
    const { body } = await gql('{ _service { sdl } }');
    expect(body.data?._service).toEqual({ sdl: expect.stringContaining('https://specs.apollo.dev/federation/v2') });
  });

  it('answers public fields without a token and refuses protected ones', async () => {
    expect((await gql('{ ping }')).body.data).toEqual({ ping: 'pong' });
    const refused = await gql('{ whoami { userId } }');
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives resolvers the principal from a real Keycloak token and enforces roles', async () => {
    const tenant = await createTestTenant();
    const seller = await gql('{ whoami { userId tenantId } ownerOnly }', tenant.owner.token);
    expect(seller.body.errors).toBeUndefined();
    expect(seller.body.data).toEqual({ whoami: { userId: tenant.owner.userId, tenantId: tenant.tenantId }, ownerOnly: 'owner' });

    const buyer = await createTestBuyer();
    const forbidden = await gql('{ ownerOnly }', buyer.token);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers requests Fastify refuses before any route runs as problem details on the REST API', async () => {
    // An empty body announced as JSON: Fastify's parser refuses it before Nest's exception filter could see it.
    const refused = await fetch(`${base}/api/v1/gadgets/g-1`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({
      type: 'about:blank',
      status: 400,
      instance: '/api/v1/gadgets/g-1',
      detail: expect.stringContaining('Body cannot be empty'),
    });
    const malformed = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const badUrl = await fetch(`${base}/api/v1/gadgets/%C2%A6%%F0%AF`, { method: 'DELETE' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.headers.get('content-type')).toContain('application/problem+json');
    expect(((await badUrl.json()) as { detail: string }).detail).toContain('is not a valid url component');
    expect((await fetch(`${base}/api/v1/gadgets/g-1`, { method: 'DELETE' })).status).toBe(204);
  });

  it('masks unexpected faults in field resolvers and keeps the message of anticipated ones', async () => {
    const { body } = await gql('{ gadget { id fragile retired } }');
    const byField = Object.fromEntries((body.errors ?? []).map((error) => [error.path?.at(-1), error]));
    expect(byField.fragile).toEqual({
      message: 'Internal server error',
      locations: expect.any(Array),
      path: ['gadget', 'fragile'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', status: 500, traceId: expect.any(String) },
    });
    expect(byField.retired).toMatchObject({
      message: 'This gadget was retired',
      extensions: { code: 'NOT_FOUND', status: 404 },
    });
    expect(JSON.stringify(body)).not.toMatch(/s3cret|ECONNREFUSED|RangeError|stacktrace/);
  });

  it('masks unexpected faults in federation reference resolvers', async () => {
    const { body } = await gql(
      '{ _entities(representations: [{ __typename: "Gadget", id: "broken" }]) { ... on Gadget { id } } }',
    );
    expect(body.errors?.[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', status: 500 },
    });
    expect(JSON.stringify(body)).not.toMatch(/s3cret|ECONNREFUSED|TypeError|stacktrace/);
  });
});
