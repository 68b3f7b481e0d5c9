import {
  KeycloakAdminClient,
  keycloakAdminConfigFromEnv,
  type OrganizationRole,
} from '@marketplace/identity';
import { ulid } from 'ulid';
import { clientCredentialsToken, passwordToken } from './keycloak-tokens';

/** Password of every user these helpers create (and of the realm's demo users). */
export const TEST_PASSWORD = 'password';

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  /** Access token from the moment of creation; valid 5 minutes, call passwordToken(email) for a fresh one. */
  token: string;
}

export interface TestTenant {
  /** Organization id: the tenantId every tenant-owned record carries. */
  tenantId: string;
  alias: string;
  name: string;
  owner: TestUser;
  /** Present when created with `{ staff: true }`. */
  staff?: TestUser;
}

export interface TestApiClient {
  tenantId: string;
  clientId: string;
  secret: string;
  token: string;
}

let adminClient: KeycloakAdminClient | undefined;

/** Admin client (the provisioning client, marketplace-provisioning) from the stack's environment, shared by the helpers. */
export function testKeycloakAdmin(): KeycloakAdminClient {
  adminClient ??= new KeycloakAdminClient(keycloakAdminConfigFromEnv());
  return adminClient;
}

/** A new organization with an owner (member, seller-owner in it) whose real token carries the organization claim. */
export async function createTestTenant(options: { staff?: boolean } = {}): Promise<TestTenant> {
  const admin = testKeycloakAdmin();
  const unique = ulid().toLowerCase();
  const alias = `test-${unique}`;
  const name = `Test tenant ${unique}`;
  const tenantId = await admin.createOrganization(name, alias);
  const owner = await createMember(tenantId, `owner-${unique}`, 'seller-owner');
  const staff = options.staff ? await createMember(tenantId, `staff-${unique}`, 'seller-staff') : undefined;
  return { tenantId, alias, name, owner, ...(staff ? { staff } : {}) };
}

/** A new buyer (the realm's default role) with a real token. */
export async function createTestBuyer(): Promise<TestUser> {
  return createUserWithRoles(`buyer-${ulid().toLowerCase()}`, []);
}

/** A new platform admin with a real token. */
export async function createTestAdmin(): Promise<TestUser> {
  return createUserWithRoles(`admin-${ulid().toLowerCase()}`, ['platform-admin']);
}

/** A new client-credentials API client of the tenant; its token carries `tenant_id` and role `api-client`. */
export async function createTestApiClient(tenantId: string): Promise<TestApiClient> {
  const { clientId, secret } = await testKeycloakAdmin().createApiClient(
    tenantId,
    `test ${ulid().toLowerCase()}`,
  );
  return { tenantId, clientId, secret, token: await clientCredentialsToken(clientId, secret) };
}

async function createMember(tenantId: string, localPart: string, role: OrganizationRole): Promise<TestUser> {
  const userId = await createUser(localPart, []);
  await joinTestTenant(tenantId, userId, role);
  return withToken(userId, emailOf(localPart));
}

/** Makes an existing user a member of the organization with `role` in it (fetch a new token to see it). */
export async function joinTestTenant(
  tenantId: string,
  userId: string,
  role: OrganizationRole,
): Promise<void> {
  const admin = testKeycloakAdmin();
  await admin.addMember(tenantId, userId);
  await admin.grantOrganizationRole(tenantId, userId, role);
}

async function createUserWithRoles(localPart: string, roles: string[]): Promise<TestUser> {
  return withToken(await createUser(localPart, roles), emailOf(localPart));
}

async function createUser(localPart: string, roles: string[]): Promise<string> {
  const admin = testKeycloakAdmin();
  const userId = await admin.createUser({
    email: emailOf(localPart),
    password: TEST_PASSWORD,
    firstName: 'Test',
    lastName: localPart,
  });
  for (const role of roles) await admin.assignRealmRole(userId, role);
  return userId;
}

async function withToken(userId: string, email: string): Promise<TestUser> {
  return { userId, email, password: TEST_PASSWORD, token: await passwordToken(email, TEST_PASSWORD) };
}

function emailOf(localPart: string): string {
  return `${localPart}@test.example.com`;
}
