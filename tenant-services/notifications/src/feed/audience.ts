import type { Principal } from '@marketplace/auth';

/** Audiences of feed entries and live channels: one user, every member of a seller, every platform admin. */
export const userAudience = (userId: string) => `user:${userId}`;
export const tenantAudience = (tenantId: string) => `tenant:${tenantId}`;
export const ADMINS_AUDIENCE = 'admins';

/** Every audience whose entries this caller sees: their own, their seller's (if any), the admins' (if one). */
export function audiencesOf(principal: Principal): string[] {
  return [
    userAudience(principal.userId),
    ...(principal.tenantId ? [tenantAudience(principal.tenantId)] : []),
    ...(principal.roles.includes('platform-admin') ? [ADMINS_AUDIENCE] : []),
  ];
}
