import { refusedVariables as refused } from '@marketplace/testing';
import { configSchema } from './config';

const production = {
  NODE_ENV: 'production',
  MYSQL_URL: 'mysql://orders:from-secrets-manager@orders.cluster-abc.eu-west-1.rds.amazonaws.com:3306',
  KAFKA_BROKERS: 'b-1.msk.eu-west-1.amazonaws.com:9096',
  KEYCLOAK_URL: 'https://auth.marketplace.example.com',
  KEYCLOAK_REALM: 'marketplace',
  S3_BUCKET: 'marketplace-prod-media',
  KEYCLOAK_SERVICES_CLIENT_SECRET: 'from-secrets-manager',
  TENANTS_URL: 'http://tenants.marketplace.svc.cluster.local',
};
const inCluster = {
  CART_URL: 'http://cart.marketplace.svc.cluster.local',
  INVENTORY_URL: 'http://inventory.marketplace.svc.cluster.local',
  PAYMENTS_URL: 'http://payments.marketplace.svc.cluster.local',
  CONFIRM_PAYMENT_ON_CHECKOUT: 'false',
};

const refusedVariables = (env: Record<string, string>) => refused(configSchema, env);

describe('orders configuration in production', () => {
  it('refuses the loopback service addresses and confirm-on-checkout it defaults to', () => {
    expect(refusedVariables(production)).toEqual([
      'CART_URL',
      'INVENTORY_URL',
      'PAYMENTS_URL',
      'CONFIRM_PAYMENT_ON_CHECKOUT',
    ]);
  });

  it('refuses the local realm’s client secret and a disabled saga sweeper', () => {
    expect(
      refusedVariables({
        ...production,
        ...inCluster,
        KEYCLOAK_SERVICES_CLIENT_SECRET: 'marketplace-services-secret',
        SAGA_SWEEP_INTERVAL_MS: '0',
      }),
    ).toEqual(['KEYCLOAK_SERVICES_CLIENT_SECRET', 'SAGA_SWEEP_INTERVAL_MS']);
  });

  it('refuses a loopback tenants service and counting tenants of unknown status as active (ADR 0048)', () => {
    expect(
      refusedVariables({
        ...production,
        ...inCluster,
        TENANTS_URL: 'http://127.0.0.1:4101',
        TENANT_STATUS_ASSUME_ACTIVE: 'true',
      }),
    ).toEqual(['TENANTS_URL', 'TENANT_STATUS_ASSUME_ACTIVE']);
  });

  it('starts with in-cluster addresses and webhook-driven payment confirmation', () => {
    expect(refusedVariables({ ...production, ...inCluster })).toEqual([]);
  });
});
