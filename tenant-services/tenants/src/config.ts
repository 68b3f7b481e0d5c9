import { int, keycloakClientSecret, notLocalSecret, productionGuard, secret, str } from '@marketplace/config';
import { mySqlServiceSettings, tenantStatusAssumeActiveSetting } from '@marketplace/service-kit';
import { offboardingSettings } from '@marketplace/offboarding';
import { z } from 'zod';

const LOCAL_INVITATION_TOKEN_KEY = 'marketplace-local-invitation-token-key';

export const configSchema = z.object({
  ...mySqlServiceSettings({ service: 'tenants', port: 4101 }),
  ...offboardingSettings('tenants'),
  ...tenantStatusAssumeActiveSetting,
  /**
   * The confidential client whose service account provisions organizations, users, roles and API clients
   * through Keycloak's admin API (the only client with realm-management roles).
   */
  KEYCLOAK_PROVISIONING_CLIENT_ID: str('a client id').default('marketplace-provisioning'),
  KEYCLOAK_PROVISIONING_CLIENT_SECRET: keycloakClientSecret(),
  /** Commission of a new tenant in basis points (1000 = 10 %). */
  DEFAULT_COMMISSION_BPS: int({ min: 0, max: 10_000 }).default(1000),
  DEFAULT_CURRENCY: str('an ISO 4217 currency code')
    .pipe(z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code'))
    .default('EUR'),
  INVITATION_TTL_HOURS: int({ min: 1, max: 720 }).default(168),
  /** Seals the accept token in the staff-invited event; notifications holds the same key to open it. */
  INVITATION_TOKEN_KEY: productionGuard(
    secret().default(LOCAL_INVITATION_TOKEN_KEY),
    notLocalSecret(LOCAL_INVITATION_TOKEN_KEY),
  ),
  /** Consumer group collecting every service's audit.recorded events; tests use unique ones. */
  AUDIT_EVENTS_GROUP: str('a consumer group').default('tenants.audit-log'),
  /** Consumer group counting the services' offboarding confirmations (ADR 0038). */
  OFFBOARDING_COORDINATOR_GROUP: str('a consumer group').default('tenants.offboarding-coordinator'),
  /** Key prefix of export parts and archives in the bucket. */
  OFFBOARDING_KEY_PREFIX: str('an object key prefix')
    .regex(/^[A-Za-z0-9][A-Za-z0-9/_-]*[A-Za-z0-9_-]$/, 'expected letters, digits, "/", "_" or "-"')
    .default('offboarding'),
  OFFBOARDING_DOWNLOAD_URL_TTL_SECONDS: int({ min: 60, max: 3600 }).default(600),
});

export type TenantsConfig = z.output<typeof configSchema>;
