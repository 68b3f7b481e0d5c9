import { readPortalConfig } from './portal-config';

const good = {
  graphqlUrl: 'https://api.example.com/graphql',
  storefrontUrl: 'https://shop.example.com/',
  keycloak: { url: 'https://id.example.com', realm: 'marketplace', clientId: 'seller-portal' },
};

describe('readPortalConfig', () => {
  it('accepts a complete file and trims trailing slashes', () => {
    expect(readPortalConfig(good).storefrontUrl).toBe('https://shop.example.com');
  });

  it('names the setting that is missing or malformed', () => {
    expect(() => readPortalConfig({ ...good, graphqlUrl: '' })).toThrow(
      'graphqlUrl must be a non-empty string',
    );
    expect(() => readPortalConfig({ ...good, graphqlUrl: 'ftp://x' })).toThrow(
      'graphqlUrl must be an http(s) URL',
    );
    expect(() => readPortalConfig({ ...good, keycloak: { url: 'https://id' } })).toThrow('keycloak.realm');
    expect(() => readPortalConfig([])).toThrow();
    expect(() => readPortalConfig(null)).toThrow('config.json must hold an object');
  });
});
