import { decodeJwt } from 'jose';
import { ulid } from 'ulid';
import { ZodError } from 'zod';
import {
  KeycloakAdminClient,
  KeycloakAuthError,
  KeycloakConflictError,
  KeycloakError,
  KeycloakNotFoundError,
  keycloakAdminConfigFromEnv,
  requestToken,
} from '../src';

// Runs against the local stack's Keycloak: eval "$(platform/stack/stack env)" first.
const config = keycloakAdminConfigFromEnv();
const admin = new KeycloakAdminClient(config);

const unique = () => ulid().toLowerCase();
const newUser = (id: string) => ({
  email: `user-${id}@it.example.com`,
  password: 'password',
  firstName: 'Integration',
  lastName: id,
});

async function clientToken(clientId: string, secret: string) {
  const response = await requestToken(config.baseUrl, config.realm, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: secret,
  });
  return decodeJwt(response.access_token);
}

describe('KeycloakAdminClient (real Keycloak)', () => {
  it('creates, finds and deletes an organization; a taken alias is a conflict', async () => {
    const alias = `it-${unique()}`;
    const orgId = await admin.createOrganization(`Org ${alias}`, alias);

    expect(await admin.getOrganization(orgId)).toMatchObject({
      id: orgId,
      alias,
      name: `Org ${alias}`,
      enabled: true,
    });
    expect(await admin.findOrganizationByAlias(alias)).toMatchObject({ id: orgId });
    await expect(admin.createOrganization(`Other ${alias}`, alias)).rejects.toMatchObject({
      constructor: KeycloakConflictError,
      status: 409,
    });

    await admin.deleteOrganization(orgId);
    await expect(admin.getOrganization(orgId)).rejects.toBeInstanceOf(KeycloakNotFoundError);
    expect(await admin.findOrganizationByAlias(alias)).toBeUndefined();
  });

  it('refuses an invalid alias or e-mail before calling Keycloak', async () => {
    const alias = `It ${unique()}`;
    await expect(admin.createOrganization('Bad alias', alias)).rejects.toBeInstanceOf(ZodError);
    await expect(admin.createUser({ ...newUser(unique()), email: 'not-an-email' })).rejects.toBeInstanceOf(
      ZodError,
    );
    expect(await admin.findOrganizationByAlias(alias.toLowerCase().replace(' ', '-'))).toBeUndefined();
  });

  it('creates a user who can sign in, finds them by e-mail and refuses a duplicate e-mail', async () => {
    const user = newUser(unique());
    const userId = await admin.createUser(user);

    expect(await admin.findUserByEmail(user.email.toUpperCase())).toMatchObject({
      id: userId,
      email: user.email,
    });
    await expect(admin.createUser(user)).rejects.toMatchObject({
      constructor: KeycloakConflictError,
      status: 409,
    });
    const token = await requestToken(config.baseUrl, config.realm, {
      grant_type: 'password',
      client_id: 'marketplace-tests',
      username: user.email,
      password: user.password,
    });
    expect(decodeJwt(token.access_token).sub).toBe(userId);
    expect(await admin.findUserByEmail(`nobody-${unique()}@it.example.com`)).toBeUndefined();

    await admin.deleteUser(userId);
    expect(await admin.findUserByEmail(user.email)).toBeUndefined();
  });

  it('assigns realm roles idempotently and refuses an unknown role', async () => {
    const userId = await admin.createUser(newUser(unique()));
    await admin.assignRealmRole(userId, 'seller-staff');
    await admin.assignRealmRole(userId, 'seller-staff');

    const roles = await admin.realmRolesOf(userId);
    expect(roles.filter((role) => role === 'seller-staff')).toHaveLength(1);
    await expect(admin.assignRealmRole(userId, `no-such-role-${unique()}`)).rejects.toBeInstanceOf(
      KeycloakNotFoundError,
    );
  });

  it('adds a member once; adding them again is a conflict', async () => {
    const alias = `it-${unique()}`;
    const orgId = await admin.createOrganization(`Org ${alias}`, alias);
    const userId = await admin.createUser(newUser(unique()));

    await admin.addMember(orgId, userId);

    expect(await admin.listMemberIds(orgId)).toEqual([userId]);
    await expect(admin.addMember(orgId, userId)).rejects.toBeInstanceOf(KeycloakConflictError);
  });

  it('grants a role in one organization only; tokens carry it per organization; deleting the organization removes it', async () => {
    const [aliasA, aliasB] = [`it-${unique()}`, `it-${unique()}`];
    const [orgA, orgB] = await Promise.all([
      admin.createOrganization(`Org ${aliasA}`, aliasA),
      admin.createOrganization(`Org ${aliasB}`, aliasB),
    ]);
    const user = newUser(unique());
    const userId = await admin.createUser(user);
    await admin.addMember(orgA, userId);
    await admin.addMember(orgB, userId);
    await admin.grantOrganizationRole(orgA, userId, 'seller-owner');
    await admin.grantOrganizationRole(orgA, userId, 'seller-owner');
    await admin.grantOrganizationRole(orgB, userId, 'seller-staff');

    expect(await admin.organizationRolesOf(userId)).toEqual({
      [orgA]: ['seller-owner'],
      [orgB]: ['seller-staff'],
    });
    expect(await admin.realmRolesOf(userId)).not.toEqual(expect.arrayContaining(['seller-owner']));
    const token = await requestToken(config.baseUrl, config.realm, {
      grant_type: 'password',
      client_id: 'marketplace-tests',
      username: user.email,
      password: user.password,
    });
    expect(decodeJwt(token.access_token).organization_roles).toEqual(
      expect.arrayContaining([
        `/organization-roles/${orgA}/seller-owner`,
        `/organization-roles/${orgB}/seller-staff`,
      ]),
    );
    await expect(admin.grantOrganizationRole(orgA, userId, 'platform-admin' as never)).rejects.toBeInstanceOf(
      ZodError,
    );

    await admin.deleteOrganization(orgA);
    expect(await admin.organizationRolesOf(userId)).toEqual({ [orgB]: ['seller-staff'] });
  });

  it('creates a tenant API client whose tokens carry tenant_id and api-client, then deletes it', async () => {
    const alias = `it-${unique()}`;
    const orgId = await admin.createOrganization(`Org ${alias}`, alias);

    const credentials = await admin.createApiClient(orgId, 'ERP sync');
    const claims = await clientToken(credentials.clientId, credentials.secret);

    expect(credentials.clientId).toMatch(/^api-erp-sync-[0-9a-f]{8}$/);
    expect(claims.tenant_id).toBe(orgId);
    expect(claims.aud).toContain('marketplace-api');
    const roles = (claims.realm_access as { roles: string[] }).roles;
    expect(roles).toContain('api-client');
    expect(roles).not.toContain('buyer');

    await admin.deleteApiClient(credentials.clientId);
    await expect(clientToken(credentials.clientId, credentials.secret)).rejects.toBeInstanceOf(
      KeycloakAuthError,
    );
  });

  it('refuses an API client for an unknown organization and deleting a client that is not a tenant API client', async () => {
    await expect(
      admin.createApiClient('00000000-0000-4000-8000-000000000000', 'ghost'),
    ).rejects.toBeInstanceOf(KeycloakNotFoundError);
    await expect(admin.deleteApiClient('storefront')).rejects.toMatchObject({ status: 400 });
    await expect(admin.deleteApiClient(`api-none-${unique()}`)).rejects.toMatchObject({ status: 404 });
  });

  it('reports wrong client credentials as an authentication error', async () => {
    const wrong = new KeycloakAdminClient({ ...config, clientSecret: 'wrong-secret' });

    const error = await wrong
      .createOrganization('Never', `it-${unique()}`)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(KeycloakAuthError);
    expect((error as KeycloakError).status).toBe(401);
  });
});
