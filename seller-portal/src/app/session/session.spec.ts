import type { KeycloakTokenParsed } from 'keycloak-js';
import { chosenOrganization, isOwner, userFromToken } from './session.models';
import { SessionActions, sessionFeature } from './session.store';

const token = (claims: Record<string, unknown>) => ({ sub: 'u1', ...claims }) as KeycloakTokenParsed;

describe('session', () => {
  it('reads roles and organization ids from the token', () => {
    const user = userFromToken(
      token({
        email: 'owner@acme.example.com',
        realm_access: { roles: ['seller-owner', 'buyer'] },
        organization: { acme: { id: 'org-1' } },
      }),
    );
    expect(user).toEqual({
      id: 'u1',
      email: 'owner@acme.example.com',
      name: 'owner@acme.example.com',
      roles: ['seller-owner', 'buyer'],
      organizationIds: ['org-1'],
      organizations: [{ id: 'org-1', alias: 'acme' }],
    });
    expect(isOwner(user)).toBe(true);
  });

  it('keeps the chosen organization while the token names it, else takes the first', () => {
    const user = userFromToken(
      token({ organization: { nordic: { id: 'org-2' }, acme: { id: 'org-1' }, broken: {} } }),
    );
    expect(user?.organizations).toEqual([
      { id: 'org-1', alias: 'acme' },
      { id: 'org-2', alias: 'nordic' },
    ]);
    expect(chosenOrganization(user, 'org-2')).toBe('org-2');
    expect(chosenOrganization(user, 'org-gone')).toBe('org-1');
    expect(chosenOrganization(user, null)).toBe('org-1');
    expect(chosenOrganization(userFromToken(token({})), 'org-1')).toBeNull();
  });

  it('a token without organization or owner role is a would-be seller, not an owner', () => {
    const user = userFromToken(token({ realm_access: { roles: ['seller-staff'] } }));
    expect(user?.organizationIds).toEqual([]);
    expect(isOwner(user)).toBe(false);
    expect(userFromToken(undefined)).toBeNull();
  });

  it('tracks the tenant through loading, missing and failure', () => {
    const user = userFromToken(token({ realm_access: { roles: ['seller-owner'] } }))!;
    let state = sessionFeature.reducer(undefined, SessionActions.signedIn({ user }));
    expect(state.tenantState).toBe('loading');
    state = sessionFeature.reducer(state, SessionActions.tenantMissing());
    expect(state.tenantState).toBe('none');
    state = sessionFeature.reducer(state, SessionActions.tenantFailed({ message: 'down' }));
    expect(state).toMatchObject({ tenantState: 'error', error: 'down' });
    expect(sessionFeature.selectIsOwner.projector(user)).toBe(true);
  });
});
