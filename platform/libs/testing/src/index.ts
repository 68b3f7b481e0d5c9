/**
 * Helpers for integration tests against the real local stack (run them after
 * `eval "$(platform/stack/stack env)"`). Every user they create has the password `password`.
 *
 * Tokens (real Keycloak access tokens, 5 minutes):
 * - passwordToken(username, password = 'password') — e.g. passwordToken('owner@acme.example.com')
 * - clientCredentialsToken(clientId, secret); serviceToken() — the internal services client
 * - createRoleIdentities() — one fresh identity of every role: buyer, seller-owner, seller-staff, api-client,
 *   platform-admin, and the services token
 *
 * Fresh identities, unique per call so tests can run concurrently and repeatedly:
 * - createTestTenant({ staff? }) -> { tenantId, alias, name, owner, staff? }: a new organization; the owner
 *   (seller-owner) and staff (seller-staff) are members, so their tokens carry
 *   `organization: { [alias]: { id: tenantId } }`.
 * - createTestBuyer(), createTestAdmin() -> { userId, email, password, token }
 * - createTestApiClient(tenantId) -> { clientId, secret, token }: token carries `tenant_id` and role `api-client`.
 *
 * Services under test:
 * - startServiceUnderTest(() => createServiceApp(...), { mysql? , cleanup? }) -> { app, baseUrl, gql, rest, close }
 * - graphqlClient(baseUrl), restClient(baseUrl), errorCode(answer), dataOf(answer), waitFor(what, probe)
 * - outboxEnvelopes(db, filter) — what a service wrote to its outbox
 * - TcpRelay.open() — a relay in front of a server that a test cuts and restores (one dependency's outage)
 * - describeTenantIsolation(spec) — the shared suite: tenant B's token on tenant A's ids is refused, changes nothing
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
  joinTestTenant,
  TEST_PASSWORD,
  type TestUser,
  type TestTenant,
  type TestApiClient,
} from './test-identities';
export { createRoleIdentities, serviceToken, type RoleIdentities } from './role-tokens';
export {
  dataOf,
  errorCode,
  graphqlClient,
  restClient,
  type GraphQLAnswer,
  type GraphQLClient,
  type GraphQLError,
  type Loose,
  type RestAnswer,
  type RestClient,
} from './graphql';
export { waitFor } from './wait-for';
export { TcpRelay } from './tcp-relay';
export {
  dropMySqlDatabase,
  dropsOwnDatabase,
  offboardingTestEnv,
  startMySqlServiceUnderTest,
  startServiceUnderTest,
  testDatabaseName,
  testServiceEnv,
  type ServiceUnderTest,
  type ServiceUnderTestOptions,
} from './service-under-test';
export { outboxEnvelopes, type OutboxEnvelope } from './outbox';
export {
  describeTenantIsolation,
  type IsolationOperation,
  type IsolationParty,
  type TenantIsolationSpec,
} from './tenant-isolation';
export { refusedVariables } from './config-refusals';
export { untarGzip } from './archives';
