import {
  int,
  kafkaSettings,
  notLocalSecret,
  notLoopback,
  oneOf,
  productionGuard,
  secret,
  str,
  url,
} from '@marketplace/config';
import { offboardingConsumerSettings } from '@marketplace/offboarding';
import { redisServiceSettings } from '@marketplace/service-kit';
import { z } from 'zod';

const LOCAL_CART_TOKEN_KEY = 'marketplace-local-cart-token-key';

export const cartConfigSchema = z.object({
  ...redisServiceSettings({ service: 'cart', port: 4105 }),
  ...kafkaSettings,
  ...offboardingConsumerSettings('cart'),
  /**
   * Prefix of every cart key; tests use a unique one so their carts never meet real ones. No braces: a cart's
   * companion key puts the cart key in a hash tag (`cart-owner.ts`), which braces inside it would break.
   */
  CART_KEY_PREFIX: str('a Redis key prefix')
    .regex(/^[^{}]+$/, 'must be a Redis key prefix without { or }')
    .default('cart'),
  /** Signs the anonymous cart tokens this service issues; a token it did not sign opens no cart. */
  CART_TOKEN_KEY: productionGuard(
    secret().default(LOCAL_CART_TOKEN_KEY),
    notLocalSecret(LOCAL_CART_TOKEN_KEY),
  ),
  /** Sliding expiry, renewed on every read and write of the cart. */
  CART_ANONYMOUS_TTL_SECONDS: int({ min: 60, max: 90 * 24 * 3600 }).default(7 * 24 * 3600),
  CART_BUYER_TTL_SECONDS: int({ min: 60, max: 365 * 24 * 3600 }).default(30 * 24 * 3600),
  CATALOG_URL: productionGuard(
    url(['http', 'https']).default('http://127.0.0.1:4102/graphql'),
    notLoopback(),
  ),
  /** Budget of one catalog call attempt; retries and the circuit breaker come from the resilience library. */
  CATALOG_TIMEOUT_MS: int({ min: 50, max: 30_000 }).default(2000),
  /**
   * Where add-to-cart reads products (ADR 0064): `projection` — the cart's own Redis copy fed by the catalog's and
   * the tenants service's events, reading through the catalog on a miss; `graphql` — the catalog on every read.
   * Checkout's `validateCart` asks the catalog either way.
   */
  CART_CATALOG_SOURCE: oneOf(['projection', 'graphql'] as const).default('projection'),
  /** How long a projected product lives after the event or catalog answer that stored it (then: read through). */
  CART_PRODUCT_ENTRY_TTL_SECONDS: int({ min: 60, max: 30 * 24 * 3600 }).default(24 * 3600),
});

export type CartConfig = z.infer<typeof cartConfigSchema>;
