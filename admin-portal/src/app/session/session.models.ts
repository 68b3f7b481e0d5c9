import type { KeycloakTokenParsed } from 'keycloak-js';

/** Who is signed in, read from the verified Keycloak token the gateway also checks on every call. */
export interface AdminUser {
  id: string;
  email: string | null;
  roles: string[];
}

export function adminFromToken(token: KeycloakTokenParsed | undefined): AdminUser | null {
  if (!token?.sub) return null;
  const claims = token as Record<string, unknown>;
  return {
    id: token.sub,
    email: typeof claims['email'] === 'string' ? claims['email'] : null,
    roles: token.realm_access?.roles ?? [],
  };
}

/** Only platform admins may use the portal; the API refuses everyone else too. */
export const isPlatformAdmin = (user: AdminUser | null): boolean => !!user?.roles.includes('platform-admin');
