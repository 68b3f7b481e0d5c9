import { MySqlDatabase } from '@marketplace/service-kit';
import { withinTenant } from '@marketplace/tenancy';
import { createTestBuyer, testKeycloakAdmin } from '@marketplace/testing';
import { backfillOrganizationRoles } from '../src/staff/organization-roles-backfill';
import { insertTenant, newTenantRow } from '../src/tenants/tenant-registration';
import { TenantDirectory } from '../src/tenants/tenant-directory.repository';
import { startTenantsApp, uniqueAlias, type TenantsTestApp } from './support';

describe('tenants: organization roles for sellers from before ADR 0036 (real Keycloak)', () => {
  let app: TenantsTestApp;
  const keycloak = testKeycloakAdmin();

  beforeAll(async () => {
    app = await startTenantsApp();
  });
  afterAll(() => app.close());

  it("gives a tenant's owner and members without a role in it owner and staff, once", async () => {
    // A tenant as sign-up made it before: members of the organization, no role groups.
    const alias = uniqueAlias('legacy');
    const tenantId = await keycloak.createOrganization(`Shop ${alias}`, alias);
    const [owner, staff] = await Promise.all([createTestBuyer(), createTestBuyer()]);
    await keycloak.addMember(tenantId, owner.userId);
    await keycloak.addMember(tenantId, staff.userId);
    await withinTenant(tenantId, () =>
      insertTenant(
        app.database.db,
        newTenantRow({
          tenantId,
          name: `Shop ${alias}`,
          alias,
          status: 'active',
          commissionBps: 1000,
          defaultCurrency: 'EUR',
          contactEmail: owner.email,
          ownerUserId: owner.userId,
          statusChangedBy: null,
        }),
      ),
    );
    const directory = new TenantDirectory(app.app.get(MySqlDatabase));

    const first = await backfillOrganizationRoles(directory, keycloak);
    expect(first).toEqual({ tenants: 1, granted: 2 });
    expect(await keycloak.organizationRolesOf(owner.userId)).toEqual({ [tenantId]: ['seller-owner'] });
    expect(await keycloak.organizationRolesOf(staff.userId)).toEqual({ [tenantId]: ['seller-staff'] });

    const again = await backfillOrganizationRoles(directory, keycloak);
    expect(again.granted).toBe(0);
    expect(await keycloak.organizationRolesOf(staff.userId)).toEqual({ [tenantId]: ['seller-staff'] });
  });
});
