import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ForbiddenError } from '@marketplace/auth';
import type { PaymentsConfig } from '../config';
import { PAYMENTS_CONFIG } from '../config.token';

/**
 * Lets through only tokens issued to the platform's confidential services client (`azp`). Runs after the global
 * auth guard, which has already verified signature, issuer, audience and expiry of this very header.
 */
@Injectable()
export class InternalCallerGuard implements CanActivate {
  constructor(@Inject(PAYMENTS_CONFIG) private readonly config: PaymentsConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: unknown }>();
    if (!request.principal) throw new ForbiddenError('Internal operations need a verified service token');
    const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const payload = token.split('.')[1];
    const claims = payload
      ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { azp?: unknown })
      : {};
    if (claims.azp !== this.config.INTERNAL_CALLER_CLIENT_ID) {
      throw new ForbiddenError('Internal payment operations are reserved for the platform services client');
    }
    return true;
  }
}
