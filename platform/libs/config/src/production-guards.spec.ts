import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  bool,
  hostPort,
  keycloakClientSecret,
  keycloakSettings,
  list,
  loadConfig,
  mysqlSettings,
  notLocalSecret,
  notLoopback,
  notOneOf,
  oneOf,
  productionGuard,
  secret,
  serviceSettings,
  url,
} from './index';

function problemsOf(fn: () => unknown): ConfigError['problems'] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('production guards', () => {
  const schema = z.object({
    ...serviceSettings,
    ...mysqlSettings,
    ...keycloakSettings,
    PAYMENT_PROVIDER: productionGuard(
      oneOf(['stripe', 'test']).default('test'),
      notOneOf(['test'], 'the built-in test payment provider'),
    ),
    CONFIRM_ON_CHECKOUT: productionGuard(bool().default(true), notOneOf([true], 'confirming on the server')),
    WEBHOOK_SECRET: productionGuard(secret().default('whsec_local'), notLocalSecret('whsec_local')),
    CLIENT_SECRET: keycloakClientSecret(),
    CART_URL: productionGuard(url(['http', 'https']).default('http://127.0.0.1:4105'), notLoopback()),
    BROKERS: productionGuard(list(hostPort()), notLoopback()),
  });
  const safe = {
    SERVICE_NAME: 'orders',
    MYSQL_URL:
      'mysql://orders:s3cr3t-from-secrets-manager@orders.cluster-abc.eu-west-1.rds.amazonaws.com:3306',
    KEYCLOAK_URL: 'https://auth.marketplace.example.com',
    KEYCLOAK_REALM: 'marketplace',
    PAYMENT_PROVIDER: 'stripe',
    CONFIRM_ON_CHECKOUT: 'false',
    WEBHOOK_SECRET: 'whsec_issued_by_stripe',
    CLIENT_SECRET: 'a-secret-from-secrets-manager',
    CART_URL: 'http://cart.marketplace.svc.cluster.local',
    BROKERS: 'b-1.msk.eu-west-1.amazonaws.com:9096,b-2.msk.eu-west-1.amazonaws.com:9096',
  };

  it('accepts a production environment that sets every guarded setting safely', () => {
    const config = loadConfig(schema, { ...safe, NODE_ENV: 'production' });
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      PAYMENT_PROVIDER: 'stripe',
      CONFIRM_ON_CHECKOUT: false,
    });
  });

  it('refuses test-only settings, default and local secrets and loopback addresses, defaults included, naming each variable', () => {
    const problems = problemsOf(() =>
      loadConfig(schema, {
        SERVICE_NAME: 'orders',
        NODE_ENV: 'production',
        MYSQL_URL: 'mysql://marketplace:marketplace@db.internal:3306',
        KEYCLOAK_URL: 'http://localhost:18080',
        KEYCLOAK_REALM: 'marketplace',
        CLIENT_SECRET: 'marketplace-services-secret',
        BROKERS: 'kafka-1.internal:9092,127.0.0.1:19092',
      }),
    );
    expect(problems).toEqual([
      {
        variable: 'MYSQL_URL',
        reason: expect.stringContaining('refused in production: is a local development default secret'),
      },
      { variable: 'KEYCLOAK_URL', reason: 'refused in production: points at a loopback address (localhost)' },
      {
        variable: 'PAYMENT_PROVIDER',
        reason: 'refused in production: the built-in test payment provider is for tests and local runs only',
      },
      {
        variable: 'CONFIRM_ON_CHECKOUT',
        reason: 'refused in production: confirming on the server is for tests and local runs only',
      },
      { variable: 'WEBHOOK_SECRET', reason: expect.stringContaining('local development default secret') },
      { variable: 'CLIENT_SECRET', reason: expect.stringContaining('local development default secret') },
      { variable: 'CART_URL', reason: 'refused in production: points at a loopback address (127.0.0.1)' },
      { variable: 'BROKERS', reason: 'refused in production: points at a loopback address (127.0.0.1)' },
    ]);
  });

  it('never quotes a refused secret', () => {
    const error = (() => {
      try {
        loadConfig(schema, { ...safe, NODE_ENV: 'production', CLIENT_SECRET: 'marketplace-services-secret' });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toContain('NODE_ENV=production');
    expect(error.message).toContain('CLIENT_SECRET');
    expect(error.message).not.toContain('marketplace-services-secret');
  });

  it('recognises every loopback spelling and leaves other hosts alone', () => {
    const rule = notLoopback();
    for (const address of [
      'http://localhost:4105',
      'http://127.0.0.1:4105',
      'http://127.1.2.3',
      'http://[::1]:4105/graphql',
      'http://0.0.0.0:3000',
      'http://cart.localhost',
      'redis://127.0.0.1:16379',
      'localhost:9092',
      ['kafka:9092', '127.0.0.1:19092'],
      [{ name: 'catalog', url: 'http://127.0.0.1:4102' }],
    ])
      expect(rule(address)).toMatch(/^points at a loopback address/);
    for (const address of [
      'http://cart.marketplace.svc.cluster.local',
      'https://api.stripe.com',
      'kafka-1:9092',
      'http://127.example.com',
      undefined,
      3000,
    ])
      expect(rule(address)).toBeUndefined();
  });

  it('applies only when NODE_ENV is production', () => {
    for (const nodeEnv of ['development', 'test', undefined]) {
      expect(() =>
        loadConfig(schema, {
          ...safe,
          NODE_ENV: nodeEnv,
          PAYMENT_PROVIDER: 'test',
          CART_URL: 'http://127.0.0.1:1',
        }),
      ).not.toThrow();
    }
  });

  it('reads NODE_ENV from the environment when the schema does not declare it', () => {
    const bare = z.object({ CART_URL: productionGuard(url(), notLoopback()) });
    expect(
      problemsOf(() => loadConfig(bare, { NODE_ENV: 'production', CART_URL: 'http://127.0.0.1:1' })),
    ).toEqual([
      { variable: 'CART_URL', reason: 'refused in production: points at a loopback address (127.0.0.1)' },
    ]);
  });

  it('finds a guard whichever side of .default() or .optional() it was put on', () => {
    const inner = z.object({ A: productionGuard(url(), notLoopback()).default('http://localhost') });
    const outer = z.object({ A: productionGuard(url().optional(), notLoopback()) });
    expect(problemsOf(() => loadConfig(inner, { NODE_ENV: 'production' }))).toHaveLength(1);
    expect(
      problemsOf(() => loadConfig(outer, { NODE_ENV: 'production', A: 'http://localhost' })),
    ).toHaveLength(1);
    expect(loadConfig(outer, { NODE_ENV: 'production' })).toEqual({ A: undefined });
  });

  it('stops a starting service with exit code 78 naming the refused variables', () => {
    const fixture = path.join(__dirname, '..', 'test', 'fixtures', 'start-service.ts');
    const run = spawnSync(process.execPath, ['-r', '@marketplace/ts-register', fixture], {
      env: {
        PATH: process.env.PATH ?? '',
        SERVICE_NAME: 'orders',
        NODE_ENV: 'production',
        MYSQL_URL: 'mysql://marketplace:marketplace@127.0.0.1:13306',
      },
      encoding: 'utf8',
    });
    expect(run.status).toBe(78);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Refused configuration: NODE_ENV=production');
    expect(run.stderr).toContain(
      'MYSQL_URL: refused in production: points at a loopback address (127.0.0.1)',
    );
    expect(run.stderr).not.toContain('marketplace:marketplace');
  });
});
