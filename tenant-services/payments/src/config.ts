import {
  int,
  notLocalSecret,
  notLoopback,
  notOneOf,
  oneOf,
  productionGuard,
  secret,
  str,
  url,
} from '@marketplace/config';
import { mySqlServiceSettings, tenantStatusSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

export const configSchema = z.object({
  ...mySqlServiceSettings({ service: 'payments', port: 4108 }),
  ...tenantStatusSettings,
  ...offboardingSettings('payments'),
  /** `test` is the built-in provider without network (local runs); `stripe` talks to Stripe or stripe-mock. */
  PAYMENT_PROVIDER: productionGuard(
    oneOf(['stripe', 'test'] as const).default('test'),
    notOneOf(['test'], 'the built-in test payment provider'),
  ),
  STRIPE_SECRET_KEY: productionGuard(secret().default('sk_test_local'), notLocalSecret('sk_test_local')),
  /** The key of the same Stripe account that buyers' browsers confirm payments with (public, not a secret). */
  STRIPE_PUBLISHABLE_KEY: productionGuard(
    str('a Stripe publishable key (pk_...)')
      .regex(/^pk_(test|live)_\w+$/, 'expected pk_test_... or pk_live_...')
      .default('pk_test_local'),
    notOneOf(['pk_test_local'], 'the local placeholder publishable key'),
  ),
  /** Signs webhooks (Stripe's scheme for both providers). */
  STRIPE_WEBHOOK_SECRET: productionGuard(
    secret().default('whsec_local_development_only'),
    notLocalSecret('whsec_local_development_only'),
  ),
  /** stripe-mock locally; unset in production (api.stripe.com). */
  STRIPE_API_BASE: productionGuard(url(['http', 'https']).optional(), notLoopback()),
  /** Country of new Express accounts. */
  PAYOUT_ACCOUNT_COUNTRY: str('an ISO 3166 country code').default('DE'),
  /** How often pending transfers and failed transfer reversals are retried; 0 disables the sweeper. */
  SWEEP_INTERVAL_MS: productionGuard(
    int({ min: 0, max: 3_600_000 }).default(60_000),
    notOneOf([0], 'a disabled transfer sweeper'),
  ),
  /** Consumer group of tenant status events (payouts only to approved, unsuspended tenants); tests use unique ones. */
  TENANT_EVENTS_GROUP: str('a consumer group').default('payments.tenant-status'),
});

export type PaymentsConfig = z.output<typeof configSchema>;
