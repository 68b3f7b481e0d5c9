import type { KeycloakTokenParsed } from 'keycloak-js';
import { chosenOrganization, isOwner, userFromToken } from './session.models';
import { SessionActions, sessionFeature } from './session.store';

const token = (claims: Record<string, unknown>) => ({ sub: 'u1', ...claims }) as KeycloakTokenParsed;

describe('session', () => {
  it('reads organization ids and the role in the organization the portal acts for from the token', () => {
    const user = userFromToken(
      token({
        email: 'owner@acme.example.com',
        realm_access: { roles: ['seller-owner', 'buyer'] },
        organization: { acme: { id: 'org-1' } },
        organization_roles: ['/organization-roles/org-1/seller-owner'],
      }),
    );
    expect(user).toEqual({
      id: 'u1',
      email: 'owner@acme.example.com',
      name: 'owner@acme.example.com',
      organizationIds: ['org-1'],
      organizations: [{ id: 'org-1', alias: 'acme', role: 'seller-owner' }],
      organizationId: 'org-1',
      role: 'seller-owner',
    });
    expect(isOwner(user)).toBe(true);
  });

  it('is owner where it owns and staff where it works, after switching organization', () => {
    const claims = token({
      organization: { acme: { id: 'org-1' }, nordic: { id: 'org-2' } },
      organization_roles: [
        '/organization-roles/org-1/seller-owner',
        '/organization-roles/org-2/seller-staff',
      ],
    });
    const inAcme = userFromToken(claims, 'org-1');
    const inNordic = userFromToken(claims, 'org-2');
    expect(inAcme).toMatchObject({ organizationId: 'org-1', role: 'seller-owner' });
    expect(isOwner(inAcme)).toBe(true);
    expect(inNordic).toMatchObject({ organizationId: 'org-2', role: 'seller-staff' });
    expect(isOwner(inNordic)).toBe(false);
    expect(sessionFeature.selectIsOwner.projector(inNordic)).toBe(false);
  });

  it('keeps the chosen organization while the token names it, else takes the first', () => {
    const user = userFromToken(
      token({ organization: { nordic: { id: 'org-2' }, acme: { id: 'org-1' }, broken: {} } }),
    );
    expect(user?.organizations).toEqual([
      { id: 'org-1', alias: 'acme', role: null },
      { id: 'org-2', alias: 'nordic', role: null },
    ]);
    expect(chosenOrganization(user!.organizations, 'org-2')).toBe('org-2');
    expect(chosenOrganization(user!.organizations, 'org-gone')).toBe('org-1');
    expect(chosenOrganization(user!.organizations, null)).toBe('org-1');
    expect(chosenOrganization([], 'org-1')).toBeNull();
  });

  it('a realm-wide seller role makes no one an owner: only a role in the organization does', () => {
    const realmOwner = userFromToken(
      token({ realm_access: { roles: ['seller-owner'] }, organization: { acme: { id: 'org-1' } } }),
    );
    expect(isOwner(realmOwner)).toBe(false);
    const elsewhere = userFromToken(
      token({
        organization: { acme: { id: 'org-1' } },
        organization_roles: ['/organization-roles/org-9/seller-owner'],
      }),
    );
    expect(elsewhere?.role).toBeNull();
    expect(userFromToken(token({}))?.organizationIds).toEqual([]);
    expect(userFromToken(undefined)).toBeNull();
  });

  it('tracks the tenant through loading, missing and failure', () => {
    const user = userFromToken(
      token({
        organization: { acme: { id: 'org-1' } },
        organization_roles: ['/organization-roles/org-1/seller-owner'],
      }),
    )!;
    let state = sessionFeature.reducer(undefined, SessionActions.signedIn({ user }));
    expect(state.tenantState).toBe('loading');
    state = sessionFeature.reducer(state, SessionActions.tenantMissing());
    expect(state.tenantState).toBe('none');
    state = sessionFeature.reducer(state, SessionActions.tenantFailed({ message: 'down' }));
    expect(state).toMatchObject({ tenantState: 'error', error: 'down' });
    expect(sessionFeature.selectIsOwner.projector(user)).toBe(true);
  });
});
