import { clientCredentialsToken } from './keycloak-tokens';
import {
  createTestAdmin,
  createTestApiClient,
  createTestBuyer,
  createTestTenant,
  type TestApiClient,
  type TestTenant,
  type TestUser,
} from './test-identities';

/** A real token of the platform's internal services client (the checkout saga's identity). */
export function serviceToken(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const secret = env.KEYCLOAK_SERVICES_CLIENT_SECRET;
  if (!secret)
    throw new Error(
      'KEYCLOAK_SERVICES_CLIENT_SECRET is not set: run tests after eval "$(platform/stack/stack env)"',
    );
  return clientCredentialsToken(env.KEYCLOAK_SERVICES_CLIENT_ID ?? 'marketplace-services', secret);
}

/** One fresh identity of every role the platform knows, each with a real token. */
export interface RoleIdentities {
  buyer: TestUser;
  /** `tenant.owner` is the seller-owner, `tenant.staff` the seller-staff. */
  tenant: TestTenant & { staff: TestUser };
  apiClient: TestApiClient;
  admin: TestUser;
  /** The internal services client's token. */
  services: string;
}

export async function createRoleIdentities(): Promise<RoleIdentities> {
  const [buyer, tenant, admin, services] = await Promise.all([
    createTestBuyer(),
    createTestTenant({ staff: true }),
    createTestAdmin(),
    serviceToken(),
  ]);
  const apiClient = await createTestApiClient(tenant.tenantId);
  return { buyer, tenant: tenant as TestTenant & { staff: TestUser }, apiClient, admin, services };
}
