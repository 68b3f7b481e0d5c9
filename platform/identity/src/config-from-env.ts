import { type KeycloakAdminConfig, keycloakAdminConfigSchema } from './keycloak-admin-client';

/** Admin-client settings from KEYCLOAK_URL, KEYCLOAK_REALM, KEYCLOAK_SERVICES_CLIENT_ID, KEYCLOAK_SERVICES_CLIENT_SECRET. */
export function keycloakAdminConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KeycloakAdminConfig {
  const parsed = keycloakAdminConfigSchema.safeParse({
    baseUrl: env.KEYCLOAK_URL,
    realm: env.KEYCLOAK_REALM,
    clientId: env.KEYCLOAK_SERVICES_CLIENT_ID,
    clientSecret: env.KEYCLOAK_SERVICES_CLIENT_SECRET,
  });
  if (!parsed.success) {
    const names = {
      baseUrl: 'KEYCLOAK_URL',
      realm: 'KEYCLOAK_REALM',
      clientId: 'KEYCLOAK_SERVICES_CLIENT_ID',
      clientSecret: 'KEYCLOAK_SERVICES_CLIENT_SECRET',
    };
    const bad = parsed.error.issues.map(
      (issue) => names[issue.path[0] as keyof typeof names] ?? String(issue.path[0]),
    );
    throw new Error(`Keycloak admin settings missing or invalid: ${[...new Set(bad)].join(', ')}`);
  }
  return parsed.data;
}
