import { loadConfig } from '@marketplace/config';
import { z } from 'zod';
import { mySqlServiceSettings } from './service-settings';

const env = {
  MYSQL_URL: 'mysql://user:secret@127.0.0.1:13306',
  KAFKA_BROKERS: '127.0.0.1:19092',
  KEYCLOAK_URL: 'http://127.0.0.1:18080',
  KEYCLOAK_REALM: 'marketplace',
};

describe('mySqlServiceSettings', () => {
  const schema = z.object(mySqlServiceSettings({ service: 'orders', port: 4107 }));

  it("defaults the name, the port and the database to the service's own", () => {
    expect(loadConfig(schema, env)).toMatchObject({
      SERVICE_NAME: 'orders',
      PORT: 4107,
      MYSQL_DATABASE: 'orders',
      MYSQL_CREATE_DATABASE: true,
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      INTERNAL_CALLER_CLIENT_IDS: ['marketplace-services'],
    });
  });

  it('takes the values the environment names', () => {
    expect(
      loadConfig(schema, {
        ...env,
        PORT: '5107',
        MYSQL_DATABASE: 'orders_test',
        MYSQL_CREATE_DATABASE: 'false',
      }),
    ).toMatchObject({ PORT: 5107, MYSQL_DATABASE: 'orders_test', MYSQL_CREATE_DATABASE: false });
  });

  it('refuses a missing MySQL URL and an out-of-range port', () => {
    const { MYSQL_URL: _omitted, ...withoutUrl } = env;
    expect(() => loadConfig(schema, withoutUrl)).toThrow(/MYSQL_URL/);
    expect(() => loadConfig(schema, { ...env, PORT: '70000' })).toThrow(/PORT/);
  });
});
