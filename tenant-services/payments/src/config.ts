import { int, oneOf, secret, str, url } from '@marketplace/config';
import { mySqlServiceSettings } from '@marketplace/service-kit';
import { z } from 'zod';

export const configSchema = z.object({
  ...mySqlServiceSettings({ service: 'payments', port: 4108 }),
  /** `test` is the built-in provider without network (local runs); `stripe` talks to Stripe or stripe-mock. */
  PAYMENT_PROVIDER: oneOf(['stripe', 'test'] as const).default('test'),
  STRIPE_SECRET_KEY: secret().default('sk_test_local'),
  /** Signs webhooks (Stripe's scheme for both providers). */
  STRIPE_WEBHOOK_SECRET: secret().default('whsec_local_development_only'),
  /** stripe-mock locally; unset in production (api.stripe.com). */
  STRIPE_API_BASE: url(['http', 'https']).optional(),
  /** Country of new Express accounts. */
  PAYOUT_ACCOUNT_COUNTRY: str('an ISO 3166 country code').default('DE'),
  /** How often pending transfers and failed transfer reversals are retried; 0 disables the sweeper. */
  SWEEP_INTERVAL_MS: int({ min: 0, max: 3_600_000 }).default(60_000),
  /** Consumer group of tenant status events (payouts only to approved, unsuspended tenants); tests use unique ones. */
  TENANT_EVENTS_GROUP: str('a consumer group').default('payments.tenant-status'),
});

export type PaymentsConfig = z.output<typeof configSchema>;
