import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Action, AppAbility, SubjectType } from '../abilities';
import type { Principal, Role } from '../principal';
import { requestFromContext } from './request-access';

export const IS_PUBLIC_KEY = 'marketplace:auth:public';
export const ROLES_KEY = 'marketplace:auth:roles';
export const ABILITY_KEY = 'marketplace:auth:ability';
export const INTERNAL_ONLY_KEY = 'marketplace:auth:internal-only';
export const OPEN_TO_PENDING_TENANTS_KEY = 'marketplace:auth:open-to-pending-tenants';

export interface AbilityRequirement {
  action: Action;
  subject: SubjectType;
}

/** The route or resolver needs no token (storefront browsing, health, webhooks with their own signature). */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Only the platform's own services may call (service-to-service operations such as stock reservations or
 * payment settlement): the token must be issued to one of `AuthModuleOptions.internalCallers` and act for
 * no tenant. Seller, buyer and API-client tokens never qualify, whatever their roles.
 */
export const InternalOnly = () => SetMetadata(INTERNAL_ONLY_KEY, true);

/**
 * A write a seller organization may make before an admin approved it (or after it was rejected): its store
 * profile, its staff. Every other mutation and non-GET route of a pending tenant is refused (ADR 0048); a
 * suspended tenant may write nothing, marked or not.
 */
export const OpenToPendingTenants = () => SetMetadata(OPEN_TO_PENDING_TENANTS_KEY, true);

/** The caller needs at least one of these realm roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/**
 * The caller's ability must allow `action` on some `subject`. Which records exactly is decided further in: by the
 * scoped repositories (the tenant or buyer of the request context) or by `ability.can` on a record in the handler.
 */
export const CheckAbility = (action: Action, subject: SubjectType) =>
  SetMetadata(ABILITY_KEY, { action, subject } satisfies AbilityRequirement);

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    requestFromContext(context)?.principal,
);

export const CurrentAbility = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AppAbility | undefined => requestFromContext(context)?.ability,
);
