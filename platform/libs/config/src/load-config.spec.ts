import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  bool,
  int,
  kafkaSettings,
  keycloakSettings,
  list,
  loadConfig,
  mongoSettings,
  mysqlSettings,
  oneOf,
  port,
  redisSettings,
  s3Settings,
  secret,
  serviceSettings,
  url,
} from './index';

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  const platformSchema = z.object({
    ...serviceSettings,
    ...mysqlSettings,
    ...redisSettings,
    ...kafkaSettings,
    ...mongoSettings,
    ...s3Settings,
    ...keycloakSettings,
  });
  const localStack = {
    SERVICE_NAME: 'catalog',
    PORT: '4010',
    LOG_LEVEL: 'debug',
    NODE_ENV: 'test',
    MYSQL_URL: 'mysql://marketplace:marketplace@127.0.0.1:13306',
    REDIS_URL: 'redis://127.0.0.1:16379',
    KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19093',
    MONGODB_URL: 'mongodb://127.0.0.1:37017',
    S3_ENDPOINT: 'http://127.0.0.1:17070',
    S3_ACCESS_KEY_ID: 'marketplace',
    S3_SECRET_ACCESS_KEY: 'marketplace-secret',
    S3_BUCKET: 'marketplace-media',
    S3_FORCE_PATH_STYLE: 'true',
    KEYCLOAK_URL: 'http://127.0.0.1:18080',
    KEYCLOAK_REALM: 'marketplace',
  };

  it('parses the local stack settings into typed values with defaults applied', () => {
    const config = loadConfig(platformSchema, localStack);
    expect(config).toEqual({
      SERVICE_NAME: 'catalog',
      PORT: 4010,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'test',
      MYSQL_URL: 'mysql://marketplace:marketplace@127.0.0.1:13306',
      REDIS_URL: 'redis://127.0.0.1:16379',
      KAFKA_BROKERS: ['127.0.0.1:19092', '127.0.0.1:19093'],
      MONGODB_URL: 'mongodb://127.0.0.1:37017',
      S3_ENDPOINT: 'http://127.0.0.1:17070',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'marketplace',
      S3_SECRET_ACCESS_KEY: 'marketplace-secret',
      S3_BUCKET: 'marketplace-media',
      S3_FORCE_PATH_STYLE: true,
      KEYCLOAK_URL: 'http://127.0.0.1:18080',
      KEYCLOAK_REALM: 'marketplace',
      AUTH_AUDIENCE: 'marketplace-api',
      INTERNAL_CALLER_CLIENT_IDS: ['marketplace-services'],
    });
  });

  it('treats empty values as unset so defaults apply', () => {
    const config = loadConfig(z.object(serviceSettings), {
      SERVICE_NAME: 'orders',
      PORT: '',
      LOG_LEVEL: '  ',
    });
    expect(config).toEqual({
      SERVICE_NAME: 'orders',
      PORT: 3000,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    });
  });

  it('coerces booleans, integers, enums and lists', () => {
    const schema = z.object({
      FLAG_ON: bool(),
      FLAG_OFF: bool(),
      WORKERS: int({ min: 1, max: 64 }),
      MODE: oneOf(['fast', 'safe']),
      TAGS: list(),
      PORTS: list(port(), { min: 2 }),
    });
    expect(
      loadConfig(schema, {
        FLAG_ON: 'YES',
        FLAG_OFF: '0',
        WORKERS: ' 8 ',
        MODE: 'safe',
        TAGS: 'a,, b ,c',
        PORTS: '80,443',
      }),
    ).toEqual({
      FLAG_ON: true,
      FLAG_OFF: false,
      WORKERS: 8,
      MODE: 'safe',
      TAGS: ['a', 'b', 'c'],
      PORTS: [80, 443],
    });
  });

  it('names every missing and malformed variable in one error, saying what was expected', () => {
    const error = configErrorOf(() =>
      loadConfig(platformSchema, {
        ...localStack,
        SERVICE_NAME: undefined,
        MYSQL_URL: undefined,
        PORT: 'eighty',
        REDIS_URL: 'http://127.0.0.1:16379',
        KAFKA_BROKERS: '127.0.0.1:19092,broker-without-port',
        LOG_LEVEL: 'loud',
        S3_FORCE_PATH_STYLE: 'maybe',
      }),
    );
    expect(error.problems).toEqual([
      { variable: 'SERVICE_NAME', reason: 'missing (expected a service name)' },
      { variable: 'PORT', reason: 'malformed (expected an integer from 1 to 65535)' },
      {
        variable: 'LOG_LEVEL',
        reason: 'malformed (expected one of fatal, error, warn, info, debug, trace, silent)',
      },
      { variable: 'MYSQL_URL', reason: 'missing (expected a mysql:// URL)' },
      { variable: 'REDIS_URL', reason: 'malformed (expected a redis:// or rediss:// URL)' },
      { variable: 'KAFKA_BROKERS', reason: 'malformed (item 2: expected host:port)' },
      {
        variable: 'S3_FORCE_PATH_STYLE',
        reason: 'malformed (expected a boolean (true/false, 1/0, yes/no, on/off))',
      },
    ]);
    expect(error.message).toContain('7 environment variables are missing or malformed');
    for (const { variable } of error.problems) expect(error.message).toContain(`  - ${variable}: `);
  });

  it('never echoes the values it refuses, even from custom schemas', () => {
    const secretValue = 'sk_live_do-not-print-me';
    const schema = z.object({
      STRIPE_SECRET_KEY: secret().refine((v) => v.startsWith('sk_test_'), {
        message: `test keys only, got ${'sk_live_do-not-print-me'}`,
      }),
      DATABASE_URL: url(['mysql']),
    });
    const error = configErrorOf(() =>
      loadConfig(schema, {
        STRIPE_SECRET_KEY: secretValue,
        DATABASE_URL: 'postgres://admin:hunter2-password@db',
      }),
    );
    expect(error.message).toContain('STRIPE_SECRET_KEY: malformed (test keys only, got [redacted])');
    expect(error.message).toContain('DATABASE_URL: malformed (expected a mysql:// URL)');
    expect(error.message).not.toContain(secretValue);
    expect(error.message).not.toContain('hunter2');
  });

  it('reads process.env by default', () => {
    const name = `CONFIG_SPEC_${process.pid}`;
    process.env[name] = '42';
    try {
      expect(loadConfig(z.object({ [name]: int() }))).toEqual({ [name]: 42 });
    } finally {
      delete process.env[name];
    }
  });
});

describe('loadConfigOrExit', () => {
  const fixtures = path.join(__dirname, '..', 'test', 'fixtures');

  function startService(env: Record<string, string>) {
    return spawnSync(
      process.execPath,
      ['-r', '@marketplace/ts-register', path.join(fixtures, 'start-service.ts')],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      },
    );
  }

  it('stops the process with exit code 78 and a message naming the missing and malformed variables', () => {
    const run = startService({ SERVICE_NAME: 'catalog', PORT: 'not-a-port-123' });
    expect(run.status).toBe(78);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('MYSQL_URL: missing (expected a mysql:// URL)');
    expect(run.stderr).toContain('PORT: malformed (expected an integer from 1 to 65535)');
    expect(run.stderr).not.toContain('not-a-port-123');
  });

  it('lets the process start when the configuration is valid', () => {
    const run = startService({ SERVICE_NAME: 'catalog', MYSQL_URL: 'mysql://127.0.0.1:13306' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('started catalog on 3000\n');
  });
});
