import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type Keycloak from 'keycloak-js';
import { firstValueFrom } from 'rxjs';
import { APP_CONFIG, DEFAULT_CONFIG } from '../core/app-config';
import { AuthService, KEYCLOAK_LOADER } from './auth.service';
import { bearerTokenInterceptor } from './bearer-token.interceptor';

/** A buyer who signed in earlier in this tab: the session check loads the adapter and restores the session. */
async function setUp(keycloak: Partial<Keycloak>) {
  sessionStorage.setItem('marketplace.auth.signedIn', '1');
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([bearerTokenInterceptor])),
      provideHttpClientTesting(),
      { provide: APP_CONFIG, useValue: DEFAULT_CONFIG },
      {
        provide: KEYCLOAK_LOADER,
        useValue: () => Promise.resolve({ init: () => Promise.resolve(keycloak.authenticated), ...keycloak }),
      },
    ],
  });
  await TestBed.inject(AuthService).checkSession();
  return { http: TestBed.inject(HttpClient), backend: TestBed.inject(HttpTestingController) };
}

describe('bearerTokenInterceptor', () => {
  it('sends an anonymous API call at once (hydration reuses the transferred answer only then)', async () => {
    const { http, backend } = await setUp({ authenticated: false });
    http.post('/graphql', {}).subscribe();
    // No await: the request is out in the same turn it was made.
    expect(backend.expectOne('/graphql').request.headers.has('authorization')).toBe(false);
  });

  it("adds the signed-in buyer's fresh token to API calls only", async () => {
    const { http, backend } = await setUp({
      authenticated: true,
      token: 'buyer-token',
      updateToken: () => Promise.resolve(false),
    });
    const api = firstValueFrom(http.post('/graphql', {}));
    await Promise.resolve();
    await Promise.resolve();
    const request = backend.expectOne('/graphql');
    expect(request.request.headers.get('authorization')).toBe('Bearer buyer-token');
    request.flush({});
    await api;
    http.get('https://elsewhere.example/x').subscribe();
    expect(backend.expectOne('https://elsewhere.example/x').request.headers.has('authorization')).toBe(false);
  });
});
