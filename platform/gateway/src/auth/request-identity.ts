import { TENANT_HEADER, TokenVerifier, bearerToken, type Principal } from '@marketplace/auth';

type IncomingHeaders = Readonly<Record<string, string | string[] | undefined>>;

export interface RequestIdentity {
  /** Present when the request carried a valid access token. */
  principal?: Principal;
  /** What the subgraphs and services receive: the caller's own token, its allowed tenant choice and trace context. */
  forwardHeaders: Record<string, string>;
}

/**
 * Opaque credentials a service checks itself, passed through unchanged: the anonymous cart token is the
 * only key to a cart without a signed-in buyer.
 */
export const PASS_THROUGH_HEADERS = ['x-cart-token'] as const;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies the caller's token once at the edge, so a bad token is refused before any service is called.
 * The original Authorization header is forwarded and verified again by each service (defence in depth):
 * no service trusts a header the gateway alone vouches for.
 */
export class RequestIdentifier {
  constructor(private readonly verifier: TokenVerifier) {}

  /** Throws AuthError (401), ForbiddenError (403, tenant not among the token's) or IdentityProviderUnavailableError (503). */
  async identify(headers: IncomingHeaders): Promise<RequestIdentity> {
    const forwardHeaders: Record<string, string> = {};
    const traceparent = single(headers.traceparent);
    if (traceparent) forwardHeaders.traceparent = traceparent;
    for (const name of PASS_THROUGH_HEADERS) {
      const value = single(headers[name]);
      if (value) forwardHeaders[name] = value;
    }

    const authorization = single(headers.authorization);
    if (authorization === undefined) return { forwardHeaders };

    const requestedTenantId = single(headers[TENANT_HEADER])?.trim() || undefined;
    const principal = await this.verifier.verify(
      bearerToken(authorization),
      requestedTenantId ? { requestedTenantId } : {},
    );
    forwardHeaders.authorization = authorization;
    // Only a tenant the token grants is passed on; the verifier refused any other.
    if (requestedTenantId !== undefined && principal.tenantId === requestedTenantId) {
      forwardHeaders[TENANT_HEADER] = requestedTenantId;
    }
    return { principal, forwardHeaders };
  }
}
