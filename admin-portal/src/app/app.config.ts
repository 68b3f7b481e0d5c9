import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { portalSessionProviders, type PortalConfig } from '@marketplace/web-portal';
import { provideStore, Store } from '@ngrx/store';
import Keycloak from 'keycloak-js';
import { provideEchartsCore } from 'ngx-echarts';
import { routes } from './app.routes';
import { adminFromToken } from './session/session.models';
import { SessionActions, sessionFeature } from './session/session.store';

export function adminPortalProviders(config: PortalConfig): (Provider | EnvironmentProviders)[] {
  return [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    ...portalSessionProviders(config),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withFetch()),
    provideStore({ [sessionFeature.name]: sessionFeature.reducer }),
    // ECharts loads with the first chart, not with the portal.
    provideEchartsCore({ echarts: () => import('echarts') }),
    provideAppInitializer(() => {
      const user = adminFromToken(inject(Keycloak).tokenParsed);
      if (user) inject(Store).dispatch(SessionActions.signedIn({ user }));
    }),
  ];
}
