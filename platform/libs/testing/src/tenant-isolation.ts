import { errorCode, type GraphQLClient } from './graphql';
import { createTestTenant } from './test-identities';

/** Who owns the records, or tries to reach them: a token and, for sellers, the tenant it carries. */
export interface IsolationParty {
  token: string;
  tenantId?: string;
}

export interface IsolationOperation<S> {
  name: string;
  /** The GraphQL operation, sent with the intruder's token and the owner's ids (`variables`). */
  query: string;
  variables?: (seeded: S) => Record<string, unknown>;
  /**
   * `refused` (default): answered with NOT_FOUND or FORBIDDEN, as for an id that does not exist. `hidden`: a list
   * or the caller's own record, answered without the owner's records in it.
   */
  expect?: 'refused' | 'hidden';
}

export interface TenantIsolationSpec<S> {
  /** Names the suite: `<service>: another tenant's token on this tenant's ids`. */
  service: string;
  /** The real service (started once for the suite) and how to stop it. */
  start: () => Promise<{ gql: GraphQLClient; close(): Promise<void> }>;
  /** The owner and the intruder; two fresh tenants' owners unless a service isolates other parties (buyers). */
  parties?: () => Promise<{ owner: IsolationParty; intruder: IsolationParty }>;
  /** Creates the owner's records through the service's own API. */
  seed: (gql: GraphQLClient, owner: IsolationParty) => Promise<S>;
  /** The ids of the owner's records; a `hidden` answer must contain none of them. */
  ids: (seeded: S) => string[];
  /** What the owner reads of the seeded records; it must be the same after every intruding attempt. */
  snapshot: (gql: GraphQLClient, owner: IsolationParty, seeded: S) => Promise<unknown>;
  /** The service's seller operations that take ids (and its lists), each tried by the intruder. */
  operations: IsolationOperation<S>[];
}

async function twoTenants(): Promise<{ owner: IsolationParty; intruder: IsolationParty }> {
  const [a, b] = await Promise.all([createTestTenant(), createTestTenant()]);
  return {
    owner: { token: a.owner.token, tenantId: a.tenantId },
    intruder: { token: b.owner.token, tenantId: b.tenantId },
  };
}

/**
 * The shared "every API refuses foreign ids" suite (architecture: tenancy): each service declares its seller
 * operations, and this runs every one of them with tenant B's token on tenant A's records against the real
 * server, expecting a refusal that looks like a missing record and no change to what A sees.
 */
export function describeTenantIsolation<S>(spec: TenantIsolationSpec<S>): void {
  describe(`${spec.service}: another tenant's token on this tenant's ids`, () => {
    let service: Awaited<ReturnType<TenantIsolationSpec<S>['start']>>;
    let owner: IsolationParty;
    let intruder: IsolationParty;
    let seeded: S;
    let before: unknown;

    beforeAll(async () => {
      service = await spec.start();
      ({ owner, intruder } = await (spec.parties ?? twoTenants)());
      seeded = await spec.seed(service.gql, owner);
      before = await spec.snapshot(service.gql, owner, seeded);
    });

    afterAll(async () => {
      await service?.close();
    });

    it.each(spec.operations.map((operation) => [operation.name, operation] as const))(
      '%s: refused, nothing changed',
      async (_name, operation) => {
        const answer = await service.gql(
          operation.query,
          operation.variables?.(seeded) ?? {},
          intruder.token,
        );
        if ((operation.expect ?? 'refused') === 'refused') {
          expect(['NOT_FOUND', 'FORBIDDEN']).toContain(errorCode(answer));
        } else {
          expect(answer.errors).toBeUndefined();
          const seen = JSON.stringify(answer.data);
          for (const id of spec.ids(seeded)) expect(seen).not.toContain(id);
        }
        expect(await spec.snapshot(service.gql, owner, seeded)).toEqual(before);
      },
    );
  });
}
