import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { portalSessionProviders, type PortalConfig } from '@marketplace/web-portal';
import { provideStore } from '@ngrx/store';
import { provideEchartsCore } from 'ngx-echarts';
import { routes } from './app.routes';
import { sessionFeature } from './session/session.store';

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
  ];
}
