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
      OUTBOX_IDLE_POLL_MS: 1000,
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
        OUTBOX_IDLE_POLL_MS: '250',
      }),
    ).toMatchObject({
      PORT: 5107,
      MYSQL_DATABASE: 'orders_test',
      MYSQL_CREATE_DATABASE: false,
      OUTBOX_IDLE_POLL_MS: 250,
    });
  });

  it('refuses a missing MySQL URL and an out-of-range port', () => {
    const { MYSQL_URL: _omitted, ...withoutUrl } = env;
    expect(() => loadConfig(schema, withoutUrl)).toThrow(/MYSQL_URL/);
    expect(() => loadConfig(schema, { ...env, PORT: '70000' })).toThrow(/PORT/);
  });

  it('refuses an outbox idle poll that is not a whole number of milliseconds from 10 to 600000', () => {
    for (const value of ['0', '5', '600001', '1.5', 'often'])
      expect(() => loadConfig(schema, { ...env, OUTBOX_IDLE_POLL_MS: value })).toThrow(/OUTBOX_IDLE_POLL_MS/);
  });
});
