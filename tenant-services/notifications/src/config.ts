import {
  int,
  keycloakClientSecret,
  notLocalSecret,
  notLoopback,
  productionGuard,
  redisSettings,
  secret,
  str,
  url,
} from '@marketplace/config';
import { mySqlServiceSettings, tenantStatusSettings } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

const LOCAL_INVITATION_TOKEN_KEY = 'marketplace-local-invitation-token-key';

export const configSchema = z.object({
  ...mySqlServiceSettings({ service: 'notifications', port: 4110 }),
  ...tenantStatusSettings,
  ...offboardingSettings('notifications'),
  ...redisSettings,
  /** Consumer group of the feed, e-mail and live events; shared by the replicas, so each event is handled once. */
  EVENTS_GROUP: str('a consumer group').default('notifications'),
  /** SMTP server the e-mails go to (`smtp://` or `smtps://`, credentials in the URL); locally Mailpit. */
  SMTP_URL: productionGuard(url(['smtp', 'smtps']), notLoopback()),
  MAIL_FROM: str('a From address').default('Marketplace <no-reply@marketplace.example>'),
  /** Public addresses the links in e-mails and feed entries point to. */
  STOREFRONT_URL: url(['http', 'https']).default('http://localhost:4200'),
  SELLER_PORTAL_URL: url(['http', 'https']).default('http://localhost:4300'),
  ADMIN_PORTAL_URL: url(['http', 'https']).default('http://localhost:4400'),
  /** Opens the accept token sealed in tenant.staff-invited (ADR 0030); the same key as the tenants service's. */
  INVITATION_TOKEN_KEY: productionGuard(
    secret().default(LOCAL_INVITATION_TOKEN_KEY),
    notLocalSecret(LOCAL_INVITATION_TOKEN_KEY),
  ),
  /** How often pending e-mails are sent (and failed ones retried); 0 disables the timer (tests send themselves). */
  MAIL_SEND_INTERVAL_MS: int({ min: 0, max: 600_000 }).default(1000),
  /**
   * Keycloak client allowed to read users (their e-mail address) for recipients the service has not met yet;
   * only `view-users` is needed.
   */
  KEYCLOAK_DIRECTORY_CLIENT_ID: str('a client id').default('marketplace-provisioning'),
  KEYCLOAK_DIRECTORY_CLIENT_SECRET: keycloakClientSecret(),
  /** Live stream: heartbeat comment interval, ticket lifetime, replay window per channel. */
  LIVE_HEARTBEAT_SECONDS: int({ min: 1, max: 300 }).default(15),
  LIVE_TICKET_TTL_SECONDS: int({ min: 5, max: 600 }).default(60),
  LIVE_REPLAY_EVENTS: int({ min: 10, max: 100_000 }).default(1000),
  LIVE_REPLAY_SECONDS: int({ min: 10, max: 7 * 86_400 }).default(86_400),
  /** Redis key prefix of tickets, replay streams and pub/sub channels (tests use their own). */
  LIVE_KEY_PREFIX: str('a Redis key prefix').default('notifications'),
});

export type NotificationsConfig = z.output<typeof configSchema>;
