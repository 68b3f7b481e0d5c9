import { refusedVariables as refused } from '@marketplace/testing';
import { cartConfigSchema } from './config';

const local = {
  REDIS_URL: 'redis://127.0.0.1:16379',
  KEYCLOAK_URL: 'http://127.0.0.1:18080',
  KEYCLOAK_REALM: 'marketplace',
  KAFKA_BROKERS: '127.0.0.1:19092',
};

const refusedVariables = (env: Record<string, string>) => refused(cartConfigSchema, env);

describe('cart configuration', () => {
  it('takes a key prefix without braces', () => {
    expect(refusedVariables({ ...local, CART_KEY_PREFIX: 'cart-eu:v2' })).toEqual([]);
  });

  it('refuses a key prefix with braces: the orders a cart applied hash-tag the cart key (ADR 0058)', () => {
    for (const prefix of ['{cart}', 'cart{eu', 'cart}'])
      expect(refusedVariables({ ...local, CART_KEY_PREFIX: prefix })).toEqual(['CART_KEY_PREFIX']);
  });
});
