/**
 * Helpers for integration tests against the real local stack (run them after
 * `eval "$(platform/stack/stack env)"`). Every user they create has the password `password`.
 *
 * Tokens (real Keycloak access tokens, 5 minutes):
 * - passwordToken(username, password = 'password') — e.g. passwordToken('owner@acme.example.com')
 * - clientCredentialsToken(clientId, secret)
 *
 * Fresh identities, unique per call so tests can run concurrently and repeatedly:
 * - createTestTenant({ staff? }) -> { tenantId, alias, name, owner, staff? }: a new organization; the owner
 *   (seller-owner) and staff (seller-staff) are members, so their tokens carry
 *   `organization: { [alias]: { id: tenantId } }`.
 * - createTestBuyer(), createTestAdmin() -> { userId, email, password, token }
 * - createTestApiClient(tenantId) -> { clientId, secret, token }: token carries `tenant_id` and role `api-client`.
 *
 * keycloakIssuer() is the `iss` every token carries; testKeycloakAdmin() is the admin client the helpers use.
 */
export {
  passwordToken,
  clientCredentialsToken,
  keycloakTestSettings,
  keycloakIssuer,
  type KeycloakTestSettings,
} from './keycloak-tokens';
export {
  createTestTenant,
  createTestBuyer,
  createTestAdmin,
  createTestApiClient,
  testKeycloakAdmin,
  TEST_PASSWORD,
  type TestUser,
  type TestTenant,
  type TestApiClient,
} from './test-identities';
