import { decodeJwt, type JWTPayload } from 'jose';
import {
  clientCredentialsToken,
  createTestApiClient,
  createTestTenant,
  keycloakIssuer,
  passwordToken,
  testKeycloakAdmin,
} from '@marketplace/testing';

// The token claim contract that @marketplace/auth relies on (see platform/identity/README.md).
// Needs the stack's environment: eval "$(platform/stack/stack env)".
type Organizations = Record<string, { id: string }>;

const rolesOf = (claims: JWTPayload) => (claims.realm_access as { roles: string[] }).roles;
// Seller roles are per organization (ADR 0036): group paths /organization-roles/<org id>/<role>.
const organizationRolesOf = (claims: JWTPayload) => claims.organization_roles as string[] | undefined;
const audiencesOf = (claims: JWTPayload) => [claims.aud ?? []].flat();

describe('keycloak realm marketplace (local stack)', () => {
  it('gives a seeded seller a token with roles, organization id, audience and issuer', async () => {
    const claims = decodeJwt(await passwordToken('owner@acme.example.com'));
    const acme = await testKeycloakAdmin().findOrganizationByAlias('acme-outfitters');
    const owner = await testKeycloakAdmin().findUserByEmail('owner@acme.example.com');

    expect(acme).toBeDefined();
    expect(claims.iss).toBe(keycloakIssuer());
    expect(audiencesOf(claims)).toContain('marketplace-api');
    expect(claims.sub).toBe(owner?.id);
    expect(claims).toMatchObject({
      email: 'owner@acme.example.com',
      preferred_username: 'owner@acme.example.com',
    });
    expect(organizationRolesOf(claims)).toEqual([`/organization-roles/${acme?.id}/seller-owner`]);
    expect(rolesOf(claims)).not.toContain('platform-admin');
    expect(claims.organization).toEqual({ 'acme-outfitters': { id: acme?.id } });
  });

  it('gives seeded staff seller-staff in the same organization, and the buyer and admin no organization', async () => {
    const acme = await testKeycloakAdmin().findOrganizationByAlias('acme-outfitters');
    const staff = decodeJwt(await passwordToken('staff@acme.example.com'));
    const buyer = decodeJwt(await passwordToken('buyer@example.com'));
    const admin = decodeJwt(await passwordToken('admin@example.com'));

    expect(organizationRolesOf(staff)).toEqual([`/organization-roles/${acme?.id}/seller-staff`]);
    expect(staff.organization).toEqual({ 'acme-outfitters': { id: acme?.id } });
    expect(rolesOf(buyer)).toContain('buyer');
    expect(buyer.organization).toBeUndefined();
    expect(organizationRolesOf(buyer)).toBeUndefined();
    expect(rolesOf(admin)).toContain('platform-admin');
    expect(admin.organization).toBeUndefined();
  });

  it('refuses a wrong password', async () => {
    await expect(passwordToken('buyer@example.com', 'not-the-password')).rejects.toMatchObject({
      name: 'KeycloakAuthError',
      message: expect.stringContaining('invalid_grant'),
    });
  });

  it('issues a fresh test tenant owner a token whose organization claim carries the new tenant id', async () => {
    const tenant = await createTestTenant({ staff: true });
    const owner = decodeJwt(tenant.owner.token);
    const staff = decodeJwt(tenant.staff?.token ?? '');

    expect(owner.sub).toBe(tenant.owner.userId);
    expect(owner.organization as Organizations).toEqual({ [tenant.alias]: { id: tenant.tenantId } });
    expect(organizationRolesOf(owner)).toEqual([`/organization-roles/${tenant.tenantId}/seller-owner`]);
    expect(rolesOf(owner)).not.toContain('seller-owner');
    expect(staff.organization as Organizations).toEqual({ [tenant.alias]: { id: tenant.tenantId } });
    expect(organizationRolesOf(staff)).toEqual([`/organization-roles/${tenant.tenantId}/seller-staff`]);
  });

  it("gives a tenant's client-credentials token tenant_id, role api-client and the API audience", async () => {
    const tenant = await createTestTenant();
    const apiClient = await createTestApiClient(tenant.tenantId);
    const claims = decodeJwt(await clientCredentialsToken(apiClient.clientId, apiClient.secret));

    expect(claims.tenant_id).toBe(tenant.tenantId);
    expect(claims.iss).toBe(keycloakIssuer());
    expect(audiencesOf(claims)).toContain('marketplace-api');
    expect(rolesOf(claims)).toContain('api-client');
    expect(rolesOf(claims)).not.toContain('buyer');
    expect(claims.organization).toBeUndefined();
  });
});
