import { z } from 'zod';
import { AuthError, ForbiddenError } from './errors';
import { isOrganizationRole, organizationRoleIn, organizationRolesClaimSchema } from './organization-roles';

export const ROLES = ['buyer', 'seller-owner', 'seller-staff', 'platform-admin', 'api-client'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, derived only from a verified access token. */
export interface Principal {
  /** Token `sub`: the Keycloak user id (for API clients, their service-account user id). */
  userId: string;
  roles: readonly Role[];
  /** The tenant this request acts for: the token's single organization, the explicitly chosen one, or the API client's tenant. */
  tenantId?: string;
  /** Every tenant the token grants membership of (the roles above apply to `tenantId` only). */
  tenantIds: readonly string[];
  kind: 'user' | 'client';
  email?: string;
  /** Token `email_verified`: the realm confirmed the user controls `email` (self-registration does not). */
  emailVerified?: boolean;
  clientId?: string;
  /** Token `azp`: the OAuth client the token was issued to (identifies the platform's own services). */
  authorizedParty?: string;
}

export interface PrincipalOptions {
  /** Tenant chosen by the caller (header `x-tenant-id`); honoured only when it is one of the token's tenants. */
  requestedTenantId?: string;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  realm_access: z.object({ roles: z.array(z.string()) }).optional(),
  // Keycloak's organization mapper must be configured to add ids; an alias-only claim cannot name a tenant.
  organization: z.record(z.string(), z.object({ id: z.string().min(1) })).optional(),
  tenant_id: z.string().min(1).optional(),
  azp: z.string().optional(),
  client_id: z.string().optional(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  organization_roles: organizationRolesClaimSchema,
});

const knownRoles = new Set<string>(ROLES);

export function buildPrincipal(claims: unknown, options: PrincipalOptions = {}): Principal {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) {
    throw new AuthError(
      'invalid_claims',
      `Access token claims are malformed: ${parsed.error.issues[0]?.path.join('.') ?? ''}`,
    );
  }
  const token = parsed.data;
  // Seller roles are per organization (ADR 0036): a realm-wide seller-owner or seller-staff grants nothing.
  const roles = (token.realm_access?.roles ?? []).filter(
    (role): role is Role => knownRoles.has(role) && !isOrganizationRole(role),
  );
  const organizationIds = [...new Set(Object.values(token.organization ?? {}).map((org) => org.id))];
  const isClient = token.tenant_id !== undefined || roles.includes('api-client');

  if (token.tenant_id !== undefined && organizationIds.length > 0) {
    throw new AuthError('invalid_claims', 'Access token carries both an organization and a client tenant');
  }
  const tenantIds = token.tenant_id !== undefined ? [token.tenant_id] : organizationIds;
  const principal: Principal = {
    userId: token.sub,
    roles,
    tenantIds,
    kind: isClient ? 'client' : 'user',
  };
  const tenantId = chooseTenant(tenantIds, options.requestedTenantId);
  if (tenantId !== undefined) principal.tenantId = tenantId;
  // The role the user holds in the organization this request acts for; an API client's tenant has none.
  const organizationRole =
    tenantId !== undefined && organizationIds.includes(tenantId)
      ? organizationRoleIn(token.organization_roles, tenantId)
      : undefined;
  if (organizationRole !== undefined) roles.push(organizationRole);
  if (token.email !== undefined) principal.email = token.email;
  if (token.email_verified !== undefined) principal.emailVerified = token.email_verified;
  const clientId = token.client_id ?? token.azp;
  if (isClient && clientId !== undefined) principal.clientId = clientId;
  if (token.azp !== undefined) principal.authorizedParty = token.azp;
  return principal;
}

function chooseTenant(tenantIds: readonly string[], requested: string | undefined): string | undefined {
  if (requested !== undefined) {
    if (!tenantIds.includes(requested))
      throw new ForbiddenError('The requested tenant is not one of the token organizations');
    return requested;
  }
  if (tenantIds.length > 1) {
    throw new ForbiddenError(
      'The token belongs to several organizations: choose one with the x-tenant-id header',
    );
  }
  return tenantIds[0];
}
