import { ConfigError, loadConfig } from '@marketplace/config';
import { gatewayConfigSchema } from './config';

const required = {
  KEYCLOAK_URL: 'http://127.0.0.1:18080',
  KEYCLOAK_REALM: 'marketplace',
  REDIS_URL: 'redis://127.0.0.1:16379',
};

describe('gateway config', () => {
  it('defaults to port 4000, every local subgraph and the apps on both loopback names', () => {
    const config = loadConfig(gatewayConfigSchema, required);
    expect(config.GATEWAY_PORT).toBe(4000);
    expect(config.SUBGRAPHS.map((subgraph) => `${subgraph.name}=${subgraph.url}`)).toEqual([
      'tenants=http://127.0.0.1:4101',
      'catalog=http://127.0.0.1:4102',
      'media=http://127.0.0.1:4103',
      'reviews=http://127.0.0.1:4109',
      'cart=http://127.0.0.1:4105',
      'inventory=http://127.0.0.1:4106',
      'orders=http://127.0.0.1:4107',
      'payments=http://127.0.0.1:4108',
      'notifications=http://127.0.0.1:4110',
      'webhooks=http://127.0.0.1:4111',
    ]);
    expect(config.CORS_ORIGINS).toEqual([
      'http://localhost:4200',
      'http://127.0.0.1:4200',
      'http://localhost:4300',
      'http://127.0.0.1:4300',
      'http://localhost:4400',
      'http://127.0.0.1:4400',
    ]);
    expect(config.MAX_QUERY_DEPTH).toBe(12);
    expect(config.MAX_BODY_BYTES).toBe(102400);
  });

  it('reads SUBGRAPHS and CORS_ORIGINS lists', () => {
    const config = loadConfig(gatewayConfigSchema, {
      ...required,
      SUBGRAPHS: 'catalog=http://10.0.0.5:4102/graphql',
      CORS_ORIGINS: 'https://shop.example.com/, https://sell.example.com',
    });
    expect(config.SUBGRAPHS).toEqual([{ name: 'catalog', url: 'http://10.0.0.5:4102' }]);
    expect(config.CORS_ORIGINS).toEqual(['https://shop.example.com', 'https://sell.example.com']);
  });

  it('names every malformed variable', () => {
    let error: unknown;
    try {
      loadConfig(gatewayConfigSchema, {
        ...required,
        SUBGRAPHS: 'catalog',
        RATE_LIMIT_TENANT: '0',
        CORS_ORIGINS: 'nope',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => problem.variable).sort()).toEqual([
      'CORS_ORIGINS',
      'RATE_LIMIT_TENANT',
      'SUBGRAPHS',
    ]);
  });
});
