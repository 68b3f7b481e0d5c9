import { DEFAULT_CONFIG, parseAppConfig } from './app-config';
import { configFromEnv } from './server-config';

describe('runtime configuration', () => {
  it('fills what config.json leaves out with defaults', () => {
    expect(parseAppConfig({})).toEqual(DEFAULT_CONFIG);
    expect(parseAppConfig({ apiUrl: 'https://api.example/graphql', keycloak: { realm: 'r' } })).toMatchObject(
      {
        apiUrl: 'https://api.example/graphql',
        keycloak: { url: DEFAULT_CONFIG.keycloak.url, realm: 'r', clientId: 'storefront' },
      },
    );
  });

  it('refuses a malformed file, naming the field', () => {
    expect(() => parseAppConfig([])).toThrow('config.json must hold an object');
    expect(() => parseAppConfig({ apiUrl: '' })).toThrow('"apiUrl"');
    expect(() => parseAppConfig({ defaultCurrency: 'euro' })).toThrow('"defaultCurrency"');
    expect(() => parseAppConfig({ keycloak: { clientId: 3 } })).toThrow('"keycloak.clientId"');
  });

  it('publishes the server environment to the browser', () => {
    expect(configFromEnv({ KEYCLOAK_URL: 'http://kc', STOREFRONT_DEFAULT_CURRENCY: 'USD' })).toMatchObject({
      apiUrl: '/graphql',
      keycloak: { url: 'http://kc', realm: 'marketplace', clientId: 'storefront' },
      defaultCurrency: 'USD',
    });
  });
});
