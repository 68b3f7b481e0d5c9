import { DEFAULT_CONFIG, type AppConfig } from './app-config';

/** The runtime configuration as the SSR server publishes it at `/config.json`. */
export function configFromEnv(env: Record<string, string | undefined>): AppConfig {
  return {
    apiUrl: DEFAULT_CONFIG.apiUrl,
    keycloak: {
      url: env['STOREFRONT_KEYCLOAK_URL'] ?? env['KEYCLOAK_URL'] ?? DEFAULT_CONFIG.keycloak.url,
      realm: env['KEYCLOAK_REALM'] ?? DEFAULT_CONFIG.keycloak.realm,
      clientId: env['STOREFRONT_KEYCLOAK_CLIENT_ID'] ?? DEFAULT_CONFIG.keycloak.clientId,
    },
    locale: env['STOREFRONT_LOCALE'] ?? DEFAULT_CONFIG.locale,
    defaultCurrency: env['STOREFRONT_DEFAULT_CURRENCY'] ?? DEFAULT_CONFIG.defaultCurrency,
  };
}
