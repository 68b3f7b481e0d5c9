export { AuthError, ForbiddenError, IdentityProviderUnavailableError, type AuthErrorReason } from './errors';
export {
  ORGANIZATION_ROLES_CLAIM,
  ORGANIZATION_ROLES,
  organizationRoleIn,
  type OrganizationRole,
} from './organization-roles';
export { ROLES, buildPrincipal, type Role, type Principal, type PrincipalOptions } from './principal';
export {
  TokenVerifier,
  bearerToken,
  ALLOWED_ALGORITHMS,
  type AllowedAlgorithm,
  type TokenVerifierOptions,
  type VerifyOptions,
} from './token-verifier';
export {
  AbilityFactory,
  asSubject,
  ACTIONS,
  SUBJECTS,
  TENANT_SUBJECTS,
  BUYER_SUBJECTS,
  type Action,
  type AppAbility,
  type SubjectType,
} from './abilities';
export {
  AuthModule,
  AUTH_OPTIONS,
  type AuthModuleOptions,
  type AuthModuleAsyncOptions,
} from './nest/auth.module';
export { AuthGuard, DEFAULT_INTERNAL_CALLERS, TENANT_HEADER } from './nest/auth.guard';
export { RequestContextInterceptor } from './nest/request-context.interceptor';
export {
  Public,
  InternalOnly,
  OpenToPendingTenants,
  Roles,
  CheckAbility,
  CurrentPrincipal,
  CurrentAbility,
  type AbilityRequirement,
} from './nest/decorators';
export {
  TENANT_STATUS_LOOKUP,
  TenantStatusUnavailableError,
  writeRefusal,
  type TenantLifecycleStatus,
  type TenantStanding,
  type TenantStatusLookup,
} from './tenant-status';
export { requestFromContext, type AuthenticatedRequest } from './nest/request-access';
