import { AuthError, ForbiddenError } from './errors';
import { buildPrincipal } from './principal';

const sellerClaims = {
  sub: 'user-1',
  email: 'owner@example.test',
  realm_access: { roles: ['seller-owner', 'offline_access', 'default-roles-marketplace'] },
  organization: { acme: { id: 'org-acme' } },
};

describe('buildPrincipal', () => {
  it('takes the tenant of a seller from its single organization and keeps only known roles', () => {
    expect(buildPrincipal(sellerClaims)).toEqual({
      userId: 'user-1',
      email: 'owner@example.test',
      roles: ['seller-owner'],
      tenantId: 'org-acme',
      tenantIds: ['org-acme'],
      kind: 'user',
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
