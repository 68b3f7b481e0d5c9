import { z } from 'zod';

/** Token claim with the full paths of the user's organization role groups (ADR 0036). */
export const ORGANIZATION_ROLES_CLAIM = 'organization_roles';

/** Roles a user holds in one organization, never realm-wide. */
export const ORGANIZATION_ROLES = ['seller-owner', 'seller-staff'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export const organizationRolesClaimSchema = z.array(z.string()).optional();

// `/organization-roles/<org id>/<role>`, the group path Keycloak's group membership mapper writes.
const ROLE_GROUP_PATH = /^\/organization-roles\/([^/]+)\/(seller-owner|seller-staff)$/;

const organizationRoles = new Set<string>(ORGANIZATION_ROLES);

export function isOrganizationRole(role: string): role is OrganizationRole {
  return organizationRoles.has(role);
}

/**
 * The role the claim grants in `tenantId`: owner when both are granted, none for another organization's groups or
 * groups that are not role groups.
 */
export function organizationRoleIn(
  claim: readonly string[] | undefined,
  tenantId: string,
): OrganizationRole | undefined {
  let granted: OrganizationRole | undefined;
  for (const path of claim ?? []) {
    const match = ROLE_GROUP_PATH.exec(path);
    if (match?.[1] !== tenantId) continue;
    if (match[2] === 'seller-owner') return 'seller-owner';
    granted = 'seller-staff';
  }
  return granted;
}
