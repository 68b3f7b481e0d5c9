import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AbilityFactory } from '../abilities';
import { AuthError, ForbiddenError } from '../errors';
import type { Role } from '../principal';
import { TokenVerifier, bearerToken } from '../token-verifier';
import {
  ABILITY_KEY,
  INTERNAL_ONLY_KEY,
  IS_PUBLIC_KEY,
  ROLES_KEY,
  type AbilityRequirement,
} from './decorators';
import { AUTH_OPTIONS, type AuthModuleOptions } from './auth-options';
import { headerValue, requestFromContext } from './request-access';

/** The confidential client the platform's services use for service-to-service calls. */
export const DEFAULT_INTERNAL_CALLERS: readonly string[] = ['marketplace-services'];

/** Header by which a member of several organizations picks one; honoured only if it is among the token's. */
export const TENANT_HEADER = 'x-tenant-id';

/** Global guard: verifies the bearer token, attaches principal and ability, enforces @Roles and @CheckAbility. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(AbilityFactory) private readonly abilities: AbilityFactory,
    @Inject(AUTH_OPTIONS) private readonly options: AuthModuleOptions,
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
    return true;
  }
}
