import {
  createLocalJWKSet,
  createRemoteJWKSet,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { z } from 'zod';
import { AuthError, IdentityProviderUnavailableError } from './errors';
import { buildPrincipal, type Principal, type PrincipalOptions } from './principal';

export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'] as const;
export type AllowedAlgorithm = (typeof ALLOWED_ALGORITHMS)[number];

export interface TokenVerifierOptions {
  /** `${KEYCLOAK_URL}/realms/${KEYCLOAK_REALM}` */
  issuer: string;
  /** Required `aud` value (the claim may be a string or an array). */
  audience: string;
  /** Defaults to `${issuer}/protocol/openid-connect/certs`. */
  jwksUri?: string;
  /** Allowed clock skew; defaults to 5 seconds. */
  clockToleranceSeconds?: number;
  /** Defaults to RS256 and ES256. */
  algorithms?: readonly AllowedAlgorithm[];
  /** Key resolver replacing the remote JWKS, e.g. `createLocalJWKSet(...)` in unit tests. */
  keys?: JWTVerifyGetKey;
  /** Source of the current time for expiry checks; defaults to the system clock. */
  clock?: () => Date;
  /**
   * How long a token that verified is taken as verified again without its signature being checked (never past its
   * expiry); defaults to 60 s, 0 checks every time. The signature check is the largest CPU cost of a request at the
   * gateway and in the services (ADR 0053), and a buyer's token arrives on every one of their requests.
   */
  verifiedTokenTtlMs?: number;
}

/** At most this many verified tokens are remembered (oldest forgotten first): a few MB at ~1.5 KB a token. */
const VERIFIED_TOKENS_MAX = 5000;

export type VerifyOptions = PrincipalOptions;

const optionsSchema = z.object({
  issuer: z.url(),
  audience: z.string().min(1),
  jwksUri: z.url().optional(),
  clockToleranceSeconds: z.number().int().min(0).max(300).optional(),
  verifiedTokenTtlMs: z.number().int().min(0).max(300_000).optional(),
  algorithms: z.array(z.enum(ALLOWED_ALGORITHMS)).min(1).optional(),
});

/** Verifies Keycloak access tokens against the realm's JWKS (fetched once, cached and refreshed by jose). */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly clockTolerance: number;
  private readonly algorithms: AllowedAlgorithm[];
  private readonly clock: (() => Date) | undefined;
  private readonly verifiedTokenTtlMs: number;
  /** Access tokens that verified, by their whole compact form (signature included), with when to check again. */
  private readonly verified = new Map<string, { payload: JWTPayload; untilMs: number }>();

  constructor(options: TokenVerifierOptions) {
    const valid = optionsSchema.parse(options);
    this.issuer = valid.issuer;
    this.audience = valid.audience;
    this.clockTolerance = valid.clockToleranceSeconds ?? 5;
    this.algorithms = [...(valid.algorithms ?? ALLOWED_ALGORITHMS)];
    this.clock = options.clock;
    this.verifiedTokenTtlMs = valid.verifiedTokenTtlMs ?? 60_000;
    this.keys =
      options.keys ?? remoteKeys(new URL(valid.jwksUri ?? `${valid.issuer}/protocol/openid-connect/certs`));
  }

  async verify(token: string | undefined, options: VerifyOptions = {}): Promise<Principal> {
    if (!token) throw new AuthError('missing_token', 'A bearer access token is required');
    const nowMs = (this.clock?.() ?? new Date()).getTime();
    const remembered = this.verified.get(token);
    if (remembered && nowMs < remembered.untilMs) return buildPrincipal(remembered.payload, options);
    if (remembered) this.verified.delete(token);
    const payload = await this.verifySignedToken(token);
    if (this.verifiedTokenTtlMs > 0 && typeof payload.exp === 'number') {
      if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, {
        payload,
        untilMs: Math.min(nowMs + this.verifiedTokenTtlMs, (payload.exp + this.clockTolerance) * 1000),
      });
    }
    return buildPrincipal(payload, options);
  }

  private async verifySignedToken(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.keys, {
      issuer: this.issuer,
      audience: this.audience,
      algorithms: this.algorithms,
      clockTolerance: this.clockTolerance,
      requiredClaims: ['exp', 'sub'],
      ...(this.clock ? { currentDate: this.clock() } : {}),
    }).catch(toAuthError);
    // Keycloak marks access tokens `typ: Bearer`; refuse ID and refresh tokens that happen to share the audience.
    if (payload.typ !== undefined && payload.typ !== 'Bearer') {
      throw new AuthError('invalid_token', 'Not an access token');
    }
    return payload;
  }

  /** Verifies the token of an `Authorization: Bearer <token>` header value. */
  async verifyAuthorizationHeader(
    header: string | undefined,
    options: VerifyOptions = {},
  ): Promise<Principal> {
    return this.verify(bearerToken(header), options);
  }
}

/**
 * The realm's keys from its JWKS endpoint, which jose refetches once its copy is 10 minutes old or a token names an
 * unknown key. When that refetch fails (Keycloak down or restarting), tokens keep verifying against the keys fetched
 * last: otherwise every token is refused as soon as the copy ages during an identity-provider outage.
 */
function remoteKeys(url: URL): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, { timeoutDuration: 3000 });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      const lastFetched = remote.jwks();
      const code = (error as { code?: unknown }).code;
      if (!lastFetched || code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS')
        throw error;
      return createLocalJWKSet(lastFetched)(header, token);
    }
  };
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function toAuthError(error: unknown): never {
  const code = (error as { code?: unknown }).code;
  const claim = (error as { claim?: unknown }).claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      throw new AuthError('expired_token', 'The access token has expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud')
        throw new AuthError('wrong_audience', 'The access token is not meant for this API');
      throw new AuthError('invalid_token', `The access token claim "${String(claim)}" is not valid`);
    case 'ERR_JWKS_TIMEOUT':
      throw new IdentityProviderUnavailableError(error);
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      throw new AuthError('invalid_token', 'The access token is not valid');
    default:
      // Anything else is the key fetch failing (network, bad JWKS document), not a bad token.
      throw new IdentityProviderUnavailableError(error);
  }
}
