import { AuthError, ForbiddenError } from './errors';
import { buildPrincipal } from './principal';

const sellerClaims = {
  sub: 'user-1',
  email: 'owner@example.test',
  realm_access: { roles: ['buyer', 'offline_access', 'default-roles-marketplace'] },
  organization: { acme: { id: 'org-acme' } },
  organization_roles: ['/organization-roles/org-acme/seller-owner'],
};

describe('buildPrincipal', () => {
  it('takes the tenant of a seller from its single organization and keeps only known roles', () => {
    expect(buildPrincipal(sellerClaims)).toEqual({
      userId: 'user-1',
      email: 'owner@example.test',
      roles: ['buyer', 'seller-owner'],
      tenantId: 'org-acme',
      tenantIds: ['org-acme'],
      kind: 'user',
    });
  });

  describe('roles per organization', () => {
    const ownerHereStaffThere = {
      sub: 'user-2',
      realm_access: { roles: ['buyer'] },
      organization: { acme: { id: 'org-acme' }, globex: { id: 'org-globex' } },
      organization_roles: [
        '/organization-roles/org-acme/seller-owner',
        '/organization-roles/org-globex/seller-staff',
        '/some-other-group',
      ],
    };

    it('gives the role the user holds in the organization the request acts for', () => {
      const inAcme = buildPrincipal(ownerHereStaffThere, { requestedTenantId: 'org-acme' });
      const inGlobex = buildPrincipal(ownerHereStaffThere, { requestedTenantId: 'org-globex' });
      expect(inAcme.roles).toEqual(['buyer', 'seller-owner']);
      expect(inGlobex.roles).toEqual(['buyer', 'seller-staff']);
    });

    it('ignores realm-wide seller roles', () => {
      const principal = buildPrincipal({
        sub: 'user-3',
        realm_access: { roles: ['seller-owner', 'seller-staff', 'buyer'] },
        organization: { acme: { id: 'org-acme' } },
      });
      expect(principal.roles).toEqual(['buyer']);
    });

    it('grants nothing for a role group of an organization the token does not name as the users', () => {
      const principal = buildPrincipal({
        sub: 'user-4',
        realm_access: { roles: ['buyer'] },
        organization: { acme: { id: 'org-acme' } },
        organization_roles: ['/organization-roles/org-globex/seller-owner'],
      });
      expect(principal.roles).toEqual(['buyer']);
    });

    it('gives an API client no organization role, even when its tenant has role groups in the claim', () => {
      const principal = buildPrincipal({
        sub: 'service-account-2',
        tenant_id: 'org-acme',
        realm_access: { roles: ['api-client'] },
        organization_roles: ['/organization-roles/org-acme/seller-owner'],
      });
      expect(principal.roles).toEqual(['api-client']);
    });

    it('gives owner when both roles are granted in one organization, and nothing for a malformed path', () => {
      const principal = buildPrincipal({
        ...sellerClaims,
        organization_roles: [
          '/organization-roles/org-acme/seller-staff',
          '/organization-roles/org-acme/seller-owner',
          '/organization-roles/org-acme/seller-owner/extra',
        ],
      });
      expect(principal.roles).toEqual(['buyer', 'seller-owner']);
      expect(
        buildPrincipal({
          ...sellerClaims,
          organization_roles: ['/organization-roles/org-acme/platform-admin'],
        }).roles,
      ).toEqual(['buyer']);
    });
  });

  it('gives a buyer without organization no tenant', () => {
    const principal = buildPrincipal({ sub: 'buyer-1', realm_access: { roles: ['buyer'] } });
    expect(principal.tenantId).toBeUndefined();
    expect(principal.tenantIds).toEqual([]);
    expect(principal.roles).toEqual(['buyer']);
  });

  const twoOrgs = {
    ...sellerClaims,
    organization: { acme: { id: 'org-acme' }, globex: { id: 'org-globex' } },
  };

  it('refuses a member of several organizations who chose none', () => {
    expect(() => buildPrincipal(twoOrgs)).toThrow(ForbiddenError);
  });

  it('accepts an explicitly chosen organization that is among the token organizations', () => {
    const principal = buildPrincipal(twoOrgs, { requestedTenantId: 'org-globex' });
    expect(principal.tenantId).toBe('org-globex');
    expect(principal.tenantIds).toEqual(['org-acme', 'org-globex']);
  });

  it('refuses a chosen tenant that is not one of the token organizations', () => {
    expect(() => buildPrincipal(twoOrgs, { requestedTenantId: 'org-other' })).toThrow(ForbiddenError);
    expect(() => buildPrincipal(sellerClaims, { requestedTenantId: 'org-other' })).toThrow(ForbiddenError);
    expect(() =>
      buildPrincipal(
        { sub: 'admin', realm_access: { roles: ['platform-admin'] } },
        { requestedTenantId: 'org-acme' },
      ),
    ).toThrow(ForbiddenError);
  });

  it('takes the tenant of an API client from tenant_id', () => {
    const principal = buildPrincipal({
      sub: 'service-account-1',
      azp: 'acme-integration',
      tenant_id: 'org-acme',
      realm_access: { roles: ['api-client'] },
    });
    expect(principal).toEqual({
      authorizedParty: 'acme-integration',
      userId: 'service-account-1',
      roles: ['api-client'],
      tenantId: 'org-acme',
      tenantIds: ['org-acme'],
      kind: 'client',
      clientId: 'acme-integration',
    });
  });

  it('prefers client_id over azp for the client id', () => {
    const principal = buildPrincipal({
      sub: 's',
      azp: 'a',
      client_id: 'c',
      tenant_id: 't',
      realm_access: { roles: ['api-client'] },
    });
    expect(principal.clientId).toBe('c');
  });

  it('refuses a token carrying both an organization and a client tenant', () => {
    expect(() => buildPrincipal({ ...sellerClaims, tenant_id: 'org-other' })).toThrow(AuthError);
  });

  it('refuses an organization claim without ids and a token without subject', () => {
    expect(() => buildPrincipal({ ...sellerClaims, organization: ['acme'] })).toThrow(AuthError);
    expect(() => buildPrincipal({ ...sellerClaims, organization: { acme: {} } })).toThrow(AuthError);
    expect(() => buildPrincipal({ realm_access: { roles: ['buyer'] } })).toThrow(AuthError);
  });
});
