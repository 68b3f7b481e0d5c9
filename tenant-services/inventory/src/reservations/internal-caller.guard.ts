import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AuthError, ForbiddenError, type AuthenticatedRequest } from '@marketplace/auth';
import type { InventoryConfig } from '../config';
import { INVENTORY_CONFIG } from '../infrastructure.module';

/**
 * Lets only the platform's own services through: the global AuthGuard has verified the bearer token (signature,
 * issuer, audience, expiry) before this runs; here its `azp` must be one of the configured service clients.
 * Seller, buyer and API-client tokens never qualify, whatever their roles.
 */
@Injectable()
export class InternalCallerGuard implements CanActivate {
  constructor(@Inject(INVENTORY_CONFIG) private readonly config: InventoryConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) throw new AuthError('missing_token', 'A bearer access token is required');
    const clientId = authorizedParty(request.headers.authorization);
    if (
      request.principal.tenantId !== undefined ||
      clientId === undefined ||
      !this.config.INTERNAL_CALLER_CLIENT_IDS.includes(clientId)
    ) {
      throw new ForbiddenError('Only platform services may reserve, confirm or release stock');
    }
    return true;
  }
}

function authorizedParty(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const payload = value?.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { azp?: unknown };
    return typeof claims.azp === 'string' ? claims.azp : undefined;
  } catch {
    return undefined;
  }
}
