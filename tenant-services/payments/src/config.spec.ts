import { refusedVariables as refused } from '@marketplace/testing';
import { configSchema } from './config';

const production = {
  NODE_ENV: 'production',
  MYSQL_URL: 'mysql://payments:from-secrets-manager@payments.cluster-abc.eu-west-1.rds.amazonaws.com:3306',
  KAFKA_BROKERS: 'b-1.msk.eu-west-1.amazonaws.com:9096',
  KEYCLOAK_URL: 'https://auth.marketplace.example.com',
  KEYCLOAK_REALM: 'marketplace',
  S3_BUCKET: 'marketplace-prod-media',
  KEYCLOAK_SERVICES_CLIENT_SECRET: 'from-secrets-manager',
  TENANTS_URL: 'http://tenants.marketplace.svc.cluster.local',
};

const refusedVariables = (env: Record<string, string>) => refused(configSchema, env);

describe('payments configuration in production', () => {
  it('refuses the test provider and the built-in Stripe secrets, which are the defaults', () => {
    expect(refusedVariables(production)).toEqual([
      'PAYMENT_PROVIDER',
      'STRIPE_SECRET_KEY',
      'STRIPE_PUBLISHABLE_KEY',
      'STRIPE_WEBHOOK_SECRET',
    ]);
  });

  it('refuses stripe-mock on loopback and a disabled sweeper', () => {
    expect(
      refusedVariables({
        ...production,
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_live_from_secrets_manager',
        STRIPE_PUBLISHABLE_KEY: 'pk_live_from_the_dashboard',
        STRIPE_WEBHOOK_SECRET: 'whsec_from_stripe',
        STRIPE_API_BASE: 'http://127.0.0.1:12111',
        SWEEP_INTERVAL_MS: '0',
      }),
    ).toEqual(['STRIPE_API_BASE', 'SWEEP_INTERVAL_MS']);
  });

  it('refuses a publishable key that is not one (a secret key pasted by mistake would reach browsers)', () => {
    expect(
      refusedVariables({
        ...production,
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_live_from_secrets_manager',
        STRIPE_PUBLISHABLE_KEY: 'sk_live_from_secrets_manager',
        STRIPE_WEBHOOK_SECRET: 'whsec_from_stripe',
      }),
    ).toEqual(['STRIPE_PUBLISHABLE_KEY']);
  });

  it('starts with Stripe and the environment’s own secrets', () => {
    expect(
      refusedVariables({
        ...production,
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_live_from_secrets_manager',
        STRIPE_PUBLISHABLE_KEY: 'pk_live_from_the_dashboard',
        STRIPE_WEBHOOK_SECRET: 'whsec_from_stripe',
      }),
    ).toEqual([]);
  });
});
