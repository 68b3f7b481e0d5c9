import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AbilityFactory } from '../abilities';
import { AuthError, ForbiddenError } from '../errors';
import type { Principal, Role } from '../principal';
import { TENANT_STATUS_LOOKUP, writeRefusal, type TenantStatusLookup } from '../tenant-status';
import { TokenVerifier, bearerToken } from '../token-verifier';
import {
  ABILITY_KEY,
  INTERNAL_ONLY_KEY,
  IS_PUBLIC_KEY,
  OPEN_TO_PENDING_TENANTS_KEY,
  ROLES_KEY,
  type AbilityRequirement,
} from './decorators';
import { AUTH_OPTIONS, type AuthModuleOptions } from './auth-options';
import { headerValue, requestFromContext, type AuthenticatedRequest } from './request-access';

/** The confidential client the platform's services use for service-to-service calls. */
export const DEFAULT_INTERNAL_CALLERS: readonly string[] = ['marketplace-services'];

/** Header by which a member of several organizations picks one; honoured only if it is among the token's. */
export const TENANT_HEADER = 'x-tenant-id';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface GraphQLInfoShape {
  operation?: { operation?: string };
  path?: { prev?: unknown };
}

/**
 * Global guard: verifies the bearer token, attaches principal and ability, enforces @Roles and @CheckAbility, and
 * refuses the writes of a seller organization that is pending, rejected or suspended (ADR 0048).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(AbilityFactory) private readonly abilities: AbilityFactory,
    @Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions,
    @Optional() @Inject(TENANT_STATUS_LOOKUP) private readonly tenantStatus?: TenantStatusLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const request = requestFromContext(context);
    if (!request) throw new AuthError('missing_token', 'No request to authenticate');
    const requestedTenantId = headerValue(request, TENANT_HEADER);
    const principal = await this.verifier.verify(bearerToken(headerValue(request, 'authorization')), {
      ...(requestedTenantId ? { requestedTenantId } : {}),
    });
    const ability = this.abilities.forPrincipal(principal);
    request.principal = principal;
    request.ability = ability;

    if (this.reflector.getAllAndOverride<boolean>(INTERNAL_ONLY_KEY, targets)) {
      const callers = this.options.internalCallers ?? DEFAULT_INTERNAL_CALLERS;
      const party = principal.authorizedParty;
      if (principal.tenantId !== undefined || party === undefined || !callers.includes(party)) {
        throw new ForbiddenError('Only platform services may call this operation');
      }
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenError(`Requires one of the roles: ${roles.join(', ')}`);
    }
    const requirement = this.reflector.getAllAndOverride<AbilityRequirement | undefined>(
      ABILITY_KEY,
      targets,
    );
    if (requirement && !ability.can(requirement.action, requirement.subject)) {
      throw new ForbiddenError(`Not allowed to ${requirement.action} ${requirement.subject}`);
    }
    await this.checkTenantStanding(context, request, principal, targets);
    return true;
  }

  /**
   * Reads stay open whatever the organization's status (a suspended seller keeps its orders and statements);
   * only writes of a token acting for an organization ask its status. Buyers, platform admins and the platform's
   * services act for no organization (an admin is never held back by one it belongs to).
   */
  private async checkTenantStanding(
    context: ExecutionContext,
    request: AuthenticatedRequest & { method?: string },
    principal: Principal,
    targets: Parameters<Reflector['getAllAndOverride']>[1],
  ): Promise<void> {
    const tenantId = principal.tenantId;
    if (!this.tenantStatus || tenantId === undefined || principal.roles.includes('platform-admin')) return;
    if (!isWrite(context, request)) return;
    const openToPending =
      this.reflector.getAllAndOverride<boolean>(OPEN_TO_PENDING_TENANTS_KEY, targets) === true;
    const refusal = writeRefusal(await this.tenantStatus.standingOf(tenantId), openToPending);
    if (refusal !== undefined) throw new ForbiddenError(refusal);
  }
}

/** A GraphQL mutation (its root field; nested resolvers run only after it was allowed) or a non-GET route. */
function isWrite(context: ExecutionContext, request: { method?: string }): boolean {
  if (context.getType<string>() === 'graphql') {
    const info = context.getArgByIndex<GraphQLInfoShape | undefined>(3);
    return info?.operation?.operation === 'mutation' && info.path?.prev === undefined;
  }
  return !READ_METHODS.has((request.method ?? 'GET').toUpperCase());
}
