import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  inject,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { portalSessionProviders, type PortalConfig } from '@marketplace/web-portal';
import { provideEffects } from '@ngrx/effects';
import { provideStore, Store } from '@ngrx/store';
import { provideEchartsCore } from 'ngx-echarts';
import { routes } from './app.routes';
import { OrganizationChoice, organizationHeader } from './session/organization-choice';
import { userFromToken } from './session/session.models';
import { SessionEffects } from './session/session.effects';
import { SessionActions, sessionFeature } from './session/session.store';

export function portalProviders(config: PortalConfig): (Provider | EnvironmentProviders)[] {
  return [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // Every page is a seller's: sign in first, then load the organization.
    ...portalSessionProviders(
      config,
      () => {
        const store = inject(Store);
        const organization = inject(OrganizationChoice);
        return (token) => {
          const user = userFromToken(token, organization.remembered());
          if (!user) return;
          // Chosen before the first call, so that every call names the organization.
          organization.signedIn(user);
          store.dispatch(SessionActions.signedIn({ user }));
        };
        // Every organization of the user in the token (plain "organization" names none once there are two).
      },
      'organization:*',
    ),
    // Field messages take the lines they need (a long one must not run into the next field on a phone).
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { subscriptSizing: 'dynamic' } },
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([organizationHeader])),
    provideStore({ [sessionFeature.name]: sessionFeature.reducer }),
    provideEffects(SessionEffects),
    // ECharts loads with the first chart, not with the portal.
    provideEchartsCore({ echarts: () => import('echarts') }),
  ];
}
