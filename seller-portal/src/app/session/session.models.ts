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

/** Who is signed in, read from the verified Keycloak token the gateway will also check. */
export interface SessionUser {
  id: string;
  email: string | null;
  name: string;
  roles: string[];
  /** Organization ids the token grants membership of (the tenant ids). */
  organizationIds: string[];
  /** The same organizations with their aliases (the claim's keys), for the organization switcher. */
  organizations: { id: string; alias: string }[];
}

export function userFromToken(token: KeycloakTokenParsed | undefined): SessionUser | null {
  if (!token?.sub) return null;
  const claims = token as Record<string, unknown>;
  const email = typeof claims['email'] === 'string' ? claims['email'] : null;
  const organizations = Object.entries((claims['organization'] ?? {}) as Record<string, { id?: unknown }>)
    .filter((entry): entry is [string, { id: string }] => typeof entry[1]?.id === 'string')
    .map(([alias, org]) => ({ id: org.id, alias }))
    .sort((a, b) => a.alias.localeCompare(b.alias));
  return {
    id: token.sub,
    email,
    name: typeof claims['name'] === 'string' && claims['name'] ? claims['name'] : (email ?? 'Seller'),
    roles: token.realm_access?.roles ?? [],
    organizationIds: organizations.map((org) => org.id),
    organizations,
  };
}

export const isOwner = (user: SessionUser | null): boolean => !!user?.roles.includes('seller-owner');

/**
 * The organization the portal acts for: the one chosen before (if the token still names it), else the first. Only
 * a user in several organizations has to choose; the API then reads it from the x-tenant-id header.
 */
export function chosenOrganization(user: SessionUser | null, stored: string | null): string | null {
  if (!user || user.organizations.length === 0) return null;
  return user.organizations.some((org) => org.id === stored) ? stored : user.organizations[0]!.id;
}
