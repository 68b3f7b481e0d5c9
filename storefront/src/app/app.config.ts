import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  provideClientHydration,
  withEventReplay,
  withHttpTransferCacheOptions,
  withIncrementalHydration,
} from '@angular/platform-browser';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideStore } from '@ngrx/store';
import { routes } from './app.routes';
import { AuthEffects } from './auth/auth.effects';
import { authFeature } from './auth/auth.reducer';
import { bearerTokenInterceptor } from './auth/bearer-token.interceptor';
import { CartApi, GraphqlCartApi } from './cart/cart-api';
import { CartEffects } from './cart/cart.effects';
import { cartFeature } from './cart/cart.reducer';
import { APP_CONFIG, type AppConfig } from './core/app-config';

export function appConfig(config: AppConfig): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      provideZonelessChangeDetection(),
      { provide: APP_CONFIG, useValue: config },
      provideRouter(
        routes,
        withComponentInputBinding(),
        withInMemoryScrolling({ scrollPositionRestoration: 'enabled' }),
      ),
      provideHttpClient(withFetch(), withInterceptors([bearerTokenInterceptor])),
      // GraphQL reads are POSTs: reuse the server's answers during hydration instead of asking twice. Blocks marked
      // `@defer (hydrate on …)` stay as the server drew them, their code not even loaded, until the trigger (ADR 0063).
      provideClientHydration(
        withEventReplay(),
        withIncrementalHydration(),
        withHttpTransferCacheOptions({ includePostRequests: true }),
      ),
      provideStore({ [cartFeature.name]: cartFeature.reducer, [authFeature.name]: authFeature.reducer }),
      provideEffects(CartEffects, AuthEffects),
      { provide: CartApi, useClass: GraphqlCartApi },
    ],
  };
}
