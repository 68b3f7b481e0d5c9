export { KeycloakError, KeycloakConflictError, KeycloakNotFoundError, KeycloakAuthError } from './errors';
export {
  requestToken,
  tokenEndpointUrl,
  ClientCredentialsTokenSource,
  type TokenResponse,
} from './token-endpoint';
export {
  KeycloakAdminClient,
  displayNameOf,
  keycloakAdminConfigSchema,
  TENANT_ID_CLAIM,
  API_CLIENT_ROLE,
  ORGANIZATION_ROLES_GROUP,
  ORGANIZATION_ROLES,
  type OrganizationRole,
  type KeycloakAdminConfig,
  type KeycloakUser,
  type KeycloakOrganization,
  type NewUser,
  type ApiClientCredentials,
} from './keycloak-admin-client';
export { keycloakAdminConfigFromEnv } from './config-from-env';
export { placeholdersIn, resolvePlaceholders } from './realm-placeholders';
