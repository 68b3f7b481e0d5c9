import { InjectionToken } from '@angular/core';

/** Settings that differ per deployment; the browser reads them from `/config.json`, the server from its env. */
export interface AppConfig {
  /** GraphQL endpoint as the browser sees it (the SSR server proxies `/graphql` to the gateway). */
  apiUrl: string;
  keycloak: { url: string; realm: string; clientId: string };
  locale: string;
  defaultCurrency: string;
}

export const APP_CONFIG = new InjectionToken<AppConfig>('APP_CONFIG');

export const DEFAULT_CONFIG: AppConfig = {
  apiUrl: '/graphql',
  keycloak: { url: 'http://127.0.0.1:18080', realm: 'marketplace', clientId: 'storefront' },
  locale: 'en-US',
  defaultCurrency: 'EUR',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error(`config.json: "${field}" must be a non-empty string`);
  return value;
};

/** Validates the runtime configuration; a malformed file stops the app with a message naming the field. */
export function parseAppConfig(raw: unknown): AppConfig {
  if (!isRecord(raw)) throw new Error('config.json must hold an object');
  const keycloak = isRecord(raw['keycloak']) ? raw['keycloak'] : {};
  const currency = nonEmpty(raw['defaultCurrency'] ?? DEFAULT_CONFIG.defaultCurrency, 'defaultCurrency');
  if (!/^[A-Z]{3}$/.test(currency))
    throw new Error('config.json: "defaultCurrency" must be an ISO 4217 code');
  return {
    apiUrl: nonEmpty(raw['apiUrl'] ?? DEFAULT_CONFIG.apiUrl, 'apiUrl'),
    keycloak: {
      url: nonEmpty(keycloak['url'] ?? DEFAULT_CONFIG.keycloak.url, 'keycloak.url'),
      realm: nonEmpty(keycloak['realm'] ?? DEFAULT_CONFIG.keycloak.realm, 'keycloak.realm'),
      clientId: nonEmpty(keycloak['clientId'] ?? DEFAULT_CONFIG.keycloak.clientId, 'keycloak.clientId'),
    },
    locale: nonEmpty(raw['locale'] ?? DEFAULT_CONFIG.locale, 'locale'),
    defaultCurrency: currency,
  };
}
