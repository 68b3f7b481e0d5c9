import type { KeycloakTokenParsed } from 'keycloak-js';

export type TenantStatus = 'PENDING' | 'ACTIVE' | 'SUSPENDED';

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
}

/** Who is signed in, read from the verified Keycloak token the gateway will also check. */
export interface SessionUser {
  id: string;
  email: string | null;
  name: string;
  roles: string[];
  /** Organization ids the token grants membership of (the tenant ids). */
  organizationIds: string[];
}

export function userFromToken(token: KeycloakTokenParsed | undefined): SessionUser | null {
  if (!token?.sub) return null;
  const claims = token as Record<string, unknown>;
  const email = typeof claims['email'] === 'string' ? claims['email'] : null;
  const organizations = (claims['organization'] ?? {}) as Record<string, { id?: unknown }>;
  return {
    id: token.sub,
    email,
    name: typeof claims['name'] === 'string' && claims['name'] ? claims['name'] : (email ?? 'Seller'),
    roles: token.realm_access?.roles ?? [],
    organizationIds: Object.values(organizations)
      .map((org) => org.id)
      .filter((id): id is string => typeof id === 'string'),
  };
}

export const isOwner = (user: SessionUser | null): boolean => !!user?.roles.includes('seller-owner');
