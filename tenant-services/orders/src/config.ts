import { bool, int, notLoopback, notOneOf, productionGuard, str, url } from '@marketplace/config';
import { mySqlServiceSettings, tenantStatusSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

export const configSchema = z.object({
  ...mySqlServiceSettings({ service: 'orders', port: 4107 }),
  ...tenantStatusSettings,
  ...offboardingSettings('orders'),
  /** Checkout reads the buyer's cart (validateCart, with the buyer's token) from the cart service. */
  CART_URL: productionGuard(url(['http', 'https']).default('http://127.0.0.1:4105'), notLoopback()),
  INVENTORY_URL: productionGuard(url(['http', 'https']).default('http://127.0.0.1:4106'), notLoopback()),
  PAYMENTS_URL: productionGuard(url(['http', 'https']).default('http://127.0.0.1:4108'), notLoopback()),
  /**
   * true: the saga confirms the payment itself and acts on the answer (built-in test provider, synchronous);
   * false: the buyer confirms in the browser and the saga waits for payment.succeeded / payment.failed.
   */
  CONFIRM_PAYMENT_ON_CHECKOUT: productionGuard(
    bool().default(true),
    notOneOf([true], 'confirming the payment on the server (built-in test provider)'),
  ),
  /** A checkout not paid within this time is cancelled and its stock released. */
  CHECKOUT_TIMEOUT_SECONDS: int({ min: 10, max: 86_400 }).default(900),
  /**
   * Checkouts (saga runs) one orders process works on at once; more wait in a queue of `CHECKOUT_QUEUE`, first
   * come first served, and beyond that a checkout is refused with 503 at once (ADR 0055).
   */
  CHECKOUT_CONCURRENCY: int({ min: 1, max: 1_000 }).default(8),
  CHECKOUT_QUEUE: int({ min: 0, max: 100_000 }).default(1000),
  /** How often the saga sweeper resumes unfinished checkouts; 0 disables it (tests drive it themselves). */
  SAGA_SWEEP_INTERVAL_MS: productionGuard(
    int({ min: 0, max: 3_600_000 }).default(30_000),
    notOneOf([0], 'a disabled saga sweeper'),
  ),
  /** Failed sweeper steps in a row after which a checkout is parked in needs_attention (alerted on). */
  SAGA_MAX_ATTEMPTS: int({ min: 1, max: 1_000 }).default(8),
  /** Backoff between failed sweeper steps of one checkout: base doubling per failure, up to the maximum. */
  SAGA_RETRY_BASE_MS: int({ min: 0, max: 3_600_000 }).default(30_000),
  SAGA_RETRY_MAX_MS: int({ min: 0, max: 86_400_000 }).default(3_600_000),
  /** Commission of a tenant the projection has not heard of yet (basis points). */
  DEFAULT_COMMISSION_BPS: int({ min: 0, max: 10_000 }).default(1000),
  /**
   * At most this many payment events handled in one transaction: those that arrived while the previous batch ran
   * (ADR 0070).
   */
  PAYMENT_EVENTS_BATCH: int({ min: 1, max: 1_000 }).default(100),
  /** Consumer groups (payment outcomes, tenant commissions); tests use unique ones. */
  PAYMENT_EVENTS_GROUP: str('a consumer group').default('orders.checkout-saga'),
  TENANT_EVENTS_GROUP: str('a consumer group').default('orders.tenant-commissions'),
});

export type OrdersConfig = z.output<typeof configSchema>;
