import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore, Store } from '@ngrx/store';
import { provideKeycloak } from 'keycloak-angular';
import Keycloak from 'keycloak-js';
import { provideEchartsCore } from 'ngx-echarts';
import { routes } from './app.routes';
import { PORTAL_CONFIG, type PortalConfig } from './core/runtime-config';
import { userFromToken } from './session/session.models';
import { SessionEffects } from './session/session.effects';
import { SessionActions, sessionFeature } from './session/session.store';

export function portalProviders(config: PortalConfig): (Provider | EnvironmentProviders)[] {
  return [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    { provide: PORTAL_CONFIG, useValue: config },
    // Field messages take the lines they need (a long one must not run into the next field on a phone).
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { subscriptSizing: 'dynamic' } },
    provideKeycloak({ config: config.keycloak }),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withFetch()),
    provideStore({ [sessionFeature.name]: sessionFeature.reducer }),
    provideEffects(SessionEffects),
    // ECharts loads with the first chart, not with the portal.
    provideEchartsCore({ echarts: () => import('echarts') }),
    // Every page is a seller's: sign in first (authorization code + PKCE), then load the organization.
    provideAppInitializer(async () => {
      const keycloak = inject(Keycloak);
      const store = inject(Store);
      await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
      const user = userFromToken(keycloak.tokenParsed);
      if (user) store.dispatch(SessionActions.signedIn({ user }));
    }),
  ];
}
