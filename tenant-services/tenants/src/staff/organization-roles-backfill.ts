import type { KeycloakAdminClient } from '@marketplace/identity';
import type { TenantDirectory } from '../tenants/tenant-directory.repository';

export interface BackfillResult {
  tenants: number;
  /** Roles granted by this run (0 once every member has one). */
  granted: number;
}

/**
 * Gives the members of every tenant their role in it (ADR 0036) where they have none yet: owner to the tenant's
 * owner, staff to every other member. Members from before roles were per organization held realm-wide roles, which
 * no longer grant anything. Idempotent: a member with a role in the organization keeps it.
 */
export async function backfillOrganizationRoles(
  directory: TenantDirectory,
  keycloak: KeycloakAdminClient,
): Promise<BackfillResult> {
  const registrations = await directory.registrations();
  let granted = 0;
  for (const { tenantId, ownerUserId } of registrations) {
    for (const member of await keycloak.listMembers(tenantId)) {
      const held = (await keycloak.organizationRolesOf(member.id))[tenantId] ?? [];
      const role = member.id === ownerUserId ? 'seller-owner' : 'seller-staff';
      // Staff already holding any role keep it; the owner is made owner whatever else they hold.
      if (held.includes(role) || (role === 'seller-staff' && held.length > 0)) continue;
      await keycloak.grantOrganizationRole(tenantId, member.id, role);
      granted += 1;
    }
  }
  return { tenants: registrations.length, granted };
}
