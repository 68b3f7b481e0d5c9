import { TestBed } from '@angular/core/testing';
import { provideEffects } from '@ngrx/effects';
import { provideStore, Store } from '@ngrx/store';
import { AuthActions } from './auth.actions';
import { AuthEffects } from './auth.effects';
import { authFeature, initialAuthState } from './auth.reducer';
import { AuthService, isSignInReturn, KEYCLOAK_LOADER, userFromToken } from './auth.service';

describe('auth reducer', () => {
  const reducer = authFeature.reducer;
  const user = { id: 'u1', name: 'Bea Buyer', email: 'buyer@example.com' };

  it('tracks whether the buyer is signed in', () => {
    expect(reducer(initialAuthState, AuthActions.sessionChecked({ user }))).toEqual({
      status: 'authenticated',
      user,
      error: null,
    });
    expect(reducer(initialAuthState, AuthActions.sessionChecked({ user: null })).status).toBe('anonymous');
    expect(authFeature.selectIsAuthenticated.projector('authenticated')).toBe(true);
  });

  it('keeps the reason when the identity server fails', () => {
    expect(reducer(initialAuthState, AuthActions.sessionCheckFailed({ message: 'down' }))).toEqual({
      status: 'error',
      user: null,
      error: 'down',
    });
    const signedIn = reducer(initialAuthState, AuthActions.sessionChecked({ user }));
    expect(reducer(signedIn, AuthActions.redirectFailed({ message: 'no' }))).toMatchObject({
      status: 'authenticated',
      error: 'no',
    });
  });
});

describe('userFromToken', () => {
  it('reads name and e-mail, falling back to the user name', () => {
    expect(userFromToken({ sub: 'u1', name: 'Bea', email: 'b@x' } as never)).toEqual({
      id: 'u1',
      name: 'Bea',
      email: 'b@x',
    });
    expect(userFromToken({ sub: 'u1', preferred_username: 'bea' } as never)).toEqual({
      id: 'u1',
      name: 'bea',
      email: null,
    });
    expect(userFromToken(undefined)).toBeNull();
  });
});

describe('AuthEffects without a Keycloak instance (server rendering)', () => {
  it('renders as signed out and refuses a sign-in with a message', async () => {
    TestBed.configureTestingModule({
      providers: [provideStore({ [authFeature.name]: authFeature.reducer }), provideEffects(AuthEffects)],
    });
    const store = TestBed.inject(Store);
    await vi.waitFor(() => expect(store.selectSignal(authFeature.selectStatus)()).toBe('anonymous'));
    store.dispatch(AuthActions.signInRequested());
    await vi.waitFor(() =>
      expect(store.selectSignal(authFeature.selectError)()).toBe('Sign-in is only available in the browser.'),
    );
  });
});

describe('AuthService in the browser', () => {
  afterEach(() => sessionStorage.clear());

  function withLoader() {
    const keycloak = {
      authenticated: false,
      init: vi.fn(() => Promise.resolve(false)),
      login: vi.fn(() => Promise.resolve()),
    };
    const load = vi.fn(() => Promise.resolve(keycloak));
    TestBed.configureTestingModule({ providers: [{ provide: KEYCLOAK_LOADER, useValue: load }] });
    return { auth: TestBed.inject(AuthService), keycloak, load };
  }

  it('does not load Keycloak for an anonymous visitor', async () => {
    const { auth, load } = withLoader();
    expect(await auth.checkSession()).toBeNull();
    expect(load).not.toHaveBeenCalled();
  });

  it('loads and initialises Keycloak once when the buyer signs in', async () => {
    const { auth, keycloak, load } = withLoader();
    await auth.signIn();
    await auth.signIn();
    expect(load).toHaveBeenCalledTimes(1);
    expect(keycloak.init).toHaveBeenCalledTimes(1);
    expect(keycloak.init).toHaveBeenCalledWith({ pkceMethod: 'S256', checkLoginIframe: false });
    expect(keycloak.login).toHaveBeenCalledTimes(2);
  });

  it('restores the session of a buyer who signed in earlier in this tab with a silent check', async () => {
    sessionStorage.setItem('marketplace.auth.signedIn', '1');
    const { auth, keycloak } = withLoader();
    await auth.checkSession();
    expect(keycloak.init).toHaveBeenCalledWith(expect.objectContaining({ onLoad: 'check-sso' }));
    // Keycloak said signed out: the tab forgets it, the next visit loads nothing.
    expect(sessionStorage.getItem('marketplace.auth.signedIn')).toBeNull();
  });

  it("recognises Keycloak's answer to a sign-in redirect", () => {
    expect(isSignInReturn('#state=s&session_state=x&code=c')).toBe(true);
    expect(isSignInReturn('#state=s&error=login_required')).toBe(true);
    expect(isSignInReturn('#reviews')).toBe(false);
    expect(isSignInReturn('')).toBe(false);
  });
});
