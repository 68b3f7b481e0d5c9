import { CrossTenantAccessDeniedError } from './errors';
import { currentContext } from './request-context';

/** Checked on every call (not once at construction) so a repository object cannot outlive the admin request. */
export function requireCrossTenant(): void {
  if (currentContext()?.crossTenant !== true) throw new CrossTenantAccessDeniedError();
}
