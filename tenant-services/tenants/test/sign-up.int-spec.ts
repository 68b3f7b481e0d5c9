import { createTestBuyer, createTestTenant, passwordToken, testKeycloakAdmin } from '@marketplace/testing';
import {
  claimsOf,
  errorCode,
  newSeller,
  SIGN_UP,
  startTenantsApp,
  uniqueAlias,
  type TenantsTestApp,
} from './support';

describe('tenants: seller sign-up (real Keycloak)', () => {
  let app: TenantsTestApp;
  const keycloak = testKeycloakAdmin();

  beforeAll(async () => {
    app = await startTenantsApp();
  });
  afterAll(() => app.close());

  it('creates a pending tenant, a Keycloak organization with the user as member, and the seller-owner role', async () => {
    const buyer = await createTestBuyer();
    const alias = uniqueAlias();
    const answer = await app.gql(
      SIGN_UP,
      { input: { name: `Shop ${alias}`, alias, defaultCurrency: 'SEK' } },
      buyer.token,
    );

    expect(answer.errors).toBeUndefined();
    const tenant = answer.data!.signUpSeller.tenant;
    expect(tenant).toMatchObject({
      alias,
      name: `Shop ${alias}`,
      status: 'PENDING',
      commissionBps: app.config.DEFAULT_COMMISSION_BPS,
      defaultCurrency: 'SEK',
      contactEmail: buyer.email,
    });
    expect(answer.data!.signUpSeller.message).toMatch(/sign in again/i);

    const organization = await keycloak.getOrganization(tenant.id);
    expect(organization).toMatchObject({ alias, name: `Shop ${alias}` });
    expect(await keycloak.listMemberIds(tenant.id)).toEqual([buyer.userId]);
    expect(await keycloak.organizationRolesOf(buyer.userId)).toEqual({ [tenant.id]: ['seller-owner'] });
    expect(await keycloak.realmRolesOf(buyer.userId)).not.toContain('seller-owner');

    const events = await app.outboxEvents(tenant.id);
    expect(events.map((event) => event.type)).toEqual(['tenant.registered']);
    expect(events[0]).toMatchObject({
      key: tenant.id,
      payload: { tenantId: tenant.id, alias, status: 'pending', ownerUserId: buyer.userId },
    });

    // After signing in again the token carries the organization and the owner sees the tenant.
    const fresh = await passwordToken(buyer.email);
    expect(claimsOf(fresh).organization).toEqual({ [alias]: { id: tenant.id } });
    expect(claimsOf(fresh).organization_roles).toEqual([`/organization-roles/${tenant.id}/seller-owner`]);
    const mine = await app.gql('{ myTenant { id status statusHistory { from to changedBy } } }', {}, fresh);
    expect(mine.data?.myTenant).toEqual({
      id: tenant.id,
      status: 'PENDING',
      statusHistory: [{ from: null, to: 'PENDING', changedBy: buyer.userId }],
    });
  });

  it('is idempotent on the alias for the same user and refuses it to anyone else', async () => {
    const buyer = await createTestBuyer();
    const alias = uniqueAlias();
    const input = { name: `Shop ${alias}`, alias };
    const first = await app.gql(SIGN_UP, { input }, buyer.token);
    const again = await app.gql(SIGN_UP, { input }, buyer.token);
    expect(again.errors).toBeUndefined();
    expect(again.data!.signUpSeller.tenant.id).toBe(first.data!.signUpSeller.tenant.id);

    const other = await createTestBuyer();
    const taken = await app.gql(SIGN_UP, { input: { name: `Other ${alias}`, alias } }, other.token);
    expect(errorCode(taken)).toBe('CONFLICT');
    expect(taken.errors![0]!.message).toContain(alias);
    expect(await keycloak.organizationRolesOf(other.userId)).toEqual({});
    expect(await app.outboxEvents(first.data!.signUpSeller.tenant.id)).toHaveLength(1);
  });

  it('refuses a user who already owns an organization', async () => {
    const first = await newSeller(app);
    const alias = uniqueAlias();
    const answer = await app.gql(SIGN_UP, { input: { name: `Shop ${alias}`, alias } }, first.ownerToken);
    expect(errorCode(answer)).toBe('CONFLICT');
    expect(await keycloak.findOrganizationByAlias(alias)).toBeUndefined();
  });

  it('lets staff of another store open their own: owner there, still staff only where they were', async () => {
    const other = await createTestTenant({ staff: true });
    const staff = other.staff!;
    const alias = uniqueAlias();
    const answer = await app.gql(SIGN_UP, { input: { name: `Shop ${alias}`, alias } }, staff.token);
    expect(answer.errors).toBeUndefined();
    const tenantId = answer.data!.signUpSeller.tenant.id as string;
    expect(await keycloak.organizationRolesOf(staff.userId)).toEqual({
      [other.tenantId]: ['seller-staff'],
      [tenantId]: ['seller-owner'],
    });
  });

  it('refuses a name that an organization in Keycloak already has, creating nothing', async () => {
    const existing = await createTestTenant();
    const buyer = await createTestBuyer();
    const alias = uniqueAlias();
    const answer = await app.gql(SIGN_UP, { input: { name: existing.name, alias } }, buyer.token);
    expect(errorCode(answer)).toBe('CONFLICT');
    expect(await keycloak.findOrganizationByAlias(alias)).toBeUndefined();
    expect(await keycloak.organizationRolesOf(buyer.userId)).toEqual({});
    expect(await app.outboxEvents()).not.toContainEqual(
      expect.objectContaining({ payload: expect.objectContaining({ alias }) }),
    );
  });

  it.each([
    ['an empty name', { name: '   ', alias: uniqueAlias() }],
    ['a malformed contact e-mail', { name: 'Shop', alias: uniqueAlias(), contactEmail: 'not-an-email' }],
    ['an alias with capitals', { name: 'Shop', alias: 'Shop-A' }],
    ['an unknown currency', { name: 'Shop', alias: uniqueAlias(), defaultCurrency: 'XYZ' }],
  ])('answers %s with BAD_USER_INPUT and writes nothing', async (_case, input) => {
    const buyer = await createTestBuyer();
    const before = await app.outboxEvents();
    const answer = await app.gql(SIGN_UP, { input }, buyer.token);
    expect(errorCode(answer)).toBe('BAD_USER_INPUT');
    expect(await app.outboxEvents()).toHaveLength(before.length);
    expect(await keycloak.findOrganizationByAlias(input.alias.toLowerCase())).toBeUndefined();
    expect(await keycloak.organizationRolesOf(buyer.userId)).toEqual({});
  });

  it('needs a signed-in user', async () => {
    const alias = uniqueAlias();
    const answer = await app.gql(SIGN_UP, { input: { name: 'Shop', alias } });
    expect(errorCode(answer)).toBe('UNAUTHENTICATED');
  });
});
