import { errorCode } from '@marketplace/testing';
import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { BOOT_TIMEOUT_MS, wholePlatform, type RunningPlatform } from '../src';
import { GRAPHQL_OPERATIONS } from '../src/cross-tenant/classification';
import { documentOf, rootOperations, type Variables } from '../src/cross-tenant/graphql-operations';
import { fillPath, REST_ROUTES } from '../src/cross-tenant/rest-routes';
import { restCall, seedCrossTenantParties, type CrossTenantParties } from '../src/cross-tenant/seed';
import { flatten, leakedIds, OwnerSnapshot, type Flat } from '../src/cross-tenant/snapshot';

const REFUSED_CODES = ['NOT_FOUND', 'FORBIDDEN'];
const called = Object.entries(GRAPHQL_OPERATIONS).flatMap(([name, rule]) =>
  rule.expect === 'not-tenant-scoped' ? [] : [[name, rule] as const],
);
/** The owner's reads: every query and GET the intruder is refused or shown nothing of. */
const ownerQueries = called.filter(
  ([name, rule]) => name.startsWith('Query.') && (rule.expect === 'refused' || rule.expect === 'hidden'),
);
const ownerGets = Object.entries(REST_ROUTES).filter(([route]) => route.startsWith('GET '));

/**
 * Issue 18, item 3 (ADR 0040): the whole platform behind the gateway; tenant B's owner calls every seller-facing
 * operation of the composed schema, and B's API client every REST v1 route, on tenant A's records. The
 * classification tables must cover exactly what the gateway serves, so a new operation fails here until
 * someone says how it is isolated.
 */
describe('e2e: another tenant on every operation of the composed API (generated)', () => {
  let platform: RunningPlatform;
  let booting: Promise<RunningPlatform> | undefined;
  let schema: GraphQLSchema;
  let parties: CrossTenantParties;
  let ownerReads: Map<string, { errors: unknown; data: unknown }>;
  let before: OwnerSnapshot;
  let ownerIds: Set<string>;

  const variablesOf = (rule: { variables?: (seeded: CrossTenantParties['seeded']) => Variables }) =>
    rule.variables?.(parties.seeded) ?? {};
  const restPath = (route: string) => {
    const [method, template] = route.split(' ') as [string, string];
    return { method, path: fillPath(template, REST_ROUTES[route]!.path?.(parties.seeded) ?? {}) };
  };

  /** Everything A's owner and A's API client read of A's records, flattened. */
  async function readAsOwner(): Promise<Flat> {
    const reads = new Map<string, { errors: unknown; data: unknown }>();
    for (const [name, rule] of ownerQueries) {
      const variables = variablesOf(rule);
      const reader = 'reader' in rule && rule.reader === 'buyer' ? parties.buyer : parties.a.owner;
      const answer = await platform.gql(documentOf(schema, name, variables), variables, reader.token);
      reads.set(name, { errors: answer.errors, data: answer.data });
    }
    for (const [route] of ownerGets) {
      const { method, path } = restPath(route);
      const answer = await restCall(platform.urls.gateway, method, path, parties.clientA.token);
      reads.set(route, { errors: answer.status >= 400 ? answer.status : undefined, data: answer.body });
    }
    ownerReads ??= reads;
    return flatten(Object.fromEntries(reads));
  }

  beforeAll(async () => {
    booting = wholePlatform();
    platform = await booting;
  }, 2 * BOOT_TIMEOUT_MS);
  beforeAll(async () => {
    const introspection = await platform.gql<IntrospectionQuery>(getIntrospectionQuery(), {});
    if (!introspection.data) throw new Error(`introspection failed: ${JSON.stringify(introspection.errors)}`);
    schema = buildClientSchema(introspection.data);
    parties = await seedCrossTenantParties(platform);
    before = new OwnerSnapshot(await readAsOwner(), await readAsOwner());
    ownerIds = before.ids();
    ownerIds.add(parties.seeded.tenantId);
  }, 180_000);
  afterAll(async () => {
    await (platform ?? (await booting?.catch(() => undefined)))?.close();
  }, BOOT_TIMEOUT_MS);

  it('classifies every query and mutation of the composed schema (and nothing that is gone)', () => {
    const served = rootOperations(schema);
    expect(served.filter((name) => !(name in GRAPHQL_OPERATIONS))).toEqual([]);
    expect(Object.keys(GRAPHQL_OPERATIONS).filter((name) => !served.includes(name))).toEqual([]);
  });

  it('classifies every route of the REST v1 OpenAPI document the gateway serves (and nothing that is gone)', async () => {
    const response = await fetch(`${platform.urls.gateway}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(document.paths)
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .filter((route) => route.includes(' /api/v1/'))
      .sort();
    expect(served.filter((route) => !(route in REST_ROUTES))).toEqual([]);
    expect(Object.keys(REST_ROUTES).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('tenant A reads every record B is refused (so each refusal is about the tenant, not a wrong id)', () => {
    const failed = [...ownerReads].filter(([, read]) => read.errors !== undefined).map(([name]) => name);
    expect(failed).toEqual([]);
  });

  it.each(called)('%s as tenant B on tenant A’s records', async (name, rule) => {
    const variables = variablesOf(rule);
    const answer = await platform.gql(documentOf(schema, name, variables), variables, parties.b.owner.token);
    expect(leakedIds(answer.data, ownerIds, variables)).toEqual([]);
    if (rule.expect === 'refused') expect(REFUSED_CODES).toContain(errorCode(answer));
    if (rule.expect === 'admin') expect(errorCode(answer)).toBe('FORBIDDEN');
    if (rule.expect === 'hidden') expect(answer.errors).toBeUndefined();
  });

  it.each(Object.entries(REST_ROUTES))(
    '%s as tenant B’s API client on tenant A’s records',
    async (route, rule) => {
      const { method, path } = restPath(route);
      const body = rule.body?.(parties.seeded);
      const answer = await restCall(
        platform.urls.gateway,
        method,
        path,
        parties.clientB.token,
        body,
        rule.contentType,
      );
      expect(leakedIds(answer.body, ownerIds, { path, body })).toEqual([]);
      if (rule.expect === 'refused') expect([403, 404]).toContain(answer.status);
      if (rule.expect === 'hidden') expect(answer.status).toBe(200);
      expect(answer.status).toBeLessThan(500);
    },
  );

  it('leaves everything tenant A sees exactly as it was', async () => {
    expect(before.changesIn(await readAsOwner())).toEqual([]);
  });
});
