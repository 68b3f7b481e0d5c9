import { type KeycloakAdminConfig, keycloakAdminConfigSchema } from './keycloak-admin-client';

/**
 * Admin-client settings from KEYCLOAK_URL, KEYCLOAK_REALM, KEYCLOAK_PROVISIONING_CLIENT_ID and
 * KEYCLOAK_PROVISIONING_CLIENT_SECRET: the provisioning client, the only one holding realm-management roles.
 */
export function keycloakAdminConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KeycloakAdminConfig {
  const parsed = keycloakAdminConfigSchema.safeParse({
    baseUrl: env.KEYCLOAK_URL,
    realm: env.KEYCLOAK_REALM,
    clientId: env.KEYCLOAK_PROVISIONING_CLIENT_ID,
    clientSecret: env.KEYCLOAK_PROVISIONING_CLIENT_SECRET,
  });
  if (!parsed.success) {
    const names = {
      baseUrl: 'KEYCLOAK_URL',
      realm: 'KEYCLOAK_REALM',
      clientId: 'KEYCLOAK_PROVISIONING_CLIENT_ID',
      clientSecret: 'KEYCLOAK_PROVISIONING_CLIENT_SECRET',
    };
    const bad = parsed.error.issues.map(
      (issue) => names[issue.path[0] as keyof typeof names] ?? String(issue.path[0]),
    );
    throw new Error(`Keycloak admin settings missing or invalid: ${[...new Set(bad)].join(', ')}`);
  }
  return parsed.data;
}
