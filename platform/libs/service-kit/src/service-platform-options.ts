import type { ReadinessCheck } from '@marketplace/observability';
import type { ServicePlatformOptions } from './service-platform.module';

/** The settings of `serviceSettings` and `keycloakSettings` (@marketplace/config) the platform module reads. */
export interface ServicePlatformSettings {
  SERVICE_NAME: string;
  LOG_LEVEL: string;
  KEYCLOAK_URL: string;
  KEYCLOAK_REALM: string;
  AUTH_AUDIENCE: string;
  INTERNAL_CALLER_CLIENT_IDS: readonly string[];
}

/** `ServicePlatformModule` options from a service's loaded configuration. */
export function servicePlatformOptions(
  config: ServicePlatformSettings,
  readinessChecks: Readonly<Record<string, ReadinessCheck>>,
): ServicePlatformOptions {
  return {
    service: config.SERVICE_NAME,
    logLevel: config.LOG_LEVEL,
    keycloak: { url: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM, audience: config.AUTH_AUDIENCE },
    internalCallers: config.INTERNAL_CALLER_CLIENT_IDS,
    readinessChecks,
  };
}
