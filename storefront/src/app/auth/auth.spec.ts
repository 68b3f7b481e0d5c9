import { TestBed } from '@angular/core/testing';
import { provideEffects } from '@ngrx/effects';
import { provideStore, Store } from '@ngrx/store';
import { AuthActions } from './auth.actions';
import { AuthEffects } from './auth.effects';
import { authFeature, initialAuthState } from './auth.reducer';
import { userFromToken } from './auth.service';

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
