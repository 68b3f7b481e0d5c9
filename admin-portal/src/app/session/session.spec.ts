import { adminFromToken, isPlatformAdmin } from './session.models';
import { SessionActions, sessionFeature } from './session.store';

describe('admin session', () => {
  it('lets only platform admins in', () => {
    const admin = adminFromToken({ sub: 'a', realm_access: { roles: ['platform-admin'] } });
    const seller = adminFromToken({ sub: 's', realm_access: { roles: ['buyer', 'seller-owner'] } });
    expect(isPlatformAdmin(admin)).toBe(true);
    expect(isPlatformAdmin(seller)).toBe(false);
    expect(isPlatformAdmin(null)).toBe(false);
    expect(adminFromToken(undefined)).toBeNull();
  });

  it('keeps the signed-in user', () => {
    const user = { id: 'a', email: 'admin@example.com', roles: ['platform-admin'] };
    const state = sessionFeature.reducer(undefined, SessionActions.signedIn({ user }));
    expect(sessionFeature.selectIsAdmin.projector(state.user)).toBe(true);
  });
});
