import type { KeycloakTokenParsed } from 'keycloak-js';

export type TenantStatus = 'PENDING' | 'ACTIVE' | 'SUSPENDED' | 'REJECTED';

/** The seller's organization as its members see it (tenants service `myTenant`). */
export interface TenantAccount {
  id: string;
  name: string;
  alias: string;
  status: TenantStatus;
  contactEmail: string;
  defaultCurrency: string;
  commissionBps: number;
  suspensionReason: string | null;
  rejectionReason: string | null;
  description: string | null;
  returnPolicy: string | null;
  logoMediaId: string | null;
}

/** A user's role in one organization (ADR 0036): roles are per organization, never realm-wide. */
export type OrganizationRole = 'seller-owner' | 'seller-staff';

export interface SessionOrganization {
  id: string;
  /** The claim's key, for the organization switcher until the tenant's name is loaded. */
  alias: string;
  /** The user's role in it; null when the token grants membership without a role. */
  role: OrganizationRole | null;
}

/** Who is signed in, read from the verified Keycloak token the gateway will also check. */
export interface SessionUser {
  id: string;
  email: string | null;
  name: string;
  /** Organization ids the token grants membership of (the tenant ids). */
  organizationIds: string[];
  /** The same organizations with their aliases and the user's role in each, by alias. */
  organizations: SessionOrganization[];
  /** The organization the portal acts for (see `chosenOrganization`); null without any. */
  organizationId: string | null;
  /** The user's role in that organization: what the nav and the guards show and allow. */
  role: OrganizationRole | null;
}

// `/organization-roles/<org id>/<role>`: the group paths the token's organization_roles claim carries.
const ROLE_GROUP_PATH = /^\/organization-roles\/([^/]+)\/(seller-owner|seller-staff)$/;

function roleIn(claim: unknown, organizationId: string): OrganizationRole | null {
  let role: OrganizationRole | null = null;
  for (const path of Array.isArray(claim) ? claim : []) {
    const match = typeof path === 'string' ? ROLE_GROUP_PATH.exec(path) : null;
    if (match?.[1] !== organizationId) continue;
    if (match[2] === 'seller-owner') return 'seller-owner';
    role = 'seller-staff';
  }
  return role;
}

/** The user of a token, acting for `remembered` if the token names it, else for its first organization. */
export function userFromToken(
  token: KeycloakTokenParsed | undefined,
  remembered: string | null = null,
): SessionUser | null {
  if (!token?.sub) return null;
  const claims = token as Record<string, unknown>;
  const email = typeof claims['email'] === 'string' ? claims['email'] : null;
  const organizations = Object.entries((claims['organization'] ?? {}) as Record<string, { id?: unknown }>)
    .filter((entry): entry is [string, { id: string }] => typeof entry[1]?.id === 'string')
    .map(([alias, org]) => ({ id: org.id, alias, role: roleIn(claims['organization_roles'], org.id) }))
    .sort((a, b) => a.alias.localeCompare(b.alias));
  const organizationId = chosenOrganization(organizations, remembered);
  return {
    id: token.sub,
    email,
    name: typeof claims['name'] === 'string' && claims['name'] ? claims['name'] : (email ?? 'Seller'),
    organizationIds: organizations.map((org) => org.id),
    organizations,
    organizationId,
    role: organizations.find((org) => org.id === organizationId)?.role ?? null,
  };
}

/** Owner of the organization the portal acts for (staff of it are not, whatever they are elsewhere). */
export const isOwner = (user: SessionUser | null): boolean => user?.role === 'seller-owner';

/**
 * The organization the portal acts for: the one chosen before (if the token still names it), else the first. Only
 * a user in several organizations has to choose; the API then reads it from the x-tenant-id header.
 */
export function chosenOrganization(
  organizations: readonly { id: string }[],
  stored: string | null,
): string | null {
  if (organizations.length === 0) return null;
  return organizations.some((org) => org.id === stored) ? stored : organizations[0]!.id;
}
