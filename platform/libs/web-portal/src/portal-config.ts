/** Per-deployment settings, read by the browser from `/config.json` (written by the server from its env). */
export interface PortalConfig {
  /** The marketplace GraphQL gateway (called directly: the gateway allows the portal's origin). */
  graphqlUrl: string;
  /** The buyers' storefront, for "view in shop" links. */
  storefrontUrl: string;
  keycloak: { url: string; realm: string; clientId: string };
}

function text(source: Record<string, unknown>, key: string, path: string): string {
  const value = source[key];
  if (typeof value !== 'string' || !value.trim())
    throw new Error(`config.json: ${path} must be a non-empty string`);
  return value.trim();
}

function httpUrl(source: Record<string, unknown>, key: string, path: string): string {
  const value = text(source, key, path);
  if (!/^https?:\/\//.test(value)) throw new Error(`config.json: ${path} must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

/** Checks the downloaded settings; a bad file stops the portal with a message naming the setting. */
export function readPortalConfig(raw: unknown): PortalConfig {
  if (typeof raw !== 'object' || raw === null) throw new Error('config.json must hold an object');
  const source = raw as Record<string, unknown>;
  const keycloak = (typeof source['keycloak'] === 'object' && source['keycloak']) || {};
  const kc = keycloak as Record<string, unknown>;
  return {
    graphqlUrl: httpUrl(source, 'graphqlUrl', 'graphqlUrl'),
    storefrontUrl: httpUrl(source, 'storefrontUrl', 'storefrontUrl'),
    keycloak: {
      url: httpUrl(kc, 'url', 'keycloak.url'),
      realm: text(kc, 'realm', 'keycloak.realm'),
      clientId: text(kc, 'clientId', 'keycloak.clientId'),
    },
  };
}
